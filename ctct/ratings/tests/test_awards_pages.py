"""The award pages: a body's lists with the rule behind each name, untick, confirm, the QĐ,
the downloads, the person's panel; refusals shown with nothing changed."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from ctct.accounts.tests.factories import make_user
from ctct.ratings import awards
from ctct.ratings.award_views import default_year
from ctct.ratings.models import Award, AwardDecision
from ctct.ratings.tests.award_factories import make_award_tree, make_members

YEAR = 2025


@pytest.fixture
def tree(db):
    return make_award_tree()


@pytest.fixture
def staff(tree):
    return make_user(role="secretary", on=tree.division)


def _post(client, name, pk, data=None):
    return client.post(reverse(f"ratings:{name}", args=[pk]), {"form_token": "", **(data or {})})


def test_a_body_page_lists_each_kind_with_the_rule_behind_each_name(tree, staff, client):
    (member,) = make_members(tree.cell, 1)
    client.force_login(staff)
    r = _post(client, "awards_propose", tree.division_standing.pk, {"year": YEAR})
    assert r.status_code == 302
    page = client.get(
        reverse("ratings:awards_body", args=[tree.division_standing.pk]) + "?year=2025"
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert member.full_name in text and "HTXSNV 2021–2025" in text
    assert "Giấy khen đảng viên hoàn thành xuất sắc nhiệm vụ 5 năm liền" in text


def test_a_list_just_proposed_reads_as_proposed_not_as_a_sheets_self_rating(tree, staff, client):
    # "Proposed" alone is the level a member proposes for himself ("Tự xếp loại").
    make_members(tree.cell, 1)
    (d, *_rest) = awards.award_propose(giver=tree.division_standing, year=YEAR)
    client.force_login(staff)
    with translation.override("vi"):
        self_rated = translation.gettext("Proposed")
        state = str(AwardDecision.State.PROPOSED.label)
    assert state != self_rated
    page = client.get(reverse("ratings:awards_decision", args=[d.pk])).content.decode()
    assert self_rated not in page


def test_untick_confirm_and_a_second_confirm_refused_with_nothing_changed(tree, staff, client):
    a, b = make_members(tree.cell, 2)
    client.force_login(staff)
    (d,) = [
        d
        for d in awards.award_propose(giver=tree.division_standing, year=YEAR)
        if d.kind.code == "giay-khen-dang-vien-5-nam"
    ]
    award = d.awards.get(person=b)
    assert _post(client, "awards_tick", d.pk, {"award": award.pk}).status_code == 302
    assert not Award.objects.get(pk=award.pk).included
    assert _post(client, "awards_confirm", d.pk).status_code == 302
    d.refresh_from_db()
    assert d.state == AwardDecision.State.CONFIRMED
    history = d.history.count()
    r = _post(client, "awards_confirm", d.pk)
    assert r.status_code == 400
    assert str(awards.MSG_ALREADY_CONFIRMED) in r.content.decode()
    assert d.history.count() == history
    r = _post(client, "awards_tick", d.pk, {"award": award.pk, "included": "on"})
    assert r.status_code == 400 and not Award.objects.get(pk=award.pk).included


def test_the_decision_is_drafted_issued_and_downloaded(tree, staff, client):
    a, b = make_members(tree.cell, 2)
    (d,) = [
        d
        for d in awards.award_propose(giver=tree.division_standing, year=YEAR)
        if d.kind.code == "giay-khen-dang-vien-5-nam"
    ]
    awards.award_confirm(decision=d)
    client.force_login(staff)
    assert _post(client, "awards_draft", d.pk).status_code == 302
    r = _post(client, "awards_issue", d.pk, {"issued_on": "2026-01-12"})
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.state == AwardDecision.State.ISSUED and d.document.number == 1
    docx = client.get(reverse("ratings:awards_docx", args=[d.pk]))
    xml = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert "QUYẾT ĐỊNH" in xml and a.full_name in xml and "HTXSNV 2021–2025" in xml
    assert f"Số {d.document.number_text}-QĐ/" in xml and "T/M BAN THƯỜNG VỤ" in xml
    xlsx = client.get(reverse("ratings:awards_xlsx", args=[d.pk]))
    strings = zipfile.ZipFile(io.BytesIO(xlsx.content)).read("xl/sharedStrings.xml").decode()
    assert a.full_name in strings and b.full_name in strings
    page = client.get(reverse("ratings:awards_decision", args=[d.pk])).content.decode()
    assert d.document.citation in page


def test_adding_by_hand_offers_only_the_kinds_the_body_gives(tree, staff, client):
    member = make_members(tree.cell, 1, years=[])[0]
    client.force_login(staff)
    url = reverse("ratings:awards_add", args=[tree.division_standing.pk])
    page = client.get(url).content.decode()
    assert "5 năm liền" in page and "Bằng khen" not in page
    bang_khen = awards.AwardKind.objects.get(code="bang-khen-dang-vien-5-nam")
    r = client.post(url, {"year": YEAR, "kind": bang_khen.pk, "person": member.pk})
    assert r.status_code == 200 and not Award.objects.exists()
    kind = awards.AwardKind.objects.get(code="giay-khen-dang-vien-5-nam")
    r = client.post(url, {"year": YEAR, "kind": kind.pk, "person": member.pk, "reason": "Lập công"})
    assert r.status_code == 302
    assert Award.objects.get().source == Award.Source.MANUAL


def test_a_viewer_or_an_outsider_cannot_write(tree, client):
    make_members(tree.cell, 1)
    decisions = awards.award_propose(giver=tree.brigade, year=YEAR)
    viewer = make_user(role="viewer", on=tree.division)
    client.force_login(viewer)
    assert client.get(reverse("ratings:awards_decision", args=[decisions[0].pk])).status_code == 200
    for name in ("awards_confirm", "awards_draft"):
        assert _post(client, name, decisions[0].pk).status_code == 404
    assert _post(client, "awards_propose", tree.brigade.pk, {"year": YEAR}).status_code == 404
    outsider = make_user(role="admin", on=tree.other_brigade)
    client.force_login(outsider)
    assert client.get(reverse("ratings:awards_decision", args=[decisions[0].pk])).status_code == 404
    assert AwardDecision.objects.filter(state="proposed").count() == len(decisions)


def test_the_person_page_shows_the_awards_received(tree, staff, client):
    (member,) = make_members(tree.cell, 1)
    for d in awards.award_propose(giver=tree.brigade, year=YEAR):
        awards.award_confirm(decision=d)
    client.force_login(staff)
    page = client.get(reverse("people:detail", args=[member.pk])).content.decode()
    assert "Giấy khen đảng viên hoàn thành xuất sắc nhiệm vụ 2025" in page
    body_page = client.get(reverse("bodies:detail", args=[tree.brigade.pk])).content.decode()
    assert reverse("ratings:awards_body", args=[tree.brigade.pk]) in body_page


def test_the_person_page_shows_an_award_announced_at_a_conference(tree, staff, client):
    from ctct.conferences.tests.factories import make_conference
    from ctct.ratings.announced import award_announce

    (member,) = make_members(tree.cell, 1)
    conference = make_conference(body=tree.brigade, kind="so_ket", held_on=dt.date(YEAR, 6, 20))
    award_announce(
        conference=conference, kind="bang_khen", issuer="Bộ Tư lệnh Quân khu 8", person=member
    )
    client.force_login(staff)
    page = unescape(client.get(reverse("people:detail", args=[member.pk])).content.decode())
    assert f"Bằng khen {YEAR}" in page and "Bộ Tư lệnh Quân khu 8" in page


def test_a_committees_page_leads_to_the_lists_of_its_standing_committee(tree, staff, client):
    client.force_login(staff)
    page = client.get(reverse("ratings:awards_body", args=[tree.division.pk])).content.decode()
    assert reverse("ratings:awards_body", args=[tree.division_standing.pk]) in page


@pytest.mark.parametrize("year", ["0202599999", "99999999999999999999", "-1", "2025.0", "２０２５"])
def test_a_year_that_is_no_year_shows_the_default_year_never_an_error(tree, staff, client, year):
    client.force_login(staff)
    page = client.get(
        reverse("ratings:awards_body", args=[tree.division_standing.pk]), {"year": year}
    )
    assert page.status_code == 200
    assert page.context["year"] == default_year()
