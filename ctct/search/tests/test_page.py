"""The results page and the header box: each role finds only what it may open, and no input
gives an error page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.html import escape

from ctct.documents.tests.factories import make_document
from ctct.people.tests.factories import make_person
from ctct.search.engine import MSG_CUT, MSG_EMPTY, MSG_NO_WORDS, MSG_NOTHING
from ctct.search.forms import MSG_PERIOD_REVERSED
from ctct.search.tokens import MAX_QUERY_CHARS

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(org):
    """A directive of the region addressed to the brigade's branch, a plan of the other cell,
    and a plan of the province."""
    directive = make_document(
        issuer=org.region,
        title="Về tổ chức đại hội chi bộ làm điểm",
        text="Chi bộ làm điểm rút kinh nghiệm cho các chi bộ còn lại.",
        subtree_of=org.brigade,
    )
    cell_plan = make_document(
        issuer=org.other_cell, type_code="KH", title="Kế hoạch giáo dục chính trị năm 2026"
    )
    provincial = make_document(
        issuer=org.province, type_code="KH", title="Kế hoạch giáo dục chính trị của tỉnh"
    )
    return directive, cell_plan, provincial


def search(client, **params):
    r = client.get("/search/", params)
    assert r.status_code == 200
    return r.content.decode()


def test_the_officer_finds_a_directive_by_words_typed_without_diacritics(login, users, records):
    html = search(login(users.officer), q="dai hoi chi bo lam diem")
    assert records[0].get_absolute_url() in html
    assert "<mark>" in html


def test_each_role_finds_only_what_it_may_open(login, users, org, records):
    directive, cell_plan, provincial = records
    officer = search(login(users.officer), q="giao duc chinh tri")
    assert cell_plan.get_absolute_url() in officer
    assert provincial.get_absolute_url() not in officer and "của tỉnh" not in officer

    secretary = search(login(users.secretary), q="giao duc chinh tri")
    assert cell_plan.get_absolute_url() not in secretary and "2026" not in secretary
    assert str(MSG_NOTHING % {"text": "giao duc chinh tri"}) in secretary
    # the directive was addressed to the cell's branch: the secretary finds it
    assert directive.get_absolute_url() in search(login(users.secretary), q="lam diem")

    provincial_user = search(login(users.provincial), q="giao duc chinh tri")
    assert provincial.get_absolute_url() in provincial_user
    assert cell_plan.get_absolute_url() not in provincial_user


def test_people_are_found_by_name_only_within_the_scope(login, users, org):
    secretary = search(login(users.secretary), q="le thi hoa")
    assert org.other_member.get_absolute_url() not in secretary
    assert org.cell_member.get_absolute_url() in search(login(users.secretary), q="nguyen van an")
    assert org.other_member.get_absolute_url() in search(login(users.officer), q="Lê Thị Hoa")


def test_a_user_without_any_role_finds_nothing(login, users, records):
    html = search(login(users.nobody), q="giao duc chinh tri")
    assert str(MSG_NOTHING % {"text": "giao duc chinh tri"}) in html


def test_results_are_counted_by_kind_and_a_tab_shows_one_kind(login, users, org, records):
    person = make_person(full_name="Đinh Văn Giáo", body=org.brigade)
    client = login(users.officer)
    html = search(client, q="giao")
    assert person.get_absolute_url() in html and records[1].get_absolute_url() in html
    tabs = html[html.index('class="kinds"') :]
    tabs = tabs[: tabs.index("</ul>")]
    assert "(1)" in tabs and "(2)" in tabs, tabs  # a person and a plan; not the province's
    only_people = search(client, q="giao", kind="person")
    assert person.get_absolute_url() in only_people
    assert records[1].get_absolute_url() not in only_people


def test_the_branch_filter_keeps_the_results_of_that_branch(login, users, org):
    make_document(issuer=org.brigade, type_code="KH", title="Kế hoạch huấn luyện của lữ đoàn")
    make_document(issuer=org.pol, type_code="KH", title="Kế hoạch huấn luyện của cục")
    client = login(users.officer)
    html = search(client, q="ke hoach huan luyen", body=org.pol.pk)
    assert "của cục" in html and "của lữ đoàn" not in html
    # the body named by typing (without JavaScript the picker posts only the text)
    html = search(client, q="ke hoach huan luyen", body__q="Lữ đoàn 657")
    assert "của lữ đoàn" in html and "của cục" not in html


def test_the_period_and_type_filters(login, users, org):
    plan = make_document(
        issuer=org.brigade, type_code="KH", title="Kế hoạch thi đua", issued_on=dt.date(2024, 3, 1)
    )
    report = make_document(
        issuer=org.brigade, type_code="BC", title="Báo cáo thi đua", issued_on=dt.date(2025, 3, 1)
    )
    client = login(users.officer)
    html = search(client, q="thi dua", since="2025-01-01", until="2025-12-31")
    assert report.get_absolute_url() in html and plan.get_absolute_url() not in html
    html = search(client, q="thi dua", doc_type="KH")
    assert plan.get_absolute_url() in html and report.get_absolute_url() not in html
    html = search(client, q="thi dua", since="2025-12-31", until="2025-01-01")
    assert escape(str(MSG_PERIOD_REVERSED)) in html
    assert plan.get_absolute_url() in html  # the search ran without the period


def test_namesake_bodies_are_shown_with_their_parents(login, users, org):
    from ctct.bodies.tests.factories import make_body, make_cell

    other = make_body(parent=org.region, name="Đảng ủy Lữ đoàn 950", unit_name="Lữ đoàn 950")
    twin = make_cell(parent=other, name="Chi bộ Đại đội 1", unit_name="Đại đội 1")
    html = search(login(users.officer), q="chi bo dai doi 1")
    assert org.cell.get_absolute_url() in html and twin.get_absolute_url() in html
    assert "Lữ đoàn 950" in html and "Lữ đoàn 657" in html


def test_results_come_in_pages(login, users, org):
    for i in range(25):
        make_document(issuer=org.brigade, type_code="TB", title=f"Thông báo trực ban số {i}")
    client = login(users.officer)
    first = search(client, q="truc ban", kind="document")
    assert 'rel="next"' in first
    second = search(client, q="truc ban", kind="document", page=2)
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert search(client, q="truc ban", kind="document", page=10**30)


BAD_QUERIES = [
    "x" * 2000,
    "đại hội " * 250,
    '"',
    '"chi bo',
    "*",
    "dai*",
    "NEAR(dai hoi)",
    "dai NEAR hoi",
    "-",
    "- dai",
    "AND",
    "dai AND OR NOT hoi",
    "^dai",
    "col:dai",
    "'; DROP TABLE documents_document; --",
    "1 OR 1=1",
    "%_%",
    "\\",
    "\u0301",
    "\u0300\u0301",
    "🎉",
    "🎉 đại hội 🇻🇳",
    "\u200b",
    "\ufeffdai hoi",
    "a\x00b",
    "()",
    "{}[]",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_no_query_gives_an_error_page(login, users, records, query):
    client = login(users.officer)
    assert client.get("/search/", {"q": query}).status_code == 200
    assert client.get("/search/suggest/", {"q": query}).status_code == 200


def test_an_empty_or_wordless_query_is_answered_with_a_message(login, users):
    client = login(users.officer)
    assert str(MSG_EMPTY) in search(client, q="")
    assert str(MSG_EMPTY) in search(client)
    assert escape(str(MSG_NO_WORDS)) in search(client, q="*")
    assert escape(str(MSG_CUT % {"n": MAX_QUERY_CHARS})) in search(client, q="dai hoi " * 300)


@pytest.mark.parametrize(
    "params",
    [
        {"since": "2025-13-45"},
        {"until": "99999-01-01"},
        {"body": "999999999999999999999999"},
        {"body": "-1"},
        {"body": "abc"},
        {"body__q": "no such body anywhere"},
        {"page": "-1"},
        {"page": "abc"},
        {"kind": "<script>"},
        {"kind": "nonsense"},
        {"doc_type": "ZZZ"},
        {"conference_kind": "x" * 500},
    ],
)
def test_tampered_filters_give_results_or_a_message(login, users, records, params):
    r = login(users.officer).get("/search/", {"q": "dai hoi", **params})
    assert r.status_code == 200


def test_a_body_outside_the_scope_cannot_be_a_filter(login, users, org, records):
    html = search(login(users.secretary), q="lam diem", body=org.province.pk)
    assert records[2].get_absolute_url() not in html


def test_the_search_needs_a_signed_in_user(client):
    assert client.get("/search/?q=dai+hoi").status_code == 302
    assert client.get("/search/suggest/?q=dai+hoi").status_code == 302


def test_the_header_box_suggests_records_as_options(login, users, records):
    html = login(users.officer).get("/search/suggest/", {"q": "lam die"}).content.decode()
    assert 'role="option"' in html and records[0].get_absolute_url() in html
    assert "/search/?q=lam%20die" in html  # the last option opens every result


@pytest.mark.parametrize("url", ["/", "/bodies/", "/documents/", "/people/"])
def test_the_header_box_is_on_every_page(login, users, url):
    html = login(users.officer).get(url).content.decode()
    assert 'role="search"' in html and 'role="combobox"' in html
    assert 'aria-controls="searchbox-list"' in html and "search/searchbox.js" in html


def test_the_header_box_keeps_the_query_on_the_results_page(login, users):
    html = search(login(users.officer), q="dai hoi")
    assert 'id="searchbox-q" name="q" value="dai hoi"' in html
