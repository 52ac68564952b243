import datetime as dt

from django.urls import reverse

from ctct.congresses import forms as f
from ctct.congresses import rules as r
from ctct.congresses import services
from ctct.congresses.models import Congress, CongressRound, Preparation
from ctct.congresses.tests.factories import bring_to, open_round, prep_of
from ctct.documents.tests.factories import make_document
from ctct.people.tests.factories import make_person


# --- opening a round --------------------------------------------------------------------------
def test_an_officer_opens_a_round_with_windows_and_pilots_chosen_in_pickers(org, users, client):
    directive = make_document(issuer=org.region, type_code="CT", title="Về đại hội")
    client.force_login(users.officer)
    page = client.get(reverse("congresses:round_new"))
    assert page.status_code == 200
    response = client.post(
        reverse("congresses:round_new"),
        {
            "body": org.region.pk,
            "directive": directive.pk,
            "term_label": "2025-2030",
            "opened_on": "2024-11-03",
            "window_cell_start": "2025-03-01",
            "window_cell_end": "2025-04-30",
            "pilots_cell": [org.cell.pk],
            "pilots_grassroots": [org.brigade.pk],
        },
    )
    assert response.status_code == 302
    rnd = CongressRound.objects.get(body=org.region)
    assert rnd.windows[r.CELL] == ["2025-03-01", "2025-04-30"]
    pilots = set(Preparation.objects.filter(round=rnd, pilot=True).values_list("body", flat=True))
    assert pilots == {org.cell.pk, org.brigade.pk}
    assert prep_of(rnd, org.cell).planned_on == dt.date(2025, 3, 1)


