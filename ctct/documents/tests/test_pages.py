"""The document pages: issuing, registering, addressing, the dashboard, steps, exports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ctct.core.pickers import MSG_OUT_OF_SCOPE
from ctct.documents import services
from ctct.documents.models import Attachment, Document, Recipient, Step

D = dt.date


@pytest.fixture
def directive(org):
    doc = services.document_issue(
        issuer=org.region, type_code="CT", issued_on=D(2025, 9, 10), title="Về đại hội đảng các cấp"
    )
    services.distribution_create(
        document=doc, subtree_of=org.region, received_by=D(2025, 9, 20), reported_by=D(2025, 12, 1)
    )
    return doc


def test_an_officer_issues_a_numbered_directive(org, users, client):
    client.force_login(users.officer)
    url = reverse("documents:issue")
    token = client.get(url).context["form_token"]
    data = {
        "issuer": org.region.pk,
        "style": "party",
        "type_code": "CT",
        "issued_on": "2025-09-10",
        "title": "Về đại hội",
        "security_level": 0,
        "form_token": token,
    }
    r = client.post(url, data)
    doc = Document.objects.get()
    assert r.status_code == 302 and r["Location"] == doc.get_absolute_url()
    assert doc.number_display == "01-CT/ĐU" and doc.created_by == users.officer
    assert client.post(url, data).status_code == 302  # posted twice: still one document
    assert Document.objects.count() == 1


def test_issuing_for_a_body_outside_the_scope_is_refused_keeping_the_form(org, users, client):
    client.force_login(users.officer)
    r = client.post(
        reverse("documents:issue"),
        {
            "issuer": org.province.pk,
            "style": "party",
            "type_code": "NQ",
            "issued_on": "2025-09-10",
            "title": "Giữ nguyên",
            "security_level": 0,
        },
    )
    assert r.status_code == 200 and "Giữ nguyên" in r.content.decode()
    assert not Document.objects.exists()


def test_a_secretary_cannot_issue_for_the_region(org, users, client):
    client.force_login(users.secretary)
    r = client.post(
        reverse("documents:issue"),
        {
            "issuer": org.region.pk,
            "style": "party",
            "type_code": "CT",
            "issued_on": "2025-09-10",
            "title": "x",
            "security_level": 0,
        },
    )
    assert r.status_code == 200 and not Document.objects.exists()


def test_an_officer_cannot_issue_above_their_clearance(org, users, client):
    client.force_login(users.officer)
    r = client.post(
        reverse("documents:issue"),
        {
            "issuer": org.region.pk,
            "style": "party",
            "type_code": "CT",
            "issued_on": "2025-09-10",
            "title": "x",
            "security_level": 3,
        },
    )
    assert r.status_code == 200 and not Document.objects.exists()


def test_registering_a_malformed_number_shows_why(org, users, client):
    client.force_login(users.officer)
    r = client.post(
        reverse("documents:register"),
        {"citation": "Chỉ thị số ???", "issuer_name": "Bộ Chính trị", "security_level": 0},
    )
    assert r.status_code == 200 and "Chỉ thị số ???" in r.content.decode()
    assert not Document.objects.exists()


def test_addressing_from_the_page_goes_to_the_dashboard(org, users, client):
    client.force_login(users.officer)
    doc = services.document_issue(
        issuer=org.region, type_code="KH", issued_on=D(2025, 9, 10), title="x"
    )
    url = reverse("documents:distribute", args=[doc.pk])
    data = {
        "subtree_of": org.brigade.pk,
        "depth": "",
        "bodies": "",
        "disseminated_by": "2025-10-01",
        "form_token": "t1",
    }
    r = client.post(url, data)  # first the count, to confirm
    assert r.status_code == 200 and r.context["confirm"]["count"] == 3
    r = client.post(url, {**data, "confirm": r.context["confirm"]["key"]})
    assert r.status_code == 302 and r["Location"].endswith("/dashboard/")
    assert Recipient.objects.filter(document=doc).count() == 3
    r = client.post(url, {"bodies": str(org.province.pk), "form_token": "t2"})
    html = r.content.decode()
    assert r.status_code == 200 and str(MSG_OUT_OF_SCOPE) in html
    assert "Tỉnh ủy Tây Sơn" not in html  # a body outside the scope is not named
    assert not Recipient.objects.filter(document=doc, body=org.province).exists()


def test_the_dashboard_shows_progress_bars_and_drills_down(org, users, client, directive):
    client.force_login(users.officer)
    html = client.get(reverse("documents:dashboard", args=[directive.pk])).content.decode()
    assert 'class="bar"' in html and "Đảng ủy Lữ đoàn 657" in html
    html = client.get(
        reverse("documents:dashboard", args=[directive.pk]), {"body": org.brigade.pk}
    ).content.decode()
    assert "Chi bộ Đại đội 1" in html and "Đảng ủy Cục Chính trị" not in html


def test_a_cell_secretary_sees_the_dashboard_of_the_cell_only(org, users, client, directive):
    client.force_login(users.secretary)
    html = client.get(reverse("documents:dashboard", args=[directive.pk])).content.decode()
    assert "Chi bộ Đại đội 1" in html and "Chi bộ Đại đội 2" not in html
    assert (
        client.get(
            reverse("documents:dashboard", args=[directive.pk]), {"body": org.brigade.pk}
        ).status_code
        == 404
    )


def test_the_status_list_exports_to_xlsx(org, users, client, directive):
    from zipfile import ZipFile

    client.force_login(users.officer)
    r = client.get(reverse("documents:export", args=[directive.pk]), {"body": org.brigade.pk})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = ZipFile(io.BytesIO(r.content)).read("xl/sharedStrings.xml").decode()
    assert "Chi bộ Đại đội 1" in sheet and "Đảng ủy Cục Chính trị" not in sheet


def test_a_secretary_records_the_steps_of_the_cell(org, users, client, directive):
    client.force_login(users.secretary)
    r = Recipient.objects.get(body=org.cell)
    url = reverse("documents:step", args=[r.pk])
    assert client.post(url, {"step": Step.REPORTED}).status_code == 200  # skipping is refused
    assert client.post(url, {"step": Step.RECEIVED}).status_code == 302
    assert (
        client.post(
            url, {"step": Step.DISSEMINATED, "conference_note": "Hội nghị chi bộ ngày 22/9"}
        ).status_code
        == 302
    )
    r.refresh_from_db()
    assert r.step == Step.DISSEMINATED and r.disseminated_user == users.secretary
    other = Recipient.objects.get(body=org.other_cell)
    assert (
        client.post(reverse("documents:step", args=[other.pk]), {"step": Step.RECEIVED}).status_code
        == 404
    )


def test_the_inbox_and_reminders_show_what_is_due(org, users, client, directive):
    client.force_login(users.secretary)
    html = client.get(reverse("documents:inbox", args=[org.cell.pk])).content.decode()
    assert directive.citation in html
    html = client.get(reverse("documents:reminders")).content.decode()
    assert "Chi bộ Đại đội 1" in html  # its receive-by date (20/9/2025) has passed
    assert "Chi bộ Đại đội 2" not in html  # outside the secretary's scope


def test_an_attachment_over_the_limit_is_refused(org, users, client, directive, settings):
    settings.CTCT_MAX_UPLOAD_MB = 1
    client.force_login(users.officer)
    big = SimpleUploadedFile("big.pdf", b"0" * (1024 * 1024 + 1), content_type="application/pdf")
    r = client.post(
        reverse("documents:attachment_add", args=[directive.pk]), {"file": big}, follow=True
    )
    assert not Attachment.objects.exists()
    assert "MB" in r.content.decode()


def test_the_document_page_shows_its_chain(org, users, client):
    client.force_login(users.officer)
    ct35 = services.document_register(citation="Chỉ thị số 35-CT/TW", issuer_name="Bộ Chính trị")
    plan = services.document_register(citation="Kế hoạch số 1180-KH/ĐU", issuer=org.pol)
    services.relation_add(source=plan, target=ct35, kind="concretizes")
    html = client.get(reverse("documents:detail", args=[plan.pk])).content.decode()
    assert "Chỉ thị số 35-CT/TW" in html
    r = client.post(
        reverse("documents:relation_add", args=[ct35.pk]),
        {"kind": "amends", "target": "1180-KH/ĐU"},
        follow=True,
    )
    assert r.status_code == 404  # an external document is nobody's to link from


def test_a_directive_from_above_names_its_issuer_without_a_dead_link(org, users, client, directive):
    client.force_login(users.secretary)
    html = client.get(reverse("documents:detail", args=[directive.pk])).content.decode()
    assert "Đảng ủy Quân khu 8" in html
    assert f'href="{org.region.get_absolute_url()}"' not in html


def test_the_document_page_lists_the_conferences_that_disseminated_it(
    org, users, client, directive
):
    from ctct.conferences import services as conferences

    conf = conferences.conference_create(
        body=org.brigade, kind="quan_triet", held_on=D(2025, 9, 25)
    )
    conferences.conference_document_add(conference=conf, document=directive)
    client.force_login(users.officer)
    html = client.get(reverse("documents:detail", args=[directive.pk])).content.decode()
    assert conf.get_absolute_url() in html
    client.force_login(users.secretary)  # the brigade's conference is above the cell
    html = client.get(reverse("documents:detail", args=[directive.pk])).content.decode()
    assert conf.get_absolute_url() not in html
