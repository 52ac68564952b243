"""The news draft of a congress, in the genre of the held-out reports ("Đại hội Chi bộ Đại
đội 1 lần thứ IX, nhiệm kỳ 2025-2027"), drafted from the congress record with fixed templates
(no language model): the lead (dates, the body, kind, "lần thứ", term), who directed, the
delegates, the elected committee and its secretary and deputies, the inspection committee,
the delegates to the next level and the term's targets when a resolution is linked.

``draft_text`` works on plain data (``CongressNews``); ``draft`` reads a ``Congress``.

>>> n = CongressNews(body="Chi bộ Đại đội 1", cell=True, all_members=True, number=9,
...     term="2025-2027", opened_on=dt.date(2025, 4, 10), closed_on=dt.date(2025, 4, 10),
...     summoned=20, present=19)
>>> headline(n)
'Đại hội Chi bộ Đại đội 1 lần thứ IX, nhiệm kỳ 2025-2027'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ctct.conferences.news import NewsPerson, person_phrase

ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]  # fmt: skip
COMPARISON_WORDS = {"at_least": "đạt từ", "at_most": "không quá", "exactly": "đạt"}


def roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


@dataclass
class CongressNews:
    body: str
    cell: bool
    all_members: bool
    number: int
    term: str
    opened_on: dt.date
    closed_on: dt.date
    summoned: int
    present: int
    directed_by: str = ""
    committee: list[NewsPerson] = field(default_factory=list)
    secretary: NewsPerson | None = None
    deputies: list[NewsPerson] = field(default_factory=list)
    inspection: list[NewsPerson] = field(default_factory=list)
    delegates: list[NewsPerson] = field(default_factory=list)
    resolution: str = ""
    targets: list[str] = field(default_factory=list)


@dataclass
class Draft:
    headline: str
    text: str


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def _day(d: dt.date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


def congress_name(n: CongressNews) -> str:
    word = "Đại hội" if n.all_members else "Đại hội đại biểu"
    return f"{word} {n.body} lần thứ {roman(n.number)}, nhiệm kỳ {n.term}"


def headline(n: CongressNews) -> str:
    return congress_name(n)


def lead(n: CongressNews) -> str:
    if n.closed_on != n.opened_on:
        when = f"Từ ngày {_day(n.opened_on)} đến ngày {_day(n.closed_on)}"
    else:
        when = f"Ngày {_day(n.opened_on)}"
    text = f"{when}, {n.body} tổ chức {congress_name(n)}."
    if n.directed_by:
        text += f" Dự và chỉ đạo Đại hội có đại diện lãnh đạo {n.directed_by}."
    who = "đảng viên" if n.all_members else "đại biểu"
    text += f" Về dự Đại hội có {n.present}/{n.summoned} {who} được triệu tập."
    return text


def election(n: CongressNews) -> str:
    organ = "Chi ủy" if n.cell else "Ban Chấp hành"
    names = [person_phrase(p, with_titles=False) for p in n.committee]
    parts = [
        f"Đại hội đã bầu {organ} {n.body} nhiệm kỳ {n.term} gồm {len(names)} đồng chí: "
        f"{_join(names)}."
    ]
    if n.secretary is not None:
        sent = f"{person_phrase(n.secretary, with_titles=False)} được bầu giữ chức Bí thư"
        if n.deputies:
            deps = _join([person_phrase(p, with_titles=False) for p in n.deputies])
            sent += f"; {deps} được bầu giữ chức Phó Bí thư"
        parts.append(sent[:1].upper() + sent[1:] + ".")
    if n.inspection:
        insp = _join([person_phrase(p, with_titles=False) for p in n.inspection])
        parts.append(f"Đại hội bầu Ủy ban Kiểm tra gồm {len(n.inspection)} đồng chí: {insp}.")
    if n.delegates:
        parts.append(f"Đại hội bầu {len(n.delegates)} đại biểu chính thức đi dự Đại hội cấp trên.")
    return " ".join(parts)


def targets(n: CongressNews) -> str:
    if not n.targets:
        return ""
    head = f"Đại hội thông qua {n.resolution or 'Nghị quyết Đại hội'}, xác định các chỉ tiêu:"
    return "\n".join([head, *[f"- {t}" for t in n.targets]])


def draft_text(n: CongressNews) -> Draft:
    paras = [lead(n), election(n), targets(n)]
    body = "\n\n".join(p for p in paras if p)
    return Draft(headline=headline(n), text=f"{headline(n)}\n\n{body}\n")


def _figure(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def news_input(congress) -> CongressNews:
    """The plain data of a congress record. Five queries."""
    from ctct.bodies.models import BodyKind
    from ctct.congresses.models import CongressKind, Role

    c = (
        type(congress)
        .objects.select_related("body", "term", "directed_by", "resolution")
        .get(pk=congress.pk)
    )
    by_role: dict[str, list[NewsPerson]] = {}
    for m in c.members.select_related("person").order_by("id"):
        by_role.setdefault(m.role, []).append(NewsPerson(m.person.full_name, m.person.rank))
    target_lines = []
    if c.resolution is not None:
        for t in c.resolution.targets.order_by("order", "id"):
            word = COMPARISON_WORDS.get(t.comparison, "đạt")
            unit = f" {t.unit}" if t.unit else ""
            target_lines.append(f"{t.title}: {word} {_figure(t.target_value)}{unit}")
    secretaries = by_role.get(Role.SECRETARY, [])
    return CongressNews(
        body=c.body.name,
        cell=c.body.kind == BodyKind.CELL,
        all_members=c.kind == CongressKind.ALL_MEMBERS,
        number=c.number,
        term=c.term.label,
        opened_on=c.opened_on,
        closed_on=c.closed_on,
        summoned=c.delegates_summoned,
        present=c.delegates_present,
        directed_by=c.directed_by.name if c.directed_by else "",
        committee=by_role.get(Role.COMMITTEE, []),
        secretary=secretaries[0] if secretaries else None,
        deputies=by_role.get(Role.DEPUTY, []),
        inspection=by_role.get(Role.INSPECTION, []),
        delegates=by_role.get(Role.DELEGATE, []),
        resolution=str(c.resolution) if c.resolution else "",
        targets=target_lines,
    )


def draft(congress) -> Draft:
    return draft_text(news_input(congress))