def test_a_pilot_chosen_at_the_wrong_level_is_refused_and_no_round_opens(org, users, client):
    directive = make_document(issuer=org.region, type_code="CT", title="Về đại hội")
    client.force_login(users.officer)
    response = client.post(
        reverse("congresses:round_new"),
        {
            "body": org.region.pk,
            "directive": directive.pk,
            "term_label": "2025-2030",
            "opened_on": "2024-11-03",
            "pilots_cell": [org.brigade.pk],
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("pilots_cell", "pilot_level")
    assert not CongressRound.objects.exists()


def test_a_refused_round_keeps_what_was_typed(org, users, client):
    directive = make_document(issuer=org.region, type_code="CT", title="Về đại hội")
    client.force_login(users.officer)
    response = client.post(
        reverse("congresses:round_new"),
        {
            "body": org.region.pk,
            "directive": directive.pk,
            "term_label": "2025",
            "opened_on": "2024-11-03",
            "window_upper_start": "2025-06-01",
            "window_upper_end": "2025-07-15",
        },
    )
    assert response.status_code == 200
    assert str(services.MSG_TERM_LABEL) in str(response.context["form"].errors["term_label"])
    text = response.content.decode()
    assert "2025-06-01" in text and "2025-07-15" in text
    assert not CongressRound.objects.exists()


def test_a_viewer_cannot_reach_the_round_form(org, users, client):
    client.force_login(users.viewer)
    assert client.get(reverse("congresses:round_new")).status_code == 404


def test_a_cells_secretary_cannot_reach_the_round_form_a_cell_holds_its_own_in_a_round_above(
    org, users, client
):
    client.force_login(users.secretary)
    assert client.get(reverse("congresses:round_new")).status_code == 404


# --- the congress record ----------------------------------------------------------------------
def _congress_data(prep, people, **over):
    a, b, c, d = people
    data = {
        "term_label": prep.term_label,
        "kind": "all_members",
        "opened_on": prep.planned_on.isoformat(),
        "delegates_summoned": "20",
        "delegates_present": "19",
        "committee_1_person": a.pk,
        "committee_1_share": "95",
        "committee_2_person": b.pk,
        "committee_2_share": "88,5",
        "committee_3_person": c.pk,
        "committee_3_share": "70",
        "secretary": a.pk,
        "deputies": [b.pk],
        "delegates_1_person": d.pk,
        "delegates_1_share": "80",
    }
    data.update(over)
    return data


def _ready(org):
    rnd = open_round(body=org.region)
    prep = bring_to(prep_of(rnd, org.cell), r.HELD)
    people = [make_person(body=org.cell, rank="Đại úy") for _ in range(4)]
    return prep, people


def test_the_congress_is_recorded_from_the_form_and_the_news_draft_follows(org, users, client):
    prep, people = _ready(org)
    client.force_login(users.officer)
    page = client.get(reverse("congresses:preparation", args=[prep.pk]))
    assert reverse("congresses:congress", args=[prep.pk]) in page.content.decode()
    url = reverse("congresses:congress", args=[prep.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _congress_data(prep, people, directed_by=org.brigade.pk))
    assert response.status_code == 302, response.context["form"].errors
    congress = Congress.objects.get(body=org.cell)
    assert congress.members.filter(role="committee").count() == 3
    assert congress.directed_by == org.brigade
    page = client.get(reverse("congresses:preparation", args=[prep.pk]))
    text = page.content.decode()
    assert "Đại hội Chi bộ Đại đội 1 lần thứ I, nhiệm kỳ 2025-2027" in text
    assert people[0].full_name in text
    download = client.get(reverse("congresses:news_text", args=[prep.pk]))
    assert download.status_code == 200
    assert "được bầu giữ chức Bí thư" in download.content.decode()


def test_a_secretary_not_elected_is_refused_with_everything_typed_kept(org, users, client):
    prep, people = _ready(org)
    client.force_login(users.officer)
    response = client.post(
        reverse("congresses:congress", args=[prep.pk]),
        _congress_data(prep, people, secretary=people[3].pk, deputies=[]),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.has_error("secretary", "not_elected")
    text = response.content.decode()
    assert "88,5" in text and people[1].full_name in text
    assert not Congress.objects.exists()


def test_a_person_without_a_share_is_refused_on_the_form(org, users, client):
    prep, people = _ready(org)
    client.force_login(users.officer)
    response = client.post(
        reverse("congresses:congress", args=[prep.pk]),
        _congress_data(prep, people, committee_3_share=""),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["committee_3_share"] == [str(f.MSG_SHARE_MISSING)]
    assert not Congress.objects.exists()


def test_the_congress_form_is_not_found_before_the_review(org, users, client):
    rnd = open_round(body=org.region)
    prep = prep_of(rnd, org.cell)
    client.force_login(users.officer)
    assert client.get(reverse("congresses:congress", args=[prep.pk])).status_code == 404


def test_a_viewer_cannot_record_a_congress(org, users, client):
    prep, people = _ready(org)
    client.force_login(users.viewer)
    url = reverse("congresses:congress", args=[prep.pk])
    assert client.post(url, _congress_data(prep, people)).status_code == 404
    assert not Congress.objects.exists()


# --- postponing -------------------------------------------------------------------------------
def test_the_body_postpones_its_congress_with_a_reason(org, users, client):
    rnd = open_round(body=org.region)
    prep = prep_of(rnd, org.cell)
    later = prep.planned_on + dt.timedelta(days=30)
    client.force_login(users.officer)
    url = reverse("congresses:postpone", args=[prep.pk])
    refused = client.post(url, {"planned_on": later.isoformat(), "reason": ""})
    assert refused.status_code == 400
    prep.refresh_from_db()
    assert prep.planned_on != later
    done = client.post(url, {"planned_on": later.isoformat(), "reason": "Đơn vị diễn tập"})
    assert done.status_code == 302
    prep.refresh_from_db()
    assert prep.planned_on == later and prep.postponement_reason == "Đơn vị diễn tập"


# --- the presidium and who directed -----------------------------------------------------------
def test_the_presidium_and_the_superiors_leaders_are_chosen_in_pickers_and_read_with_titles(
    org, users, client
):
    prep, people = _ready(org)
    client.force_login(users.officer)
    url = reverse("congresses:congress", args=[prep.pk])
    form_page = client.get(url).content.decode()
    assert 'data-picker-multiple="presidium"' in form_page
    assert 'data-picker-multiple="directing"' in form_page
    data = _congress_data(
        prep, people, directing=[org.commissar.pk], presidium=[people[0].pk, people[1].pk]
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    congress = Congress.objects.get(body=org.cell)
    assert [m.person for m in congress.members.filter(role="presidium").order_by("id")] == [
        people[0],
        people[1],
    ]
    assert [m.person for m in congress.members.filter(role="directing")] == [org.commissar]
    page = client.get(reverse("congresses:preparation", args=[prep.pk])).content.decode()
    assert 'id="presidium"' in page and people[1].full_name in page
    assert 'id="directing"' in page and org.commissar.full_name in page
    text = client.get(reverse("congresses:news_text", args=[prep.pk])).content.decode()
    assert "Dự, chỉ đạo Đại hội có Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn 657." in text
    assert (
        "Đoàn Chủ tịch Đại hội gồm các đồng chí: "
        f"Đại úy {people[0].full_name} và Đại úy {people[1].full_name}." in text
    )


# --- the congress resolution ------------------------------------------------------------------
def _recorded(org, users, client):
    prep, people = _ready(org)
    client.force_login(users.officer)
    response = client.post(
        reverse("congresses:congress", args=[prep.pk]), _congress_data(prep, people)
    )
    assert response.status_code == 302
    return prep, Congress.objects.get(body=org.cell)


def test_the_congress_resolution_starts_from_the_record_with_body_and_term_filled_in(
    org, users, client
):
    from ctct.resolutions.models import Resolution

    prep, congress = _recorded(org, users, client)
    page = client.get(reverse("congresses:preparation", args=[prep.pk])).content.decode()
    url = reverse("congresses:resolution_new", args=[prep.pk])
    assert url in page
    form_page = client.get(url)
    assert form_page.status_code == 200
    form = form_page.context["form"]
    assert set(form.fields) == {"title", "document"}  # body and term are not asked again
    title = form.initial["title"]
    assert title == "Nghị quyết Đại hội Chi bộ Đại đội 1 lần thứ I, nhiệm kỳ 2025-2027"
    response = client.post(url, {"title": title, "form_token": "t-1"})
    assert response.status_code == 302
    assert response["Location"].endswith("#resolution")
    resolution = Resolution.objects.get(body=org.cell)
    assert resolution.period == "2025-2027" and resolution.title == title
    congress.refresh_from_db()
    assert congress.resolution == resolution
    # Posted again: nothing added twice, and once linked the page offers no second start.
    client.post(url, {"title": title, "form_token": "t-1"})
    assert Resolution.objects.filter(body=org.cell).count() == 1
    page = client.get(reverse("congresses:preparation", args=[prep.pk])).content.decode()
    assert url not in page
    assert reverse("resolutions:detail", args=[resolution.pk]) in page


def test_the_congress_page_shows_the_term_targets_with_their_figures_not_the_yearly_steps(
    org, users, client
):
    from ctct.resolutions import services as res

    prep, congress = _recorded(org, users, client)
    resolution = res.resolution_create(
        body=org.cell, period="2025-2027", title="Nghị quyết Đại hội Chi bộ"
    )
    services.congress_link_resolution(congress=congress, resolution=resolution)
    term = res.target_add(
        resolution=resolution,
        title="Đảng viên hoàn thành tốt nhiệm vụ",
        measure="percent",
        target_value="90",
        rollup="mean",
        unit="%",
    )
    res.target_add(
        resolution=resolution,
        title="Bước năm 2025",
        measure="percent",
        target_value="85",
        rollup="mean",
        period="2025",
        parent=term,
    )
    res.progress_enter(
        target=term, body=org.cell, value="92,5", on=dt.date(2025, 6, 1), note="Sơ kết"
    )
    page = client.get(reverse("congresses:preparation", args=[prep.pk]))
    text = page.content.decode()
    assert [bt.target for bt in page.context["term_targets"]] == [term]
    assert "Đảng viên hoàn thành tốt nhiệm vụ" in text and "92,5" in text
    assert "Bước năm 2025" not in text
    news = client.get(reverse("congresses:news_text", args=[prep.pk])).content.decode()
    assert "- Đảng viên hoàn thành tốt nhiệm vụ: đạt từ 90 %" in news
    assert "Bước năm 2025" not in news


def test_a_viewer_cannot_start_the_congress_resolution(org, users, client):
    from ctct.resolutions.models import Resolution

    prep, _congress = _recorded(org, users, client)
    client.force_login(users.viewer)
    url = reverse("congresses:resolution_new", args=[prep.pk])
    page = client.get(reverse("congresses:preparation", args=[prep.pk])).content.decode()
    assert url not in page
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "X", "form_token": "t-2"}).status_code == 404
    assert not Resolution.objects.exists()


def test_the_resolution_form_is_not_found_before_the_congress_is_recorded(org, users, client):
    prep, _people = _ready(org)
    client.force_login(users.officer)
    assert client.get(reverse("congresses:resolution_new", args=[prep.pk])).status_code == 404
