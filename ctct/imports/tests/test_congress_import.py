"""A reviewed congress report (kind dai_hoi) fills the body's congress record: the real reports
of ``../shared/real`` read in place (never copied into the repository), factories for the rest."""

from __future__ import annotations

import datetime as dt
import json
import types
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from ctct.bodies.tests.factories import make_body
from ctct.conferences.models import Conference
from ctct.congresses import services as congress_services
from ctct.congresses.models import Congress, Role, Source, Term
from ctct.imports import review
from ctct.imports.congress import (
    closing_day,
    congress_plan,
    congress_write,
    read_congress,
    roman_value,
)
from ctct.imports.ingest import open_questions
from ctct.imports.matching import Matcher
from ctct.imports.models import ImportItem, ImportLink, ItemStatus, LinkKind
from ctct.imports.tests.factories import import_report
from ctct.people.tests.factories import make_person

REAL = Path("/work/shared/real")
SHARED_REAL = (Path(__file__).resolve().parents[4] / "shared" / "real", REAL)


def real(stem: str) -> tuple[dict, str]:
    """The hand-checked record and the text of a real report, read where they are."""
    folder = next((d for d in SHARED_REAL if (d / f"{stem}.txt").is_file()), None)
    if folder is None:
        pytest.skip("../shared/real is not beside the repository")
    record = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
    return record, (folder / f"{stem}.txt").read_text(encoding="utf-8")


def read_real(stem: str):
    record, text = real(stem)
    return read_congress(types.SimpleNamespace(record=record, text=text))


# --- reading what the report gives (no database) ----------------------------------------------
def test_roman_and_arabic_congress_numbers_are_read():
    assert [roman_value(s) for s in ("XVIII", "xiv", "IV", "21", "I")] == [18, 14, 4, 21, 1]
    assert roman_value("abc") is None


def test_the_closing_day_comes_only_from_a_span_that_starts_on_the_opening_day():
    opened = dt.date(2025, 4, 14)
    assert closing_day("Trong 2 ngày (14 và 15-4)", opened) == dt.date(2025, 4, 15)
    assert closing_day("Trong 2 ngày 14-15/4", opened) == dt.date(2025, 4, 15)
    assert closing_day("Sáng 14/4", opened) is None
    assert closing_day("Trong 2 ngày (13 và 14-4)", opened) is None


def test_a_real_regiment_congress_gives_its_number_kind_term_and_both_days():
    read = read_real("108")
    assert (read.term_label, read.number, read.kind) == ("2025-2030", 18, "delegates")
    assert (read.opened_on, read.closed_on) == (dt.date(2025, 4, 14), dt.date(2025, 4, 15))
    assert read.secretary == ""  # the report does not say who was elected


def test_the_number_of_another_bodys_congress_is_not_taken_for_this_one():
    # "Đại hội Đảng bộ Lữ đoàn lần thứ XVI" is the brigade's next congress, not the battalion's
    read = read_real("111")
    assert read.term_label == "2025-2030" and read.number is None


def test_the_secretary_elected_is_read_and_a_deputy_or_an_appointed_one_is_not():
    assert read_real("326").secretary == "Võ Hồng Hằng"  # "..., đồng chí Lê Thị Thơm – Phó Bí thư"
    assert read_real("328").secretary == "Lê Đức Tánh"
    assert read_real("311").secretary == "Nguyễn Quốc Lập"
    assert read_real("307").secretary == ""  # "chỉ định ... giữ chức Bí thư": appointed


# --- the record written after review ----------------------------------------------------------
@pytest.fixture
def division(db):
    division = make_body(name="Đảng ủy Sư đoàn 367", unit_name="Sư đoàn 367")
    # the regiment's body is named otherwise in the tree: the reviewer chooses it
    regiment = make_body(parent=division, name="Đảng ủy Đơn vị Tên lửa A", unit_name="Đơn vị A")
    return types.SimpleNamespace(division=division, regiment=regiment)


@pytest.fixture
def reviewer(django_user_model):
    return django_user_model.objects.create_superuser("reviewer", "r@example.org", "x")


def waiting_real(tree, stem: str) -> ImportItem:
    _record, text = real(stem)
    item = import_report(root=tree.division, text=text, name=f"{stem}.txt")
    assert item.status == ItemStatus.NEEDS_REVIEW  # the holding body is not found alone
    return item


