"""A document's attachments: only office kinds are kept, and they are downloaded only by
those who may see the document (scope and clearance), as downloads that run nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ctct.core.files import MSG_CONTENT_MISMATCH, MSG_KIND_REFUSED
from ctct.documents import services
from ctct.documents.models import Attachment

PDF = b"%PDF-1.7\n% Chi thi 2889-CT/DU\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
SCRIPT_PAGE = b"<html><body><script>document.location='https://example.org/'</script></body></html>"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _attach(client, doc, name, content):
    return client.post(
        reverse("documents:attachment_add", args=[doc.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
        follow=True,
    )


def _download(client, attachment):
    return client.get(reverse("documents:attachment", args=[attachment.pk]))


class TestAttaching:
    def test_an_officer_attaches_a_pdf_and_the_page_links_to_the_download(
        self, org, users, client, directive
    ):
        client.force_login(users.officer)
        r = _attach(client, directive, "Chỉ thị 2889.pdf", PDF)
        a = Attachment.objects.get()
        assert a.name == "Chỉ thị 2889.pdf" and a.size == len(PDF)
        assert a.history.get().history_user == users.officer
        html = r.content.decode()
        assert reverse("documents:attachment", args=[a.pk]) in html
        assert "/media/" not in html

    def test_a_script_bearing_html_page_is_refused_and_nothing_is_kept(
        self, org, users, client, directive, media_in_tmp
    ):
        client.force_login(users.officer)
        r = _attach(client, directive, "thong-bao.html", SCRIPT_PAGE)
        assert str(MSG_KIND_REFUSED % {"name": "thong-bao.html"}) in r.content.decode()
        assert not Attachment.objects.exists()
        assert not media_in_tmp.exists() or not any(media_in_tmp.rglob("*.*"))

    def test_an_html_page_renamed_pdf_is_refused(self, org, users, client, directive):
        client.force_login(users.officer)
        r = _attach(client, directive, "Chỉ thị.pdf", SCRIPT_PAGE)
        expected = MSG_CONTENT_MISMATCH % {"name": "Chỉ thị.pdf", "kind": "PDF"}
        assert str(expected) in r.content.decode()
        assert not Attachment.objects.exists()

    def test_the_service_refuses_what_the_page_refuses(self, directive):
        upload = SimpleUploadedFile("Chỉ thị.pdf", SCRIPT_PAGE)
        with pytest.raises(ValidationError) as e:
            services.attachment_add(document=directive, upload=upload)
        assert e.value.message == MSG_CONTENT_MISMATCH
        assert not Attachment.objects.exists()

    def test_a_viewer_cannot_attach(self, org, users, client, directive):
        client.force_login(users.viewer)
        assert _attach(client, directive, "a.pdf", PDF).status_code == 404
        assert not Attachment.objects.exists()


class TestDownloading:
    @pytest.fixture
    def attachment(self, directive, users):
        upload = SimpleUploadedFile("Chỉ thị 2889-CT-ĐU.pdf", PDF)
        return services.attachment_add(document=directive, upload=upload, user=users.officer)

    def test_the_right_user_downloads_the_exact_bytes_as_a_safe_download(
        self, users, client, attachment
    ):
        client.force_login(users.viewer)  # the brigade, to which the directive is addressed
        r = _download(client, attachment)
        assert r.status_code == 200
        assert b"".join(r.streaming_content) == PDF
        assert r["Content-Type"] == "application/pdf"
        assert r["X-Content-Type-Options"] == "nosniff"
        assert r["Content-Disposition"].startswith("attachment;")
        assert (
            "filename*=utf-8''Ch%E1%BB%89%20th%E1%BB%8B%202889-CT-%C4%90U.pdf"
            in (r["Content-Disposition"])
        )

    def test_a_user_outside_the_scope_gets_404(self, users, client, attachment):
        for user in (users.provincial, users.nobody):
            client.force_login(user)
            assert _download(client, attachment).status_code == 404

    def test_a_user_below_the_documents_clearance_gets_404(self, org, users, client):
        secret = services.document_issue(
            issuer=org.brigade,
            type_code="NQ",
            issued_on=dt.date(2025, 9, 10),
            title="Mật",
            security_level=2,
        )
        a = services.attachment_add(document=secret, upload=SimpleUploadedFile("mat.pdf", PDF))
        viewer = users.viewer
        client.force_login(viewer)
        viewer.clearance = 1
        viewer.save(update_fields=["clearance"])
        assert _download(client, a).status_code == 404
        viewer.clearance = 2
        viewer.save(update_fields=["clearance"])
        assert _download(client, a).status_code == 200

    def test_a_file_gone_from_the_disk_answers_404(self, users, client, attachment):
        attachment.file.delete(save=False)
        client.force_login(users.officer)
        assert _download(client, attachment).status_code == 404

    def test_a_file_kept_before_the_kinds_were_checked_is_a_plain_download(
        self, users, client, directive
    ):
        from django.core.files.base import ContentFile

        old = Attachment(document=directive, name="trang.html", size=len(SCRIPT_PAGE))
        old.file.save("trang.html", ContentFile(SCRIPT_PAGE))
        client.force_login(users.officer)
        r = _download(client, old)
        assert r["Content-Type"] == "application/octet-stream"
        assert r["Content-Disposition"].startswith("attachment;")
        assert r["X-Content-Type-Options"] == "nosniff"


class TestAdmin:
    def test_the_admin_lists_attachments_with_the_scoped_link_and_adds_none(
        self, users, client, directive
    ):
        a = services.attachment_add(
            document=directive, upload=SimpleUploadedFile("Chỉ thị.pdf", PDF)
        )
        client.force_login(users.superuser)
        html = client.get(
            reverse("admin:documents_document_change", args=[directive.pk])
        ).content.decode()
        assert reverse("documents:attachment", args=[a.pk]) in html
        assert "/media/" not in html
        assert 'name="attachments-0-file"' not in html and "attachments-__prefix__" not in html
