"""Vietnamese matching, ranking, phrases, prefixes, numbers, bad input, and upkeep."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from ctct.search.engine import MSG_EMPTY, MSG_NO_WORDS, search
from ctct.search.models import Entry
from ctct.search.tests.conftest import titles


@pytest.fixture
def directive(org):
    from ctct.documents.tests.factories import make_document

    return make_document(
        issuer=org.region,
        title="Về lãnh đạo đại hội chi bộ làm điểm nhiệm kỳ 2025-2027",
        text="Tăng cường giáo dục chính trị, hoà hợp và đoàn kết trong toàn Đảng bộ.",
    )


@pytest.fixture
def central(org):
    from ctct.documents.tests.factories import make_registered_document

    return make_registered_document(
        citation="Chỉ thị số 35-CT/TW", title="Về tổ chức đại hội đảng bộ các cấp"
    )


class TestVietnamese:
    def test_a_document_is_found_by_the_words_of_its_title_and_text(self, users, directive, find):
        assert titles(find(users.officer, "đại hội chi bộ làm điểm")) == [directive.title]
        assert titles(find(users.officer, "giáo dục chính trị")) == [directive.title]

    def test_without_diacritics_and_with_either_tone_placement(self, users, directive, find):
        for q in ("dai hoi chi bo lam diem", "giao duc chinh tri", "hòa hợp", "hoà hợp"):
            assert titles(find(users.officer, q)) == [directive.title], q

    def test_every_written_form_of_a_number_finds_the_document(self, users, central, find):
        for q in ("35-CT/TW", "35/CT-TW", "chỉ thị 35", "Chỉ thị số 35", "CT 35", "ct 35"):
            assert central.title in titles(find(users.officer, q)), q

    def test_a_number_written_without_a_space_finds_the_document_first(
        self, org, users, central, find
    ):
        from ctct.documents.tests.factories import make_document

        make_document(issuer=org.region, title="Chỉ thị CT về 35 việc", text="ct và 35")
        for q in ("ct35", "CT35", "35CT", "35ct ", "35CT/TW"):
            assert titles(find(users.officer, q))[:1] == [central.title], q

    def test_the_number_ranks_the_document_above_texts_that_only_share_its_words(
        self, org, users, central, find
    ):
        from ctct.documents.tests.factories import make_document

        make_document(
            issuer=org.region, title="Ba mươi lăm chỉ thị", text="35 chỉ thị CT đã ban hành"
        )
        assert titles(find(users.officer, "chỉ thị 35"))[0] == central.title

    def test_people_named_trường_rank_above_posts_ending_in_trưởng(self, org, users, find):
        from ctct.people.tests.factories import make_person

        make_person(full_name="Lê Văn Hùng", body=org.cell, titles=["Đại đội trưởng"])
        named = make_person(full_name="Phạm Văn Trường", body=org.cell)
        found = find(users.officer, "Trường", kinds=["person"])
        assert found.hits[0].title == named.full_name
        assert len(found.hits) == 2

    def test_quotes_match_words_in_a_row_only(self, users, directive, find):
        assert titles(find(users.officer, '"chi bộ làm điểm"')) == [directive.title]
        assert titles(find(users.officer, '"làm chi bộ"')) == []

    def test_the_last_word_matches_as_it_is_typed(self, users, directive, find):
        assert titles(find(users.officer, "giáo dục chính t")) == []  # one letter: whole word
        assert titles(find(users.officer, "giáo dục chín")) == [directive.title]

    def test_whole_words_only_before_the_last(self, users, directive, find):
        assert titles(find(users.officer, "chin tri ")) == []

    def test_the_snippet_and_title_are_escaped_then_highlighted(self, org, users, find):
        from ctct.documents.tests.factories import make_document

        make_document(issuer=org.region, title="<b>Đại hội</b> & <script>", text="x < y đại hội")
        hit = find(users.officer, "dai hoi").hits[0]
        assert "<script>" not in hit.title_html and "&lt;script&gt;" in hit.title_html
        assert "<mark>Đại</mark> <mark>hội</mark>" in hit.title_html
        assert "x &lt; y <mark>đại</mark> <mark>hội</mark>" in hit.snippet

    def test_bodies_of_the_same_name_come_with_their_parents(self, org, users, find):
        from ctct.bodies.tests.factories import make_cell

        make_cell(parent=org.pol, name="Chi bộ Đại đội 1", unit_name="Đại đội 1")
        hits = [h for h in find(users.officer, "chi bo dai doi 1", kinds=["body"]).hits]
        assert len(hits) == 2 and all(h.repeats for h in hits)
        assert {h.context.split(" › ")[0] for h in hits} == {
            "Đảng ủy Lữ đoàn 657",
            "Đảng ủy Cục Chính trị",
        }

    def test_bodies_whose_whole_name_is_the_query_rank_above_records_that_mention_it(
        self, org, users, find
    ):
        from ctct.bodies.tests.factories import make_cell
        from ctct.conferences.tests.factories import make_conference
        from ctct.documents.tests.factories import make_document

        twin = make_cell(parent=org.pol, name="Chi bộ Đại đội 1", unit_name="Đại đội 1")
        make_conference(body=org.cell, title="Đại hội Chi bộ Đại đội 1 nhiệm kỳ 2025-2027")
        make_document(issuer=org.cell, title="Nghị quyết Chi bộ Đại đội 1 năm 2026")
        cells = {("body", org.cell.pk), ("body", twin.pk)}
        for q in ("chi bo dai doi 1", "Chi bộ Đại đội 1", "chi bo dai doi 1 ", "dai doi 1"):
            found = find(users.officer, q)
            assert len(found.hits) >= 4, q
            assert {(h.kind, h.object_id) for h in found.hits[:2]} == cells, q

    def test_a_name_typed_in_part_does_not_count_as_the_whole_name(self, org, users, find):
        from ctct.conferences.tests.factories import make_conference

        make_conference(body=org.cell, title="Đại hội Chi bộ Đại đội 1 nhiệm kỳ 2025-2027")
        found = find(users.officer, "chi bo dai doi 1 nhiem ky")
        assert [h.kind for h in found.hits] == ["conference"]
        assert find(users.officer, "dai hoi chi bo").hits[0].kind == "conference"


BAD = [
    "",
    "   ",
    "a" * 2000,
    "đại hội " * 250,
    '"',
    '"đại hội',
    "*",
    "NEAR(a b)",
    "- AND OR NOT",
    "'; DROP TABLE search_entry; --",
    "1' OR '1'='1",
    "\u0301",
    "😀🎉",
    "\x00\x01",
    "title_key : x",
    "{words}: x",
    "^dang",
]


@pytest.mark.parametrize("text", BAD)
def test_bad_input_gives_results_or_a_message_never_an_error(users, directive, find, text):
    found = find(users.officer, text)
    assert found.hits or found.messages


def test_empty_and_markless_queries_say_why(users, find):
    assert find(users.officer, "").messages == [str(MSG_EMPTY)]
    assert find(users.officer, "😀").messages == [str(MSG_NO_WORDS)]


@pytest.mark.parametrize(
    "kw",
    [
        {"page": "x"},
        {"page": 10**30},
        {"per_page": -5},
        {"period": ("2025-13-45", "yesterday")},
        {"period": "2025"},
        {"type": "<x>" * 50},
        {"kinds": ["nothing", 3]},
        {"subtree": "ZZZZ"},
        {"conference_kind": "' OR 1=1"},
    ],
)
def test_bad_filters_are_ignored_never_an_error(users, directive, find, kw):
    find(users.officer, "dai hoi", **kw)


class TestFilters:
    def test_kinds_period_type_and_subtree(self, org, users, directive, central, find):
        import datetime as dt

        assert find(users.officer, "dai hoi", kinds=["person"]).hits == []
        assert find(users.officer, "dai hoi", type="CT").total == 2
        assert find(users.officer, "dai hoi", subtree=org.region).total == 1
        assert find(users.officer, "dai hoi", subtree=org.brigade).total == 0
        far = (dt.date(1990, 1, 1), dt.date(1990, 12, 31))
        assert find(users.officer, "dai hoi", period=far).total == 0

    def test_counts_cover_every_kind_and_paging_stays_in_range(self, org, users, find):
        from ctct.people.tests.factories import make_person

        for i in range(5):
            make_person(full_name=f"Đỗ Văn Quyết {i}", body=org.cell)
        found = find(users.officer, "quyet ", kinds=["person"], per_page=2, page=99)
        assert found.counts["person"] == 5 and found.page == 3 and found.pages == 3
        assert len(found.hits) == 1 and found.has_previous and not found.has_next


class TestUpkeep:
    def test_an_edit_a_delete_and_a_bulk_addressing_reach_the_index(self, org, users, find):
        from ctct.documents.services import distribution_create
        from ctct.documents.tests.factories import make_document
        from ctct.people.tests.factories import make_person

        person = make_person(full_name="Hoàng Minh Khải", body=org.cell)
        person.full_name = "Hoàng Minh Khang"
        person.save()
        assert titles(find(users.officer, "khai ")) == []
        assert titles(find(users.officer, "khang")) == ["Hoàng Minh Khang"]
        person.delete()
        assert titles(find(users.officer, "khang")) == []

        doc = make_document(issuer=org.region, title="Về công tác tuyên huấn quý tư")
        assert find(users.secretary, "tuyen huan quy tu").total == 0
        distribution_create(document=doc, bodies=[org.cell], user=None)
        assert titles(find(users.secretary, "tuyen huan quy tu")) == [doc.title]

    def test_reindex_rebuilds_what_bulk_writers_left_out(self, org, users, directive, find):
        from ctct.search import index

        index.remove("document", [directive.pk])
        assert find(users.officer, "dai hoi chi bo").total == 0
        call_command("reindex", verbosity=0)
        assert find(users.officer, "dai hoi chi bo").total == 1
        people = Entry.objects.filter(kind="person").count()
        call_command("reindex", "--kind", "document", verbosity=0)
        assert Entry.objects.filter(kind="document").count() == 1
        assert Entry.objects.filter(kind="person").count() == people
        assert find(users.officer, "dai hoi chi bo").total == 1
        assert find(users.officer, "nguyen van an").total == 1
        from django.db import connection

        if connection.vendor == "sqlite":
            with connection.cursor() as cur:  # raises when FTS5 and its content disagree
                cur.execute("INSERT INTO search_fts(search_fts) VALUES('integrity-check')")

    @pytest.mark.django_db(transaction=True)
    def test_a_full_rebuild_builds_beside_the_writing_and_fails_whole(
        self, org, users, directive, find, monkeypatch
    ):
        import threading

        from django.db import connection

        from ctct.search import index

        before = sorted(Entry.objects.values_list("kind", "object_id", "title"))
        built_in: set[str] = set()
        real = index.build_values

        def build_values(kind, ids):
            built_in.add(threading.current_thread().name)
            return real(kind, ids)

        monkeypatch.setattr(index, "build_values", build_values)
        assert index.rebuild(batch=2) == index.total_records() == len(before)
        assert sorted(Entry.objects.values_list("kind", "object_id", "title")) == before
        assert find(users.officer, "dai hoi chi bo").total == 1
        # on PostgreSQL the next batch is read and folded in a thread while the server writes
        pg = connection.vendor == "postgresql"
        assert built_in == ({"reindex-build"} if pg else {threading.current_thread().name})

        calls = []

        def failing(kind, ids):
            calls.append(kind)
            if len(calls) == 3:
                raise RuntimeError("the disk is full")
            return real(kind, ids)

        monkeypatch.setattr(index, "build_values", failing)
        with pytest.raises(RuntimeError, match="the disk is full"):
            index.rebuild(batch=2)
        # nothing of the failed rebuild stays: the index is as it was, GIN indexes included
        assert sorted(Entry.objects.values_list("kind", "object_id", "title")) == before
        assert find(users.officer, "dai hoi chi bo").total == 1
        assert threading.active_count() == 1 or "reindex-build" not in {
            t.name for t in threading.enumerate()
        }

    def test_many_records_updated_at_once_are_written_in_bulk_the_same(
        self, org, users, find, monkeypatch
    ):
        """A generated world or a large import hands the index thousands of ids: on
        PostgreSQL they are written by COPY (``index._update_bulk``); the entries are the
        same as one by one."""
        from ctct.core import findable
        from ctct.people.models import Person
        from ctct.people.tests.factories import make_person
        from ctct.search import index

        for i in range(7):
            make_person(full_name=f"Lê Văn Bảy {i}", body=org.cell)
        ids = list(Person.objects.values_list("pk", flat=True))

        def entries():
            return sorted(
                Entry.objects.filter(kind="person").values_list(
                    "object_id", "title", "words", "prefixes", "title_prefixes", "reach"
                )
            )

        one_by_one = entries()
        monkeypatch.setattr(index, "BULK_UPDATE", 3)
        Entry.objects.filter(kind="person", object_id__in=ids[:4]).delete()
        findable.changed("person", ids)
        assert entries() == one_by_one
        assert len(find(users.officer, "le van bay", kinds=["person"]).hits) == 7

    def test_a_moved_branch_is_found_under_its_new_parent(self, org, users, find):
        from ctct.bodies.services import body_move

        assert find(users.provincial, "chi bo dai doi 1").total == 0
        body_move(body=org.cell, new_parent=org.province)
        assert find(users.provincial, "chi bo dai doi 1", kinds=["body"]).total == 1
        assert find(users.provincial, "nguyen van an").total == 1


def test_an_anonymous_scope_finds_nothing(directive):
    from ctct.core.scopes import Scope

    assert search(Scope(user_id=None), "dai hoi").hits == []


def test_a_search_costs_a_fixed_number_of_queries(org, users, directive, django_assert_num_queries):
    from ctct.core.scopes import Scope

    scope = Scope.for_user(users.officer)
    with django_assert_num_queries(3):  # counts, the page, the parents of the bodies listed
        found = search(scope, "chi bo", per_page=50)
    assert {h.kind for h in found.hits} >= {"body", "document"}
    with django_assert_num_queries(2):  # no body on the page: no parents to read
        search(scope, "giao duc")


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=120))
def test_whatever_is_typed_the_database_answers_without_error(users, directive, text):
    from ctct.core.scopes import Scope

    found = search(Scope.for_user(users.officer), text)
    assert found.hits or found.messages


def test_beyond_the_count_cap_the_newest_and_the_title_hits_are_ranked(
    org, users, find, monkeypatch
):
    from ctct.people.tests.factories import make_person
    from ctct.search import engine

    for i in range(4):
        make_person(full_name=f"Đinh Văn Sơn {i}", body=org.cell, titles=["Đại đội trưởng"])
    named = make_person(full_name="Đinh Văn Trường", body=org.cell)
    for i in range(3):
        make_person(full_name=f"Đinh Văn Hải {i}", body=org.cell, titles=["Đại đội trưởng"])
    monkeypatch.setattr(engine, "COUNT_CAP", 3)
    monkeypatch.setattr(engine, "WINDOW", 2)
    found = find(users.officer, "Trường", kinds=["person"])
    assert found.counts_capped and found.pages == 1
    assert found.messages == [str(engine.MSG_WINDOW % {"n": 2})]
    assert found.hits[0].title == named.full_name
    assert find(users.provincial, "Trường").hits == []


class TestRename:
    """A body's new name reaches the lines of the records that name it, in the database."""

    @pytest.fixture
    def named(self, org):
        from ctct.conferences.tests.factories import make_conference
        from ctct.documents.tests.factories import make_document
        from ctct.resolutions.services import resolution_create, target_add

        res = resolution_create(body=org.brigade, period="năm 2025", title="Nghị quyết năm")
        return {
            ("person", org.commissar.pk),
            ("conference", make_conference(body=org.brigade, title="Hội nghị sơ kết").pk),
            ("document", make_document(issuer=org.brigade, title="Kế hoạch huấn luyện").pk),
            ("resolution", res.pk),
            (
                "target",
                target_add(
                    resolution=res,
                    title="Kết nạp đảng viên",
                    measure="count",
                    target_value=3,
                    rollup="sum",
                ).pk,
            ),
        }

    def _rename(self, body):
        from ctct.bodies.services import body_update

        body_update(body=body, name="Đảng ủy Lữ đoàn 679", unit_name="Lữ đoàn 679")

    def test_records_naming_the_body_show_and_are_found_by_its_new_name(
        self, org, users, named, find
    ):
        self._rename(org.brigade)
        hits = {(h.kind, h.object_id): h for h in find(users.officer, "679 ", per_page=50).hits}
        assert named <= set(hits)
        for key in named:
            assert "Lữ đoàn 679" in hits[key].detail, key
            assert "657" not in hits[key].detail, key
        # a person's line and text are made of his posts and body: the old name is gone
        old = find(users.officer, "657 ", kinds=["person"], per_page=50).hits
        assert ("person", org.commissar.pk) not in {(h.kind, h.object_id) for h in old}
        # a record that does not name the body keeps its line
        (cell_man,) = find(users.officer, "nguyen van an", kinds=["person"]).hits
        assert "Chi bộ Đại đội 1" in cell_man.detail

    def test_a_conference_is_found_by_the_new_name_with_or_without_diacritics(
        self, org, users, named, find
    ):
        from ctct.bodies.services import body_update

        body_update(
            body=org.brigade, name="Đảng ủy Lữ đoàn Trường Sơn", unit_name="Lữ đoàn Trường Sơn"
        )
        wanted = [pk for k, pk in named if k == "conference"]
        for q in ("Trường Sơn", "truong son", "lu doan truong son"):
            found = find(users.officer, q, kinds=["conference"])
            assert [h.object_id for h in found.hits] == wanted, q

    def test_the_new_name_is_found_as_it_is_typed(self, org, users, named, find):
        from ctct.bodies.services import body_update

        body_update(body=org.brigade, name="Đảng ủy Lữ đoàn Kỳ Lân", unit_name="Lữ đoàn Kỳ Lân")
        wanted = [pk for k, pk in named if k == "conference"]
        # the last word is being typed: "kyl" is no word of the record, "ky la" its start
        for q in ("lu doan ky la", "Kỳ Lâ", "ky lan", "Lữ đoàn Kỳ Lâ"):
            found = find(users.officer, q, kinds=["conference"])
            assert [h.object_id for h in found.hits] == wanted, q
        assert find(users.officer, "lu doan kyl", kinds=["conference"]).total == 0

    def test_a_text_written_by_a_user_keeps_the_old_name(self, org, users, find):
        from ctct.conferences.tests.factories import make_conference

        conf = make_conference(
            body=org.brigade, title="Hội nghị tổng kết", results="Lữ đoàn 657 hoàn thành tốt"
        )
        self._rename(org.brigade)
        (hit,) = find(users.officer, "hoan thanh tot").hits
        assert hit.object_id == conf.pk and "Lữ đoàn 657" in hit.snippet
        assert find(users.officer, "lu doan 657 hoan thanh", kinds=["conference"]).total == 1

    def test_a_rename_costs_the_same_queries_however_many_records_name_the_body(self, org, named):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from ctct.bodies.services import body_update
        from ctct.people.tests.factories import make_person

        def renamed(name: str) -> int:
            with CaptureQueriesContext(connection) as ctx:
                body_update(body=org.brigade, name=name)
            return len(ctx.captured_queries)

        few = renamed("Đảng ủy Lữ đoàn 679")
        for i in range(25):
            make_person(full_name=f"Trần Văn Bảy {i}", body=org.brigade)
        people = dict(Entry.objects.filter(kind="person").values_list("object_id", "id"))
        assert renamed("Đảng ủy Lữ đoàn 680") == few
        # rewritten in place, not built again (a rebuild writes new rows)
        assert dict(Entry.objects.filter(kind="person").values_list("object_id", "id")) == people
        assert Entry.objects.get(kind="person", object_id=org.commissar.pk).detail.endswith(
            "Đảng ủy Lữ đoàn 680"
        )

    def test_the_index_stays_consistent(self, org, named):
        from django.db import connection

        self._rename(org.brigade)
        if connection.vendor == "sqlite":
            with connection.cursor() as cur:  # raises when FTS5 and its content disagree
                cur.execute("INSERT INTO search_fts(search_fts) VALUES('integrity-check')")


def test_the_migration_gives_entries_written_before_it_the_prefix_tokens_the_index_gives(
    org, users, directive
):
    """Migration 0003 fills the prefix tokens of the entries already written in SQL: the
    same tokens as ``tokens.prefix_tokens`` (PostgreSQL; SQLite keeps none)."""
    import importlib

    from django.db import connection

    if connection.vendor != "postgresql":
        assert set(Entry.objects.values_list("prefixes", flat=True)) == {""}
        return
    migration = importlib.import_module(
        "ctct.search.migrations.0003_prefix_tokens_and_scope_in_gin"
    )
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT id, {migration.prefixes_sql('words')}, "
            f"{migration.prefixes_sql('title_key')} FROM search_entry"
        )
        by_sql = {pk: (set(w.split()), set(t.split())) for pk, w, t in cur.fetchall()}
    by_index = {
        pk: (set(w.split()), set(t.split()))
        for pk, w, t in Entry.objects.values_list("pk", "prefixes", "title_prefixes")
    }
    assert by_sql == by_index and len(by_index) > 10
    assert any("^tru" in w for w, _t in by_index.values())
