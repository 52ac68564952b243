"""The review report as files to download: .docx and PDF (``reviews/<pk>/docx/``,
``reviews/<pk>/pdf/``, ``?version=N`` for a saved version other than the latest).

Scoped like the review page: whoever's scope views the review's body downloads it, others get
404. The file is the draft the page shows (``review_assemble``) written by
``review_export``; its name is the report's title and body in Vietnamese. A PDF that cannot
be made (LibreOffice missing, failing or too slow) is a page that says so, never a 500.
"""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ctct.resolutions import review_export, review_selectors
from ctct.resolutions.models import ReviewVersion
from ctct.resolutions.review_draft import ReviewDraft
from ctct.resolutions.review_forms import MAX_VERSION
from ctct.resolutions.review_views import get_review_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
# Characters a file name may not carry on Windows, Linux or in a header.
NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
NAME_LIMIT = 150


def file_name(draft: ReviewDraft, extension: str) -> str:
    """ "Báo cáo tổng kết công tác lãnh đạo năm 2025 - Đảng ủy Lữ đoàn 657 (bản 3).docx"."""
    name = f"{draft.title} - {draft.body_name}"
    if draft.version:
        name += f" (bản {draft.version})"
    name = " ".join(NOT_IN_NAMES.sub(" ", name).split()).strip(" .-")[:NAME_LIMIT].rstrip(" .-")
    return f"{name or 'bao-cao'}.{extension}"


def _draft(request: HttpRequest, pk: int) -> ReviewDraft:
    review = get_review_for(request, pk)
    raw = request.GET.get("version", "")
    version = None
    if raw:
        version = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else 0
        if not 0 < version <= MAX_VERSION:
            raise Http404(_("No such version of this review."))
    try:
        return review_selectors.review_assemble(review, version=version)
    except ReviewVersion.DoesNotExist:
        raise Http404(_("No such version of this review.")) from None


def _attachment(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def review_docx(request: HttpRequest, review_pk: int) -> HttpResponse:
    draft = _draft(request, review_pk)
    return _attachment(review_export.review_docx(draft), DOCX, file_name(draft, "docx"))


@login_required
@require_GET
def review_pdf(request: HttpRequest, review_pk: int) -> HttpResponse:
    draft = _draft(request, review_pk)
    try:
        data = review_export.review_pdf(draft)
    except ValidationError as e:
        ctx = {"status": 503, "title": _("The PDF could not be made"), "text": e.messages[0]}
        return render(request, "error.html", ctx, status=503)
    return _attachment(data, PDF, file_name(draft, "pdf"))
