"""The review report's charts as PNG images for the .docx (and so the PDF): the targets'
standing as bars (each figure as a percentage of its target, a line at 100%) and, for the
targets whose figure was entered more than once, their progress as small line charts with the
target drawn in. Plain data in, bytes out; nothing here touches the database.

matplotlib's object interface on the Agg canvas: no pyplot, so no global state shared between
threads of a web process and no display needed. Grey tones and hatching, as the paper is
printed in black and white; the serif face matches the Times of the text when the machine has
it (Liberation Serif, Times-metric), else matplotlib's own DejaVu Serif; both have every
Vietnamese letter. A chart is drawn only where it helps: bars for two targets or more with a
figure, a line for a target with two entries or more.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ctct.resolutions import standing as st

DPI = 150
WIDTH_IN = 6.3  # 16 cm, the text width of the page
LINES_PER_IMAGE = 6  # small line charts in one image, two by row
LABEL_WIDTH = 34  # characters of a target's title per line under a bar
MIN_POINTS = 2


@dataclass(frozen=True)
class Bar:
    label: str
    percent: Decimal  # the figure as a percentage of the target
    behind: bool  # at risk or missed: drawn light and hatched


@dataclass(frozen=True)
class Line:
    label: str
    points: tuple[tuple[dt.date, Decimal], ...]
    target: Decimal


@cache
def _serif() -> str:
    from matplotlib import font_manager

    for family in ("Times New Roman", "Liberation Serif"):
        try:
            font_manager.findfont(
                font_manager.FontProperties(family=family), fallback_to_default=False
            )
        except ValueError:
            continue
        return family
    return "DejaVu Serif"


def _figure(height_in: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    """The figure as PNG, compressed lightly: a few more kilobytes, a quarter of the time."""
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, pil_kwargs={"compress_level": 1})
    return out.getvalue()


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8, labelfontfamily=_serif())


def standing_bars(bars: list[Bar]) -> bytes | None:
    """One horizontal bar per target, its figure as a percentage of the target, a dashed line
    at 100%; None for fewer than two bars. Margins are set, not computed (``tight_layout``
    would draw the figure once more)."""
    if len(bars) < MIN_POINTS:
        return None
    family = _serif()
    labels = [textwrap.fill(b.label, LABEL_WIDTH, max_lines=2, placeholder="…") for b in bars]
    values = [float(b.percent) for b in bars]
    height = min(1.0 + 0.42 * len(bars), 9.5)
    fig = _figure(height)
    fig.subplots_adjust(left=0.36, right=0.97, top=1 - 0.3 / height, bottom=0.6 / height)
    ax = fig.add_subplot()
    ys = list(range(len(bars)))[::-1]
    drawn = ax.barh(
        ys,
        values,
        height=0.6,
        color=["0.8" if b.behind else "0.35" for b in bars],
        edgecolor="0.2",
        linewidth=0.6,
    )
    for rect, bar in zip(drawn, bars, strict=True):
        if bar.behind:
            rect.set_hatch("///")
    top = max([*values, 100.0]) * 1.15
    ax.set_xlim(0, top)
    ax.set_ylim(-0.6, len(bars) - 0.1)
    ax.axvline(100, color="black", linestyle="--", linewidth=1)
    ax.text(100, len(bars) - 0.45, " 100%", fontsize=8, family=family, va="bottom")
    for y, v in zip(ys, values, strict=True):
        words = f"{st.vi_number(Decimal(str(round(v, 1))))}%"
        ax.text(v + top * 0.01, y, words, va="center", fontsize=8, family=family)
    ax.set_yticks(ys, labels)
    ax.set_xlabel("Thực hiện so với chỉ tiêu (%)", fontsize=9, family=family)
    _style(ax)
    return _png(fig)


def progress_lines(lines: list[Line]) -> list[bytes]:
    """Small line charts of the figure over time with the target as a dashed line, six to an
    image; targets with fewer than two entries are left out."""
    lines = [line for line in lines if len(line.points) >= MIN_POINTS]
    images = []
    for start in range(0, len(lines), LINES_PER_IMAGE):
        images.append(_lines_image(lines[start : start + LINES_PER_IMAGE]))
    return images


def _day_ticks(days: list[dt.date]) -> list[dt.date]:
    """At most three days to label: the first, the last and one between."""
    if len(days) <= 3:
        return days
    return [days[0], days[len(days) // 2], days[-1]]


def _lines_image(lines: list[Line]) -> bytes:
    from matplotlib.dates import date2num

    family = _serif()
    rows = (len(lines) + 1) // 2
    cols = 1 if len(lines) == 1 else 2
    height = 0.3 + 2.1 * rows
    fig = _figure(height)
    fig.subplots_adjust(
        left=0.08, right=0.98, top=1 - 0.45 / height, bottom=0.35 / height, hspace=0.75, wspace=0.22
    )
    for i, line in enumerate(lines):
        ax = fig.add_subplot(rows, cols, i + 1)
        days = [d for d, _v in line.points]
        values = [float(v) for _d, v in line.points]
        xs = date2num(days)
        ax.plot(xs, values, color="black", marker="o", markersize=3, linewidth=1.2)
        ax.axhline(float(line.target), color="0.3", linestyle="--", linewidth=1)
        ax.text(xs[0], float(line.target), "Chỉ tiêu", fontsize=7, family=family, va="bottom")
        low = min([*values, float(line.target), 0.0])
        high = max([*values, float(line.target)])
        ax.set_ylim(low, high * 1.15 if high > 0 else 1)
        ticks = _day_ticks(days)
        ax.set_xticks(date2num(ticks), [f"{d:%d/%m}" for d in ticks])
        pad = max(1.0, (xs[-1] - xs[0]) * 0.05)
        ax.set_xlim(xs[0] - pad, xs[-1] + pad)
        ax.set_title(
            textwrap.fill(line.label, 40, max_lines=2, placeholder="…"), fontsize=8, family=family
        )
        _style(ax)
    return _png(fig)
