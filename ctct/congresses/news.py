"""The news draft of a congress, in the genre of the held-out reports ("Đại hội Chi bộ Đại
đội 1 lần thứ IX, nhiệm kỳ 2025-2027"), drafted from the congress record with fixed templates
(no language model): the lead (dates, the body, kind, "lần thứ", term), who directed (with
rank and titles: "Đại tá A, Bí thư Đảng ủy, Chính ủy Sư đoàn 367"), the delegates, the
presidium, the elected committee and its secretary and deputies (with rank and their other
titles), the inspection committee, the delegates to the next level and the term's targets
when a resolution is linked.

``draft_text`` works on plain data (``CongressNews``); ``draft`` reads a ``Congress``. A
congress read from a report may lack the kind, the closing day, the delegates and the
committee: the draft says only what is recorded.

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
    all_members: bool | None  # None: the kind is not recorded (a congress read from a report)
    number: int
    term: str
    opened_on: dt.date
    closed_on: dt.date | None  # None: not recorded
    summoned: int | None  # None: the delegates are not recorded
    present: int | None
    directed_by: str = ""
    directing: list[NewsPerson] = field(default_factory=list)
    presidium: list[NewsPerson] = field(default_factory=list)
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


def _people(people: list[NewsPerson], *, comrade: bool = True) -> str:
    """People with rank and titles: "Đại tá A, Bí thư Đảng ủy, Chính ủy Lữ đoàn 657; Thượng tá
    B, ..." (semicolons once a title brings its own commas), else "A, B và C"."""
    phrases = [
        person_phrase(p) if comrade or p.rank else f"{p.name}, {', '.join(p.titles)}".rstrip(", ")
        for p in people
    ]
    if any(p.titles for p in people):
        return "; ".join(phrases)
    return _join(phrases)


def _titled(p: NewsPerson) -> str:
    """ "Đại tá A, Chính ủy Lữ đoàn 657," before a verb: the titles closed by a comma."""
    text = person_phrase(p)
    return f"{text}," if p.titles else text


def congress_name(n: CongressNews) -> str:
    word = "Đại hội" if n.all_members or n.all_members is None else "Đại hội đại biểu"
    return f"{word} {n.body} lần thứ {roman(n.number)}, nhiệm kỳ {n.term}"


def headline(n: CongressNews) -> str:
    return congress_name(n)


def lead(n: CongressNews) -> str:
    if n.closed_on is not None and n.closed_on != n.opened_on:
        when = f"Từ ngày {_day(n.opened_on)} đến ngày {_day(n.closed_on)}"
    else:
        when = f"Ngày {_day(n.opened_on)}"
    text = f"{when}, {n.body} tổ chức {congress_name(n)}."
    if n.directing:
        text += f" Dự, chỉ đạo Đại hội có {_people(n.directing)}."
    elif n.directed_by:
        text += f" Dự và chỉ đạo Đại hội có đại diện lãnh đạo {n.directed_by}."
    if n.present is not None and n.summoned is not None:
        who = "đảng viên" if n.all_members else "đại biểu"
        text += f" Về dự Đại hội có {n.present}/{n.summoned} {who} được triệu tập."
    if n.presidium:
        names = _people(n.presidium, comrade=False)
        text += f" Đoàn Chủ tịch Đại hội gồm các đồng chí: {names}."
    return text


def election(n: CongressNews) -> str:
    organ = "Chi ủy" if n.cell else "Ban Chấp hành"
    names = [person_phrase(p, with_titles=False) for p in n.committee]
    parts = []
    if names:  # a congress read from a report may not name its committee
        parts.append(
            f"Đại hội đã bầu {organ} {n.body} nhiệm kỳ {n.term} gồm {len(names)} đồng chí: "
            f"{_join(names)}."
        )
    if n.secretary is not None:
        party = "Chi bộ" if n.cell else "Đảng ủy"
        sent = f"{_titled(n.secretary)} được bầu giữ chức Bí thư {party}"
        if n.deputies:
            deps = _people(n.deputies)
            if any(p.titles for p in n.deputies):
                deps += ","
            sent += f"; {deps} được bầu giữ chức Phó Bí thư {party}"
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


def _ranks_and_posts(person_ids: set[int], on: dt.date) -> tuple[dict, dict]:
    """Each person's rank on ``on`` (the latest conferred by then) and the posts held that
    day, read for all in two queries (the people app's records; titles as the news writes
    them, ``ctct.text.titles``)."""
    from django.db.models import Q

    from ctct.people.models import Position, RankRecord

    ranks: dict[int, str] = {}
    for rec in RankRecord.objects.filter(person__in=person_ids, conferred_on__lte=on).order_by(
        "person_id", "conferred_on", "id"
    ):
        ranks[rec.person_id] = rec.rank
    posts: dict[int, list] = {}
    for pos in (
        Position.objects.filter(person__in=person_ids, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .select_related("body")
        .order_by("id")
    ):
        posts.setdefault(pos.person_id, []).append(pos)
    return ranks, posts


def news_input(congress) -> CongressNews:
    """The plain data of a congress record, the people with their rank and titles the day
    before the congress opened (the posts it elected them to start when it closes; the
    elected are named without the Party posts of the body they were elected to). Four
    queries, five with a linked resolution (its term targets)."""
    from ctct.bodies.models import BodyKind
    from ctct.congresses.models import CongressKind, Role
    from ctct.text.titles import title_chain

    c = (
        type(congress)
        .objects.select_related("body", "term", "directed_by", "resolution")
        .get(pk=congress.pk)
    )
    members = list(c.members.select_related("person").order_by("id"))
    before = c.opened_on - dt.timedelta(days=1)
    ranks, posts = _ranks_and_posts({m.person_id for m in members}, before)
    elected_roles = {Role.SECRETARY, Role.DEPUTY}
    titled_roles = {Role.DIRECTING, Role.PRESIDIUM, *elected_roles}

    def person(m) -> NewsPerson:
        titles: list[str] = []
        if m.role in titled_roles:
            held = posts.get(m.person_id, [])
            if m.role in elected_roles:
                held = [p for p in held if not (p.body_id == c.body_id and p.title_kind == "party")]
            titles = title_chain(held)
        rank = ranks.get(m.person_id) or m.person.rank
        return NewsPerson(m.person.full_name, rank, titles)

    by_role: dict[str, list[NewsPerson]] = {}
    for m in members:
        by_role.setdefault(m.role, []).append(person(m))
    target_lines = []
    if c.resolution is not None:
        for t in c.resolution.targets.filter(period=c.term.label).order_by("order", "id"):
            word = COMPARISON_WORDS.get(t.comparison, "đạt")
            unit = f" {t.unit}" if t.unit else ""
            target_lines.append(f"{t.title}: {word} {_figure(t.target_value)}{unit}")
    secretaries = by_role.get(Role.SECRETARY, [])
    return CongressNews(
        body=c.body.name,
        cell=c.body.kind == BodyKind.CELL,
        all_members=(c.kind == CongressKind.ALL_MEMBERS) if c.kind else None,
        number=c.number,
        term=c.term.label,
        opened_on=c.opened_on,
        closed_on=c.closed_on,
        summoned=c.delegates_summoned,
        present=c.delegates_present,
        directed_by=c.directed_by.name if c.directed_by else "",
        directing=by_role.get(Role.DIRECTING, []),
        presidium=by_role.get(Role.PRESIDIUM, []),
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
