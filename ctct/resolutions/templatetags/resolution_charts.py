"""The data of the charts of the resolution pages, as plain JSON-ready dicts for ``json_script``
(``ctct/core/static/ctct/charts.js`` draws them with Chart.js). Labels are translated here, in
the page's language; numbers are plain floats, dates ISO strings. No query."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ctct.resolutions import standing as st
from ctct.resolutions.models import Standing

register = template.Library()

HUNDRED = Decimal(100)


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def percent_of_target(value: Decimal | None, target: Decimal | None) -> Decimal | None:
    """The figure as a percentage of the target value (one decimal); None without a figure.
    A target of 0 (at most 0 breaches) is reached at 100% by 0 and has no ratio beyond."""
    if value is None or target is None:
        return None
    if target == 0:
        return HUNDRED if value == 0 else None
    return (value * HUNDRED / target).quantize(Decimal("0.1"))


def _labels() -> dict[str, str]:
    return {code: str(label) for code, label in Standing.choices}


@register.simple_tag
def standing_bars(standings) -> dict:
    """Each target's figure as % of its target value, with its standing (``TargetStanding``s)."""
    names = _labels()
    bars = []
    for s in standings:
        node = s.root
        pct = percent_of_target(node.value, node.judged_target)
        unit = f" {s.target.unit}" if s.target.unit else ""
        bars.append(
            {
                "label": s.target.title,
                "standing": node.standing,
                "standing_label": names.get(node.standing, node.standing),
                "percent": _float(pct),
                "figure": f"{_fig(node.value)} / {_fig(node.judged_target)}{unit}",
            }
        )
    return {
        "kind": "bars",
        "lang": get_language() or "vi",
        "bars": bars,
        "axis": _("Figure as a share of the target value (%)"),
        "line": _("100% = the target value"),
        "no_data": names[st.NO_DATA],
    }


@register.simple_tag
def progress_line(progress) -> dict:
    """A target's figure over time at a body (``chart_selectors.Progress``)."""
    names = _labels()
    return {
        "kind": "line",
        "lang": get_language() or "vi",
        "start": progress.start.isoformat(),
        "end": progress.end.isoformat(),
        "target": _float(progress.target_value),
        "points": [
            {
                "x": p.on.isoformat(),
                "y": _float(p.value),
                "standing": p.standing,
                "standing_label": names.get(p.standing, p.standing),
            }
            for p in progress.points
        ],
        "path": [{"x": day.isoformat(), "y": _float(v)} for day, v in progress.path],
        "names": {
            "figure": _("Figure"),
            "target": _("Target"),
            "path": _("Expected path"),
            "unit": progress.target.unit or "",
        },
    }


def _fig(value) -> str:
    return "—" if value is None else st.vi_number(Decimal(value))


@register.filter
def percent_figure(node) -> str:
    """A node's figure as a percentage of its target, written as Vietnamese writes numbers."""
    pct = percent_of_target(node.value, node.judged_target)
    return "—" if pct is None else f"{st.vi_number(pct)}%"


# A mark for each standing in the heat map's cells, so a cell reads without its colour.
MARKS = {st.MET: "✓", st.ON_TRACK: "→", st.AT_RISK: "!", st.MISSED: "✗", st.NO_DATA: "–"}


@register.filter
def standing_mark(code: str) -> str:
    return MARKS.get(code, "?")


@register.filter
def map_cell(cell) -> str:
    """A heat map cell (``chart_selectors.MapCell``) as a table cell: the standing's mark and
    the figure, linked to the body's share of the target, with the figure against its value
    and the standing in its title (hover) and for screen readers. Written here rather than by
    an included template, with the parts that repeat made once a page: a page has a thousand
    cells."""
    parts = _cell_parts(cell.target)
    node = cell.node
    if node is None:
        return parts["none"]
    label = parts["labels"].get(node.standing, node.standing)
    value, of = escape(_fig(node.value)), escape(_fig(node.judged_target))
    return mark_safe(
        f'<td class="map-cell standing-{escape(node.standing)}" title="{value} / {of}'
        f'{parts["unit"]} · {label}"><a href="{parts["url"].replace(_BODY, str(node.body_id))}">'
        f'<span class="mark" aria-hidden="true">{MARKS.get(node.standing, "?")}</span> {value}'
        f'<span class="visually-hidden"> / {of}{parts["unit"]} · {label}</span></a></td>'
    )


_BODY = "918273645"  # a body id in a URL made once, then replaced by each cell's


def _cell_parts(target) -> dict:
    """What every cell of a target's column shares, in the active language (escaped); kept
    on the Target object, which lives as long as the page being drawn."""
    lang = get_language()
    cache = target.__dict__.setdefault("_map_cell_parts", {})
    got = cache.get(lang)
    if got is None:
        text = escape(_("not handed down"))
        got = cache[lang] = {
            "unit": escape(f" {target.unit}") if target.unit else "",
            "url": reverse("resolutions:target", args=[int(_BODY), target.pk]),
            "labels": {code: escape(label) for code, label in _labels().items()},
            "none": mark_safe(
                f'<td class="map-cell none" title="{text}"><span aria-hidden="true">·</span>'
                f'<span class="visually-hidden">{text}</span></td>'
            ),
        }
    return got
