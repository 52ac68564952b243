"""``ctct demo-data`` builds a realistic, deterministic organization; ``ctct bench tree`` runs."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from ctct.accounts.models import RoleGrant, User
from ctct.bodies.models import Body
from ctct.devtools.demo import DEMO_PASSWORD
from ctct.people.models import Person, Position, RankRecord
from ctct.text.names import rank_order


@pytest.fixture
def demo(db):
    call_command("demo_data", bodies=300, seed=7, verbosity=0)


def test_demo_data_builds_the_requested_tree_with_people_and_users(demo):
    assert 300 <= Body.objects.count() <= 330
    assert Person.objects.count() >= 300 * 10
    assert Body.objects.filter(kind="provincial_committee").exists()  # the civilian branch
    assert Body.objects.filter(merged_on__isnull=False, successor__isnull=False).exists()
    assert set(User.objects.values_list("username", flat=True)) == {
        "admin",
        "chinhtri",
        "chihuy",
        "bithu",
        "tinhuy",
    }
    assert User.objects.get(username="bithu").check_password(DEMO_PASSWORD)
    assert RoleGrant.objects.get(user__username="bithu").body.kind == "cell"


def test_demo_tree_paths_are_consistent(demo):
    for b in Body.objects.all()[:200]:
        assert b.numchild == Body.objects.filter(path__startswith=b.path, depth=b.depth + 1).count()
        assert len(b.path) == 4 * b.depth


def test_demo_leaders_hold_ranks_fitting_their_posts(demo):
    for pos in Position.objects.filter(
        title="Chính ủy", body__kind="party_committee"
    ).select_related("person", "body")[:50]:
        if pos.body.name.startswith("Đảng ủy Quân khu"):
            assert rank_order(pos.person.rank) >= rank_order("Thiếu tướng")
    for person in Person.objects.filter(body__kind="provincial_committee"):
        assert person.rank == ""  # civilians carry no rank
    latest = RankRecord.objects.filter(person__rank__gt="").order_by("person", "-conferred_on")
    first_seen = {}
    for r in latest:
        first_seen.setdefault(r.person_id, r.rank)
    sample = Person.objects.filter(pk__in=list(first_seen)[:100])
    assert all(first_seen[p.pk] == p.rank for p in sample)


def test_demo_data_is_deterministic(db):
    call_command("demo_data", bodies=120, seed=3, verbosity=0)
    first = list(Person.objects.order_by("id").values_list("full_name", "rank")[:200])
    from ctct.conferences.models import Conference
    from ctct.documents.models import Document, DocumentRelation, NumberSeries, Recipient
    from ctct.ratings.models import Discipline, RatingRound
    from ctct.resolutions.models import Resolution, Review

    RatingRound.objects.all().delete()  # and their sheets
    Discipline.objects.all().delete()
    Review.objects.all().delete()  # and their versions
    from ctct.congresses.models import Congress, CongressRound
    from ctct.congresses.models import Term as CongressTerm

    Congress.objects.all().delete()  # and their members
    CongressTerm.objects.all().delete()
    CongressRound.objects.all().delete()  # and their preparations, steps and reviews
    Resolution.objects.all().delete()  # and their targets, shares and entries
    Conference.objects.all().delete()
    Recipient.objects.all().delete()
    DocumentRelation.objects.all().delete()
    Document.objects.all().delete()
    NumberSeries.objects.all().delete()
    Person.history.model.objects.all().delete()
    Position.objects.all().delete()
    RankRecord.objects.all().delete()
    RoleGrant.objects.all().delete()
    User.objects.all().delete()
    Person.objects.all().delete()
    Body.objects.update(successor=None)
    Body.objects.all().delete()
    call_command("demo_data", bodies=120, seed=3, verbosity=0)
    assert list(Person.objects.order_by("id").values_list("full_name", "rank")[:200]) == first


def test_demo_data_includes_a_directive_cascading_down_a_region(demo):
    from ctct.documents.models import Document, Recipient, Step

    directive = Document.objects.get(type_code="CT", issuer__isnull=False)
    assert directive.relations_up.get().target.citation.startswith("Chỉ thị số 35-CT/TW")
    steps = set(Recipient.objects.filter(document=directive).values_list("step", flat=True))
    assert {Step.ADDRESSED, Step.RECEIVED, Step.DISSEMINATED} <= steps


def test_demo_data_includes_conferences_with_their_news_drafts(demo):
    from ctct.conferences.models import Article, Conference

    quan_triet = Conference.objects.get(kind="quan_triet")
    assert quan_triet.participants.filter(role="chair").count() == 1
    assert quan_triet.documents.count() == 1
    assert Article.objects.filter(conference=quan_triet).exists()
    assert Conference.objects.filter(kind="so_ket").exists()


def test_demo_data_includes_a_years_resolutions_down_a_region(demo, django_assert_num_queries):
    from django.utils import timezone

    from ctct.resolutions import selectors
    from ctct.resolutions import standing as st
    from ctct.resolutions.models import ProgressEntry, Resolution, TargetAssignment

    year = str(timezone.localdate().year)
    region = Body.objects.get(name__startswith="Đảng ủy Quân khu", depth=2)
    resolution = Resolution.objects.get(body=region)
    assert resolution.period == year
    assert resolution.adopted_at.kind == "ra_nghi_quyet"
    assert resolution.document.type_code == "NQ"
    assert resolution.focus_tasks.count() >= 3 and resolution.solution_groups.count() >= 3
    targets = list(resolution.targets.all())
    assert 4 <= len(targets) <= 6
    assert len({t.measure for t in targets}) >= 3 and len({t.rollup for t in targets}) >= 4
    # handed down the region, level by level, to a whole level and to the direct subordinates
    shares = TargetAssignment.objects.filter(target__resolution=resolution)
    assert shares.filter(parent__isnull=False).exists()
    assert shares.filter(body__depth__gte=region.depth + 3).exists()
    assert not shares.exclude(body__path__startswith=region.path).exists()
    # about half of the entries made (by the bodies that hand nothing further down), with
    # their history like every demo record
    entries = ProgressEntry.objects.filter(target__resolution=resolution)
    assert 0.3 < entries.count() / shares.filter(children__isnull=True).count() < 0.7
    assert ProgressEntry.history.filter(id__in=entries.values("id")).count() == entries.count()
    assert TargetAssignment.history.filter(id__in=shares.values("id")).count() == shares.count()
    standings = set()
    for target in targets:
        result = selectors.target_standing(target)
        standings |= {n.standing for n in result.rows}
    assert {st.MET, st.NO_DATA} <= standings and standings & st.BEHIND
    with django_assert_num_queries(1):  # the rows' records, all at once, when first read
        assert all(n.body.path == n.path for n in result.rows)
        assert all(n.assignment.body_id == n.body_id for n in result.rows[1:])
    # each level's resolution on a line down from the region
    depths = set(Resolution.objects.filter(period=year).values_list("body__depth", flat=True))
    assert len(depths) >= 3


def test_demo_data_includes_the_regions_year_end_review_drafted(demo):
    from django.utils import timezone

    from ctct.resolutions.models import Review
    from ctct.resolutions.review_selectors import review_assemble

    region = Body.objects.get(name__startswith="Đảng ủy Quân khu", depth=2)
    review = Review.objects.get(body=region)
    assert (review.period, review.kind) == (str(timezone.localdate().year), "tong_ket")
    assert review.versions.count() == 1
    draft = review_assemble(review)
    assert draft.version == 1 and draft.staff.limitations
    assert len(draft.targets) >= 4 and draft.directives and draft.conferences


def test_demo_data_refuses_a_database_that_has_bodies(demo):
    with pytest.raises(CommandError):
        call_command("demo_data", bodies=50, verbosity=0)
    call_command("demo_data", bodies=50, if_empty=True, verbosity=0)  # the demo's re-run is a no-op


def _bench(tmp_path, area: str) -> dict[str, str]:
    """Run ``ctct bench AREA`` small on a fresh SQLite file; its ``name=value`` figures."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CTCT_", "DATABASE_"))}
    env.update(CTCT_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    r = subprocess.run(
        [sys.executable, "-m", "ctct.cli", "bench", area, "--bodies", "300", "--repeat", "2"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    return dict(line.split("=", 1) for line in r.stdout.splitlines() if "=" in line)


def test_bench_tree_prints_its_figures(tmp_path):
    figures = _bench(tmp_path, "tree")
    for name in (
        "subtree_ms",
        "ancestors_ms",
        "subtree_queries",
        "ancestors_queries",
        "subtree_ids_ms",
        "raw_subtree_ids_ms",
        "body_page_ms",
    ):
        assert name in figures
    assert figures["subtree_queries"] == "2" and figures["ancestors_queries"] == "1"


def test_bench_plans_prints_its_figures(tmp_path):
    figures = _bench(tmp_path, "plans")
    assert float(figures["rollup_ms"]) > 0 and float(figures["rollup_cpu_ms"]) >= 0
    assert figures["rollup_queries"] == figures["rollup_queries_small"] == "2"
    assert int(figures["shares"]) > 250 and int(figures["entries"]) > 100
    assert int(figures["review_body_subordinates"]) > 100
    assert float(figures["review_docx_s"]) > 0 and int(figures["review_queries"]) > 0
    pdf = figures["review_pdf_s"]
    assert pdf.startswith("skipped") or float(pdf) > 0


# --- the demo people are plausible: titles, ranks, names and dates ---------------------------
# The command and political posts each kind of unit has, by the start of the unit's name
# (first match); Party posts (Bí thư, Ủy viên ...) may be held anywhere.
UNIT_TITLES = (
    ("Quân đội nhân dân", {"Chủ nhiệm Tổng cục Chính trị"}),
    ("Quân khu", {"Chính ủy", "Tư lệnh", "Phó Chính ủy", "Phó Tư lệnh"}),
    ("Cục Chính trị", {"Chủ nhiệm", "Phó Chủ nhiệm"}),
    ("Bộ Tham mưu", {"Tham mưu trưởng", "Phó Tham mưu trưởng"}),
    ("Cục Hậu cần", {"Chính ủy", "Cục trưởng", "Phó Chính ủy", "Chủ nhiệm Chính trị"}),
    ("Sư đoàn", {"Chính ủy", "Sư đoàn trưởng", "Phó Chính ủy", "Chủ nhiệm Chính trị"}),
    ("Lữ đoàn", {"Chính ủy", "Lữ đoàn trưởng"}),
    ("Trung đoàn", {"Chính ủy", "Trung đoàn trưởng"}),
    ("Tiểu đoàn", {"Chính trị viên", "Tiểu đoàn trưởng"}),
    ("Đại đội", {"Chính trị viên", "Đại đội trưởng"}),
    ("Bộ CHQS tỉnh", {"Chính ủy", "Chỉ huy trưởng"}),
    ("Ban CHQS", {"Chính trị viên", "Chỉ huy trưởng"}),
    ("Phòng", {"Trưởng phòng"}),
    ("Ủy ban Kiểm tra", {"Chủ nhiệm"}),
    ("Kho", {"Chủ nhiệm"}),
    ("Xưởng", {"Giám đốc"}),
    ("xã", {"Chủ tịch UBND"}),
    ("phường", {"Chủ tịch UBND"}),
)


def _allowed_titles(unit_name: str) -> set[str]:
    return next((titles for prefix, titles in UNIT_TITLES if unit_name.startswith(prefix)), set())


def _current_posts():
    return list(
        Position.objects.filter(ended_on__isnull=True)
        .select_related("person", "body")
        .order_by("id")
    )


def test_demo_titles_are_the_posts_their_unit_has(demo):
    wrong = [
        f"{p.title} {p.body.unit_name}"
        for p in _current_posts()
        if p.title_kind != "party" and p.title not in _allowed_titles(p.body.unit_name)
    ]
    assert wrong == []
    titles = {(p.title, p.body.unit_name.split(" Quân khu")[0]) for p in _current_posts()}
    assert ("Chủ nhiệm", "Cục Chính trị") in titles
    assert ("Tham mưu trưởng", "Bộ Tham mưu") in titles
    assert not {("Chính ủy", "Cục Chính trị"), ("Cục trưởng", "Bộ Tham mưu")} & titles


def test_no_demo_person_outranks_their_superior(demo):
    """A body's secretary answers to the secretary of the body above; everyone else in a body
    (its other leaders and its members) to its own secretary."""
    posts = _current_posts()
    secretary = {p.body_id: p.person for p in posts if p.title == "Bí thư"}
    parent = {
        b.pk: Body.objects.get_parent(b) for b in Body.objects.filter(depth__gt=1).order_by("path")
    }
    leads = {p.person_id: p.body_id for p in posts if p.title == "Bí thư"}
    checked, above = 0, []
    for person in Person.objects.exclude(rank="").select_related("body"):
        if person.pk in leads:
            up = parent.get(leads[person.pk])
            boss = secretary.get(up.pk) if up is not None else None
        else:
            boss = secretary.get(person.body_id)
        if boss is None or not boss.rank:
            continue
        checked += 1
        if rank_order(person.rank) > rank_order(boss.rank):
            above.append(f"{person} under {boss}")
    assert checked > 1000
    assert above == []


def test_demo_names_repeat_no_syllable(demo):
    repeated = [
        name
        for name in Person.objects.values_list("full_name", flat=True)
        if len(set(name.casefold().split())) != len(name.split())
    ]
    assert repeated == []


def test_demo_dates_obey_the_rule_for_typed_dates(demo):
    from ctct.core.dates import DateKind, date_error

    today = dt.date.today()
    people = Person.objects.values_list("pk", "birth_date", "party_joined_on", "party_confirmed_on")
    born = {}
    for pk, birth, joined, confirmed in people:
        born[pk] = birth
        assert date_error(birth, kind=DateKind.BIRTH, today=today) is None
        assert date_error(joined, kind=DateKind.PARTY, today=today) is None
        assert birth.replace(year=birth.year + 18) <= joined
        assert confirmed is None or joined < confirmed <= today
    for pk, rank, on in RankRecord.objects.values_list("person_id", "rank", "conferred_on"):
        assert date_error(on, kind=DateKind.MILITARY, today=today) is None
        assert born[pk].replace(year=born[pk].year + 18) <= on, (pk, rank, on)
    for p in Position.objects.select_related("body"):
        assert date_error(p.started_on, kind=DateKind.PARTY, today=today) is None
        assert p.body.founded_on is None or p.body.founded_on <= p.started_on, (p, p.started_on)
        assert born[p.person_id] < p.started_on


@pytest.mark.parametrize("seed", [1, 5, 7, 11])
def test_the_demo_plan_always_has_a_civilian_branch(seed):
    """The provincial editor (``tinhuy``) needs a province even when the military units
    went past the requested size."""
    import random

    from ctct.devtools.demo import TreePlan

    nodes = [n for root in TreePlan(300, random.Random(seed)).build() for n in root.walk()]
    assert any(n.kind == "provincial_committee" for n in nodes)
    assert 300 <= len(nodes) <= 330
    none = TreePlan(300, random.Random(seed), civil_share=0.0).build()
    assert not any(n.civilian for root in none for n in root.walk())