def confirmed(item: ImportItem, body, user) -> ImportItem:
    review.item_choose(item=item, kind="organizer", index=0, choice=body.pk, user=user)
    return review.item_confirm(item=item, user=user)


@pytest.mark.django_db
def page_text(client, item) -> str:
    with translation.override("en"):
        response = client.get(reverse("imports:item", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.mark.django_db
def test_the_review_page_says_the_congress_record_will_be_written_and_then_that_it_was(
    division, reviewer, client, settings
):
    settings.LANGUAGE_CODE = "en"
    client.force_login(reviewer)
    item = waiting_real(division, "108")
    review.item_choose(
        item=item, kind="organizer", index=0, choice=division.regiment.pk, user=reviewer
    )
    text = page_text(client, item)
    assert (
        "Confirming also writes the congress record of Đảng ủy Đơn vị Tên lửa A for the term "
        "2025-2030 and opens the term." in text
    )
    assert "Congress number (lần thứ): 18" in text
    assert "Dates: 14/04/2025 – 15/04/2025" in text
    assert "Directing superior: Đảng ủy Sư đoàn 367" in text
    review.item_confirm(item=item, user=reviewer)
    assert "The congress record was written from this report." in page_text(client, item)


@pytest.mark.django_db
def test_a_reviewed_real_congress_report_writes_the_record_linked_to_its_conference(
    division, reviewer
):
    item = confirmed(waiting_real(division, "108"), division.regiment, reviewer)
    assert item.status == ItemStatus.APPLIED
    congress = Congress.objects.get()
    assert congress.conference == item.conference
    assert congress.conference.kind == "dai_hoi"
    assert (congress.body, congress.source, congress.number, congress.number_counted) == (
        division.regiment,
        Source.IMPORTED,
        18,
        False,
    )
    assert (congress.kind, congress.opened_on, congress.closed_on) == (
        "delegates",
        dt.date(2025, 4, 14),
        dt.date(2025, 4, 15),
    )
    assert congress.directed_by == division.division  # Chính ủy Sư đoàn 367 directed it
    # never invented: no delegates, no committee, no secretary
    assert congress.delegates_summoned is None and congress.delegates_present is None
    assert not congress.members.exists()
    term = congress.term
    assert (term.label, term.number, term.starts_on) == ("2025-2030", 18, dt.date(2025, 4, 16))
    assert term.numbering is not None and term.numbering.label == "2025-2030"
    assert ImportLink.objects.filter(item=item, kind=LinkKind.CONGRESS, object_id=congress.pk)
    assert item.matches["congress"] == {"outcome": "created", "id": congress.pk}
    with translation.override("en"):
        missing = [str(m) for m in congress.missing]
    assert missing == [
        "the delegates summoned",
        "the delegates present",
        "the elected committee",
        "the secretary",
    ]


@pytest.mark.django_db
def test_writing_the_same_report_again_makes_no_second_congress(division, reviewer):
    item = confirmed(waiting_real(division, "108"), division.regiment, reviewer)
    again = congress_write(item, item.conference, matcher=Matcher(division.division), user=reviewer)
    assert again["outcome"] == "created" and Congress.objects.count() == 1
    ImportLink.objects.filter(item=item, kind=LinkKind.CONGRESS).delete()
    again = congress_write(item, item.conference, matcher=Matcher(division.division), user=reviewer)
    assert again == {"outcome": "linked", "id": Congress.objects.get().pk}
    assert Congress.objects.count() == 1 and Term.objects.count() == 1


@pytest.mark.django_db
def test_a_congress_entered_by_hand_is_linked_and_not_overwritten(division, reviewer):
    people = [make_person(body=division.regiment) for _ in range(3)]
    by_hand = congress_services.congress_record(
        body=division.regiment,
        term_label="2025-2030",
        kind="all_members",
        opened_on=dt.date(2025, 4, 14),
        closed_on=dt.date(2025, 4, 14),
        delegates_summoned=30,
        delegates_present=29,
        committee=[(p, "90") for p in people],
        secretary=people[0],
        number=17,
        postponement_reason="Nhập lại hồ sơ đã có",
    )
    item = waiting_real(division, "108")
    review.item_choose(
        item=item, kind="organizer", index=0, choice=division.regiment.pk, user=reviewer
    )
    assert congress_plan(ImportItem.objects.get(pk=item.pk))["existing"] == by_hand
    item = review.item_confirm(item=item, user=reviewer)
    by_hand.refresh_from_db()
    assert Congress.objects.count() == 1
    assert by_hand.conference == item.conference
    assert (by_hand.source, by_hand.number, by_hand.kind, by_hand.delegates_present) == (
        Source.ENTERED,
        17,
        "all_members",
        29,
    )
    assert item.matches["congress"] == {"outcome": "linked", "id": by_hand.pk}


@pytest.mark.django_db
def test_an_overlapping_term_leaves_the_report_applied_and_says_why(division, reviewer):
    Term.objects.create(
        body=division.regiment,
        label="2023-2028",
        first_year=2023,
        last_year=2028,
        number=17,
        starts_on=dt.date(2023, 5, 1),
    )
    item = confirmed(waiting_real(division, "108"), division.regiment, reviewer)
    assert item.status == ItemStatus.APPLIED and Conference.objects.count() == 1
    assert not Congress.objects.exists()
    assert item.matches["congress"]["outcome"] == "refused"
    with translation.override("vi"):
        expected = str(congress_services.MSG_TERM_OVERLAP) % {
            "term": "2025-2030",
            "body": division.regiment.name,
            "previous": "2023-2028",
        }
    assert item.matches["congress"]["message"] == expected


CELL_CONGRESS = """Đại hội Chi bộ Đại đội 5 nhiệm kỳ 2025-2027

Ngày 20/3/2025, Chi bộ Đại đội 5 tổ chức Đại hội lần thứ IX, nhiệm kỳ 2025-2027. Đại tá \
Hoàng Văn Lâm, Bí thư Đảng ủy, Chính ủy Sư đoàn 367 dự và chỉ đạo đại hội. Thượng úy Đỗ \
Minh Khoa, Chính trị viên Đại đội 5 trình bày báo cáo chính trị.

Đại hội đã bầu đồng chí Đỗ Minh Khoa giữ chức Bí thư chi bộ nhiệm kỳ 2025-2027.

Tin: Thu Hà
"""


@pytest.mark.django_db
def test_a_cell_congress_names_its_secretary_and_counts_its_number_only_when_unsaid(
    division, reviewer, client
):
    cell = make_body(parent=division.division, name="Chi bộ Khẩu đội 9", kind="cell")
    item = import_report(root=division.division, text=CELL_CONGRESS)
    assert item.status == ItemStatus.NEEDS_REVIEW
    client.force_login(reviewer)
    with translation.override("en"):
        page = client.get(reverse("imports:item", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and b'class="congress-plan"' in page.content
    item = confirmed(item, cell, reviewer)
    congress = Congress.objects.get(body=cell)
    assert (congress.number, congress.number_counted, congress.term.label) == (
        9,
        False,
        "2025-2027",
    )
    secretary = congress.members.get(role=Role.SECRETARY).person
    assert secretary.full_name == "Đỗ Minh Khoa"
    assert congress.closed_on is None and congress.kind == ""
    assert congress.directed_by == division.division
    page = client.get(reverse("imports:item", args=[item.pk]))
    assert page.status_code == 200 and b'id="congress"' in page.content


@pytest.mark.django_db
def test_the_import_service_refuses_a_future_or_reversed_congress_and_changes_nothing(division):
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    later = timezone.localdate() + dt.timedelta(days=3)
    for opened, closed, message in (
        (later, None, congress_services.MSG_FUTURE),
        (dt.date(2025, 4, 15), dt.date(2025, 4, 14), congress_services.MSG_DATES_ORDER),
    ):
        with pytest.raises(ValidationError) as exc:
            congress_services.congress_import(
                body=division.regiment,
                conference=None,
                term_label="2025-2030",
                opened_on=opened,
                closed_on=closed,
            )
        assert [e.message for e in exc.value.error_dict[next(iter(exc.value.error_dict))]] == [
            message
        ]
    assert not Congress.objects.exists() and not Term.objects.exists()


@pytest.mark.django_db
def test_a_congress_entered_by_hand_still_needs_its_kind(division):
    from django.core.exceptions import ValidationError

    person = make_person(body=division.regiment)
    with pytest.raises(ValidationError) as exc:
        congress_services.congress_record(
            body=division.regiment,
            term_label="2025-2030",
            kind="",
            opened_on=dt.date(2025, 4, 14),
            delegates_summoned=30,
            delegates_present=29,
            committee=[(person, "90")],
            secretary=person,
            postponement_reason="Nhập lại hồ sơ đã có",
        )
    assert exc.value.error_dict["kind"][0].message == congress_services.MSG_KIND
    assert not Congress.objects.exists()


@pytest.mark.django_db
def test_the_missing_include_lists_what_an_imported_congress_lacks(division):
    from django.template.loader import render_to_string

    congress, created = congress_services.congress_import(
        body=division.regiment,
        conference=None,
        term_label="2020-2025",
        opened_on=dt.date(2020, 5, 7),
    )
    assert created and congress.number == 1 and congress.number_counted
    with translation.override("en"):
        html = render_to_string("congresses/_missing.html", {"congress": congress})
    assert "Read from an imported report" in html
    for what in ("counted from the terms on record", "the kind", "the closing day"):
        assert what in html
    # the next congress counts on from this one
    nxt, _created = congress_services.congress_import(
        body=division.regiment,
        conference=None,
        term_label="2025-2030",
        opened_on=dt.date(2025, 4, 14),
    )
    congress.term.refresh_from_db()
    assert nxt.number == 2 and congress.term.ends_on == dt.date(2025, 4, 14)


@pytest.mark.django_db
def test_an_earlier_congress_read_after_a_later_one_fits_between_the_terms(division):
    later, _c = congress_services.congress_import(
        body=division.regiment,
        conference=None,
        term_label="2025-2030",
        opened_on=dt.date(2025, 4, 14),
        closed_on=dt.date(2025, 4, 15),
        number=18,
    )
    earlier, created = congress_services.congress_import(
        body=division.regiment,
        conference=None,
        term_label="2020-2025",
        opened_on=dt.date(2020, 5, 25),
        closed_on=dt.date(2020, 5, 26),
    )
    assert created and (earlier.number, earlier.number_counted) == (17, True)
    term = earlier.term
    assert (term.starts_on, term.ends_on) == (dt.date(2020, 5, 27), dt.date(2025, 4, 15))
    assert (term.numbering.starts_on, term.numbering.ends_on) == term_dates(term)
    later.term.refresh_from_db()
    assert later.term.ends_on is None and later.term.numbering.ends_on is None
    # one that overlaps a term on record is refused, nothing written
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        congress_services.congress_import(
            body=division.regiment,
            conference=None,
            term_label="2022-2027",
            opened_on=dt.date(2022, 5, 25),
        )
    assert exc.value.error_dict["term_label"][0].message == congress_services.MSG_TERM_OVERLAP
    assert Congress.objects.count() == 2


def term_dates(term):
    return term.starts_on, term.ends_on


CERTAIN_CONGRESS = """Đại hội Đảng bộ Lữ đoàn 657 lần thứ XV, nhiệm kỳ 2025-2030

Ngày 12/5/2025, Đảng ủy Lữ đoàn 657 tổ chức Đại hội đại biểu Đảng bộ Lữ đoàn lần thứ XV, \
nhiệm kỳ 2025-2030. Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn chủ trì đại hội.

Đại hội đã thảo luận, đánh giá kết quả thực hiện Nghị quyết Đại hội nhiệm kỳ 2020-2025 và \
thống nhất phương hướng, nhiệm vụ nhiệm kỳ 2025-2030.

Tin: Thu Hà
"""


@pytest.mark.django_db
def test_a_congress_report_waits_for_a_person_even_when_everything_in_it_was_matched(
    division, reviewer
):
    brigade = make_body(
        parent=division.division, name="Đảng ủy Lữ đoàn 657", unit_name="Lữ đoàn 657"
    )
    item = import_report(root=division.division, text=CERTAIN_CONGRESS, name="certain.txt")
    assert item.record["event"]["kind"] == "dai_hoi"
    assert item.matches["organizer"]["object_id"] == brigade.pk
    assert open_questions(item) == []
    # held for the reviewer: nothing written yet
    assert item.status == ItemStatus.NEEDS_REVIEW
    assert not Conference.objects.exists() and not Congress.objects.exists()
    item = review.item_confirm(item=item, user=reviewer)
    assert item.status == ItemStatus.APPLIED
    congress = Congress.objects.get()
    assert (congress.body, congress.conference) == (brigade, item.conference)
