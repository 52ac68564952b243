"""Figures read from an imported report that look like results ("đạt và vượt 92% khối lượng
hàng hóa so với cùng kỳ năm 2024"), and their turning into progress entries of a target once a
person has reviewed them.

The extraction engine marks a result figure in the record (``figures[i].result``, see
``ctct/extract/results.py``); a record read before it did so is read again from its text. An
entry made from a figure rests on the report's conference (the evidence), is about the body
that held it, and carries a token made of the report and the figure's place in the record,
so the same figure entered twice is refused by ``progress_enter`` and nothing changes.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ctct.extract.people import split_sentences
from ctct.extract.results import read_result
from ctct.imports.models import ImportItem, ItemStatus
from ctct.resolutions.models import ProgressEntry, Target
from ctct.resolutions.services import progress_enter

MSG_NOT_APPLIED = _(
    "Only the figures of a report already imported, with its conference, become progress entries."
)
MSG_NO_FIGURE = _("The report has no such figure.")


def figure_token(item_pk: int, index: int) -> str:
    """The once-only token of the entry made from figure ``index`` of report ``item_pk``."""
    return f"import-{item_pk}-figure-{index}"


@dataclass(frozen=True)
class ResultFigure:
    """One figure of a report that reports a result, as the review page shows it."""

    index: int
    written: str
    sentence: str
    number: str | None
    measure_kind: str | None
    exceeded: bool
    compared_with: str | None
    compared_year: int | None
    change: str | None
    what: str | None
    token: str

    @property
    def typed(self) -> str:
        """The number as a person types it in Vietnamese ("92,5"), for the value box."""
        return (self.number or "").replace(".", ",")


def _span(raw, size: int) -> tuple[int, int] | None:
    if (
        isinstance(raw, (list, tuple))
        and len(raw) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) for x in raw)
        and 0 <= raw[0] <= raw[1] <= size
    ):
        return raw[0], raw[1]
    return None


def result_figures(item: ImportItem) -> list[ResultFigure]:
    """The figures of ``item``'s record that report a result, in the order of the record."""
    record = item.record if isinstance(item.record, dict) else {}
    figures = record.get("figures")
    if not isinstance(figures, list) or not figures:
        return []
    text = record.get("text") if isinstance(record.get("text"), str) else ""
    sentences = split_sentences(text) if text else []
    starts = [s for s, _e in sentences]
    out = []
    for index, f in enumerate(figures):
        if not isinstance(f, dict):
            continue
        span = _span(f.get("span"), len(text))
        sentence = None
        if span is not None and sentences:
            k = bisect.bisect_right(starts, span[0]) - 1
            if k >= 0 and sentences[k][0] <= span[0] <= sentences[k][1]:
                sentence = sentences[k]
        keys = f
        if "result" not in f and span is not None:  # read before results were marked
            clause = _span(f.get("measure_span"), len(text)) or span
            keys = {
                **f,
                **read_result(
                    text,
                    span,
                    clause,
                    value=str(f.get("value") or ""),
                    unit=f.get("unit"),
                    sentence=sentence,
                ),
            }
        if keys.get("result") is not True:
            continue
        said = text[sentence[0] : sentence[1]] if sentence else str(f.get("measure") or "")
        out.append(
            ResultFigure(
                index=index,
                written=str(f.get("text") or f.get("value") or ""),
                sentence=" ".join(said.split()),
                number=keys.get("number") if isinstance(keys.get("number"), str) else None,
                measure_kind=keys.get("measure_kind"),
                exceeded=keys.get("exceeded") is True,
                compared_with=keys.get("compared_with"),
                compared_year=keys.get("compared_year")
                if isinstance(keys.get("compared_year"), int)
                else None,
                change=keys.get("change"),
                what=keys.get("what") if isinstance(keys.get("what"), str) else None,
                token=figure_token(item.pk, index),
            )
        )
    return out


def entries_made(figures: list[ResultFigure]) -> dict[str, ProgressEntry]:
    """The progress entries already made from these figures, by token (one query)."""
    if not figures:
        return {}
    rows = ProgressEntry.objects.filter(token__in=[f.token for f in figures]).select_related(
        "target", "body"
    )
    return {e.token: e for e in rows}


@transaction.atomic
def figure_enter_progress(
    *,
    item: ImportItem,
    index: int,
    target: Target,
    value: object,
    on: dt.date,
    note: str | None = None,
    user=None,
) -> ProgressEntry:
    """Enter figure ``index`` of an applied report as the progress of ``target`` at the body
    that held the report's conference, on ``on``, with the conference as its evidence and the
    figure's sentence as its note (unless ``note`` is given). ``progress_enter`` refuses a
    value of the wrong kind, a body the target was not handed to, a day before the target's
    period, and the same figure entered twice; nothing is written then."""
    item = ImportItem.objects.select_related("conference__body").get(pk=item.pk)
    if item.status != ItemStatus.APPLIED or item.conference is None:
        raise ValidationError(MSG_NOT_APPLIED, code="not_applied")
    figure = next((f for f in result_figures(item) if f.index == index), None)
    if figure is None:
        raise ValidationError(MSG_NO_FIGURE, code="no_figure")
    return progress_enter(
        target=target,
        body=item.conference.body,
        value=value,
        on=on,
        conference=item.conference,
        note=figure.sentence if note is None else note,
        token=figure.token,
        user=user,
    )
