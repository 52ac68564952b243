"""The pages people use, as a political officer and as a cell secretary."""

from __future__ import annotations

from django.urls import reverse


def test_the_interface_speaks_vietnamese_by_default(users, client):
    client.force_login(users.officer)
    html = client.get(reverse("bodies:tree")).content.decode()
    assert '<html lang="vi">' in html
    assert "Tổ chức đảng" in html


def test_vietnamese_stays_the_default_for_a_browser_set_to_english(users, client):
    client.force_login(users.officer)
    html = client.get(
        reverse("bodies:tree"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert '<html lang="vi">' in html


def test_english_is_available(users, client):
    client.force_login(users.officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("bodies:tree")).content.decode()
    assert '<html lang="en">' in html
    assert "Party bodies" in html


def test_the_tree_starts_at_the_users_bodies(org, users, client):
    client.force_login(users.secretary)
    html = client.get(reverse("bodies:tree")).content.decode()
    assert "Chi bộ Đại đội 1" in html
    assert "Đảng ủy Lữ đoàn 657" not in html


def test_unfolding_a_node_lists_children_with_counts(org, users, client):
    client.force_login(users.officer)
    html = client.get(
        reverse("bodies:children", args=[org.region.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Đảng ủy Lữ đoàn 657" in html and "Đảng ủy Cục Chính trị" in html


def test_search_as_you_type_needs_no_diacritics(org, users, client):
    client.force_login(users.officer)
    html = client.get(
        reverse("bodies:search"), {"q": "dang uy lu doan"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Đảng ủy Lữ đoàn 657" in html
    assert "<html" not in html  # a fragment for htmx


def test_the_body_page_shows_leaders_subordinates_and_history(org, users, client):
    client.force_login(users.officer)
    html = client.get(reverse("bodies:detail", args=[org.brigade.pk])).content.decode()
    assert "Bùi Hữu Ba" in html and "Chính ủy" in html
    assert "Chi bộ Đại đội 1" in html and "Chi bộ Đại đội 2" in html
    assert 'title="Đảng ủy Quân khu 8">ĐU QK8</a>' in html  # breadcrumb


def test_the_person_page_writes_the_chain_of_titles(org, users, client):
    client.force_login(users.officer)
    html = client.get(reverse("people:detail", args=[org.deputy.pk])).content.decode()
    assert (
        "Ủy viên Đảng ủy Quân khu 8, Bí thư Đảng ủy Cục Chính trị, Phó Chủ nhiệm Chính trị Quân khu 8"
        in html
    )
    assert "Thiếu tướng" in html


def test_a_cell_secretary_sees_the_brigade_commissar_who_leads_nothing_in_the_cell_only_via_position(
    org, users, client
):
    client.force_login(users.secretary)
    assert client.get(reverse("people:detail", args=[org.cell_member.pk])).status_code == 200
    assert client.get(reverse("people:detail", args=[org.commissar.pk])).status_code == 404


def test_an_editor_adds_a_position_and_a_bad_interval_keeps_what_was_typed(org, users, client):
    client.force_login(users.officer)
    url = reverse("people:position_add", args=[org.cell_member.pk])
    r = client.post(
        url,
        {
            "title": "Phó Bí thư Chi bộ",
            "body": org.cell.pk,
            "started_on": "2025-05-01",
            "ended_on": "2025-04-01",
        },
    )
    html = r.content.decode()
    assert r.status_code == 200
    assert "Phó Bí thư Chi bộ" in html  # what the user typed is still there
    assert "01/04/2025" in html
    r = client.post(
        url,
        {"title": "Phó Bí thư", "body": org.cell.pk, "started_on": "2025-05-01", "ended_on": ""},
    )
    assert r.status_code == 302


def test_an_impossible_date_gets_a_message(org, users, client):
    client.force_login(users.officer)
    url = reverse("people:position_add", args=[org.cell_member.pk])
    r = client.post(url, {"title": "Bí thư", "body": org.cell.pk, "started_on": "2025-02-31"})
    assert r.status_code == 200
    assert "errorlist" in r.content.decode()


def test_moving_a_body_into_its_own_branch_shows_the_reason(org, users, client):
    client.force_login(users.officer)
    r = client.post(reverse("bodies:move", args=[org.brigade.pk]), {"new_parent": org.cell.pk})
    assert r.status_code == 200
    assert "cấp dưới" in r.content.decode()  # the Vietnamese message about subordinates


def test_a_form_posted_twice_creates_one_record(org, users, client):
    from ctct.people.models import Person

    client.force_login(users.secretary)
    url = reverse("people:person_add", args=[org.cell.pk])
    token = client.get(url).context["form_token"]
    data = {
        "full_name": "Đào Văn Khánh",
        "rank": "Hạ sĩ",
        "rank_conferred_on": "2024-01-01",
        "form_token": token,
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Person.objects.filter(full_name="Đào Văn Khánh").count() == 1
