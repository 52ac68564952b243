"""``ctct review-report --body ID --period 2025 [--kind tong_ket] --out FILE.docx|.pdf``: the
review report (báo cáo sơ kết / tổng kết) of a body for a period written as a file.

With a saved review of that body, period and kind it prints its latest version; otherwise it
assembles the draft from the records, without the staff's sections (printed as dots to fill
in). Unknown body, a period that cannot be read, a period with nothing recorded, an output
that is neither .docx nor .pdf: a one-line error and no file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

KINDS = ("so_ket", "tong_ket")
WHOLE_PERIODS = ("year", "term")  # reviewed in a tổng kết unless --kind says otherwise


class Command(BaseCommand):
    help = (
        "Write the review report (báo cáo sơ kết / tổng kết) of a body for a period as .docx "
        "or PDF: the saved review's latest version when there is one, else a draft assembled "
        "from the records without the staff's sections."
    )

    def add_arguments(self, parser):
        parser.add_argument("--body", type=int, required=True, help="the body's id")
        parser.add_argument(
            "--period",
            required=True,
            help='the period: "2025", "2025-H1", "6 tháng đầu năm 2025", "2025-2030"',
        )
        parser.add_argument(
            "--kind",
            choices=KINDS,
            help="so_ket (interim) or tong_ket (final); by default the saved review's, else "
            "tong_ket for a year or a term and so_ket for part of a year",
        )
        parser.add_argument("--out", required=True, help="the file to write: .docx or .pdf")

    def handle(self, *args, body, period, kind, out, **opts):
        from ctct.bodies.models import Body
        from ctct.conferences.periods import as_period, period_code, period_words
        from ctct.resolutions import review_export
        from ctct.resolutions.models import Review
        from ctct.resolutions.review_selectors import review_assemble
        from ctct.resolutions.review_services import review_has_data

        target = Path(out)
        suffix = target.suffix.casefold()
        if suffix not in (".docx", ".pdf"):
            raise CommandError(f"--out must end in .docx or .pdf, not {out!r}")
        if not target.parent.is_dir():
            raise CommandError(f"no such folder for --out: {str(target.parent)!r}")
        found = Body.objects.filter(pk=body).first()
        if found is None:
            raise CommandError(f"no body with id {body}")
        try:
            code = period_code(period)
        except ValidationError as e:
            raise CommandError(f"--period: {e.messages[0]}") from None
        if not code or as_period(code) is None:
            raise CommandError(f"--period: cannot read {period!r} as a period")

        reviews = {r.kind: r for r in Review.objects.filter(body=found, period=code)}
        if kind is None:
            if reviews:
                kind = "tong_ket" if "tong_ket" in reviews else next(iter(reviews))
            else:
                kind = "tong_ket" if as_period(code).kind in WHOLE_PERIODS else "so_ket"
        review = reviews.get(kind)
        if review is not None:
            draft = review_assemble(review)
            what = f"saved review, version {draft.version}" if draft.version else "saved review"
        else:
            if not review_has_data(found, code):
                raise CommandError(
                    f"{found.name} has nothing recorded for {period_words(code)}: no target, "
                    "no directive received, no conference and no requirement."
                )
            draft = review_assemble((found, code, kind))
            what = "draft assembled from the records, no staff sections"

        try:
            if suffix == ".pdf":
                data = review_export.review_pdf(draft)
            else:
                data = review_export.review_docx(draft)
        except ValidationError as e:
            raise CommandError(e.messages[0]) from None
        # Written beside the target and renamed, so a failure never leaves half a file.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".review-", suffix=suffix)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.stdout.write(
            f"{target}: {draft.title} — {draft.body_name} ({what}; {len(draft.gaps)} gaps, "
            f"{len(data) // 1024} kB)"
        )
