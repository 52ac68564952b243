"""Awards: who may give which kind (the tiers), the lists ctct proposes from the ratings, the
staff's corrections, the confirmation and the numbered decision (QĐ).

A body's *tier* is its height among grassroots-kind bodies (``rules.tier_of``): 0 for a
grassroots organization, 1 for the level above it ... A standing committee has its parent's
tier and gives the kinds that say ``by_standing_committee``; the other kinds are given by the
committee itself. A giver's *giving root* is the body whose subtree it rewards: the committee
(for its standing committee, the parent). Each recipient belongs to the nearest entitled
giver above it, so two givers never list the same name for one kind.

The rules that earn an award are the kind's (``AwardKind``): a decided yearly level of
``level`` or better ``years`` years in a row ending with the year (by person, wherever the
member was rated; a body through its merged predecessors, ``Body.successor``), or ``membership
_years`` of Party membership reached in the year (``Person.party_joined_on``). Nobody
disciplined in the year (a ``Discipline`` not withdrawn) is listed, and a streak already
rewarded by the same kind (an included award of a confirmed decision whose years overlap) is
not rewarded twice. Each name carries the rule behind it ("HTXSNV 2021–2025").

Proposing reads a fixed number of queries whatever the number of people: the members'
streaks are counted by the database (one grouped query), the bodies' sheets are read once,
and the writes are bulk inserts with their history (``core.bulk``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, namedtuple
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ctct.bodies.models import Body, BodyKind
from ctct.core import bulk
from ctct.core.treepaths import STEPLEN
from ctct.people.models import Person
from ctct.ratings import rules as R
from ctct.ratings.models import Award, AwardDecision, AwardKind, Discipline, RatingSheet, Subject

MSG_NOT_ENTITLED = _(
    "%(body)s may not give “%(kind)s”: the rule is that it is given by %(giver)s, and "
    "%(body)s is %(is)s."
)
MSG_GIVES_NOTHING = _("%(body)s gives no award: it is %(is)s.")
MSG_ALREADY_CONFIRMED = _("This list is already confirmed; nothing was changed.")
MSG_NOT_CONFIRMED = _("Confirm the list before drafting its decision.")
MSG_NOTHING_INCLUDED = _("No recipient is ticked: there is nothing to confirm.")
MSG_ALREADY_DRAFTED = _("The decision is already drafted: %(citation)s.")
MSG_NOT_DRAFTED = _("Draft the decision before issuing it.")
MSG_ALREADY_ISSUED = _("The decision is already issued: %(citation)s.")
MSG_WRONG_SUBJECT = _("“%(kind)s” is given to a %(subject)s.")
MSG_NO_RECIPIENT = _("Choose the member or the Party organization to reward.")
MSG_OUTSIDE = _("%(name)s is not in the branch of %(body)s.")
MSG_ALREADY_LISTED = _("%(name)s is already on the list.")
MSG_DISCIPLINED = _("%(name)s was disciplined in %(year)s and cannot be rewarded for it.")
MSG_KIND_INACTIVE = _("“%(kind)s” is no longer in use.")
MSG_BAD_YEAR = _("%(year)s is not a year awards can be given for.")

TIER_NAMES = {
    "grassroots": _("a grassroots Party committee"),
    "district": _("a district-level Party committee"),
    "province": _("a province-level Party committee"),
    "central": _("a central Party committee"),
}
STANDING_OF = _("the standing committee of %(tier)s")
NOT_A_GIVER = _("a body without the power to give awards")
# Kinds of bodies that are never rated nor rewarded as Party organizations.
NOT_REWARDED = {BodyKind.STANDING_COMMITTEE, BodyKind.POLITICAL_AGENCY}
FIRST_YEAR, LAST_YEAR = 1930, 2200  # the years a rating or a membership can be counted in
DONE = (AwardDecision.State.CONFIRMED, AwardDecision.State.ISSUED)


def _refuse(message, code: str, field_name: str | None = None, **params) -> ValidationError:
    error = ValidationError(message, code=code, params=params or None)
    return ValidationError({field_name: error}) if field_name else error


# --- the tree and the tiers -------------------------------------------------------------------
@dataclass(frozen=True)
class Node:
    id: int
    path: str
    kind: str
    name: str
    live: bool
    successor_id: int | None


@dataclass
class Tree:
    """The bodies (of the whole tree or of one branch) and their heights."""

    nodes: dict[int, Node]
    by_path: dict[str, int]
    heights: dict[int, int]
    predecessors: dict[int, list[int]] = field(default_factory=dict)

    def parent(self, node: Node) -> Node | None:
        pid = self.by_path.get(node.path[:-STEPLEN])
        return self.nodes.get(pid) if pid is not None else None


def _tree(rules: R.Rules, under: str = "") -> Tree:
    """One query over the tree (or the branch at ``under``): heights computed in Python.

    A body's height is 0 when no grassroots-kind body lies below it, else one more than the
    highest such body below; a standing committee takes its parent's. Merged and dissolved
    bodies are kept (their sheets count for their successors) but lift no height."""
    qs = Body.objects.all()
    if under:
        qs = qs.filter(path__startswith=under)
    rows = qs.values_list("id", "path", "kind", "name", "merged_on", "dissolved_on", "successor_id")
    nodes, by_path = {}, {}
    for pk, path, kind, name, merged, dissolved, successor in rows.iterator(chunk_size=5000):
        nodes[pk] = Node(pk, path, kind, name, merged is None and dissolved is None, successor)
        by_path[path] = pk
    grassroots = set(rules.grassroots_kinds)
    below: dict[int, int] = {}  # body -> highest height of a live grassroots-kind body below it
    heights: dict[int, int] = {}
    for node in sorted(nodes.values(), key=lambda n: len(n.path), reverse=True):
        heights[node.id] = below.get(node.id, -1) + 1
        pid = by_path.get(node.path[:-STEPLEN])
        if pid is None:
            continue
        lifted = heights[node.id] if node.kind in grassroots and node.live else -1
        lifted = max(lifted, below.get(node.id, -1))
        if lifted > below.get(pid, -1):
            below[pid] = lifted
    for node in nodes.values():
        if node.kind == BodyKind.STANDING_COMMITTEE:
            pid = by_path.get(node.path[:-STEPLEN])
            if pid is not None:
                heights[node.id] = heights[pid]
    # Merged bodies, wherever they were: a branch's body may have taken over one from another
    # branch (one more query for a branch; merged bodies are few).
    merged = (
        Body.objects.filter(successor__isnull=False).values_list("id", "successor_id")
        if under
        else [(n.id, n.successor_id) for n in nodes.values() if n.successor_id is not None]
    )
    predecessors: dict[int, list[int]] = defaultdict(list)
    for pk, successor in merged:
        predecessors[successor].append(pk)
    return Tree(nodes, by_path, heights, dict(predecessors))


def tiers() -> dict[int, int]:
    """Every body's height among grassroots organizations (body id -> height)."""
    return _tree(R.current()).heights


RULE_STREAK = _("%(level)s %(years)s years in a row")
RULE_YEAR = _("%(level)s in the year")
RULE_MEMBERSHIP = _("%(years)s years of Party membership")
RULE_BY_HAND = _("listed by hand (%(conditions)s)")
RULE_BY_HAND_PLAIN = _("listed by hand")


def rule_words(kind: AwardKind, rules: R.Rules | None = None) -> str:
    """The rule that earns ``kind``, in words: "HTXSNV 5 years in a row"."""
    rules = rules or R.current()
    if kind.level and kind.years:
        short = rules.level(kind.level).short
        if kind.years == 1:
            return str(RULE_YEAR % {"level": short})
        return str(RULE_STREAK % {"level": short, "years": kind.years})
    if kind.membership_years:
        return str(RULE_MEMBERSHIP % {"years": kind.membership_years})
    if kind.conditions:
        return str(RULE_BY_HAND % {"conditions": kind.conditions})
    return str(RULE_BY_HAND_PLAIN)


def _tier_label(tier: str):
    return TIER_NAMES.get(tier, tier)


def giving_root(tree: Tree, node: Node, kind: AwardKind, rules: R.Rules) -> Node | None:
    """The body whose branch ``node`` rewards with ``kind``, or None when it may not give it."""
    if not node.live:
        return None
    if kind.by_standing_committee:
        if node.kind != BodyKind.STANDING_COMMITTEE:
            return None
        root = tree.parent(node)
    else:
        root = node if node.kind in rules.grassroots_kinds else None
    if root is None or R.tier_of(tree.heights, root.id, rules) != kind.giver_tier:
        return None
    return root


def _what_it_is(tree: Tree, node: Node, rules: R.Rules):
    if node.kind == BodyKind.STANDING_COMMITTEE:
        parent = tree.parent(node)
        if parent is not None and parent.kind in rules.grassroots_kinds:
            tier = R.tier_of(tree.heights, parent.id, rules)
            return STANDING_OF % {"tier": _tier_label(tier)}
        return NOT_A_GIVER
    if node.kind not in rules.grassroots_kinds:
        return NOT_A_GIVER
    return _tier_label(R.tier_of(tree.heights, node.id, rules))


def rule_giver(kind: AwardKind):
    """Who gives ``kind``, in words: "the standing committee of a district-level ..."."""
    tier = _tier_label(kind.giver_tier)
    return STANDING_OF % {"tier": tier} if kind.by_standing_committee else tier


def _giver_tree(giver: Body, rules: R.Rules) -> Tree:
    """The branch a giver's entitlement and proposals need: its giving root's subtree (for a
    standing committee, its parent's)."""
    root_path = giver.path[:-STEPLEN] if giver.kind == BodyKind.STANDING_COMMITTEE else giver.path
    return _tree(rules, root_path or giver.path)


def kinds_given_by(giver: Body, *, tree: Tree | None = None) -> list[AwardKind]:
    """The active kinds ``giver`` is entitled to give (two queries)."""
    rules = R.current()
    tree = tree or _giver_tree(giver, rules)
    node = tree.nodes.get(giver.pk)
    if node is None:
        return []
    return [k for k in AwardKind.objects.filter(active=True) if giving_root(tree, node, k, rules)]


def check_entitled(giver: Body, kind: AwardKind, *, tree: Tree | None = None) -> None:
    """Refuse, naming the rule, when ``giver`` may not give ``kind``."""
    rules = R.current()
    tree = tree or _giver_tree(giver, rules)
    node = tree.nodes[giver.pk]
    if not kind.active:
        raise _refuse(MSG_KIND_INACTIVE, "kind_inactive", "kind", kind=kind.name)
    if giving_root(tree, node, kind, rules) is None:
        raise _refuse(
            MSG_NOT_ENTITLED,
            "not_entitled",
            "kind",
            body=giver.name,
            kind=kind.name,
            giver=rule_giver(kind),
            **{"is": _what_it_is(tree, node, rules)},
        )


# --- the rules behind a name ------------------------------------------------------------------
# The reasons are printed in the decision, whose words are Vietnamese whatever the language of
# the pages (as in core.partydoc).
def level_reason(rules: R.Rules, level: str, first: int, last: int) -> str:
    short = rules.level(level).short
    return f"{short} {last}" if first == last else f"{short} {first}–{last}"


def membership_reason(years: int, joined: dt.date) -> str:
    return f"{years} năm tuổi Đảng (vào Đảng {joined:%d/%m/%Y})"


@dataclass(frozen=True)
class Candidate:
    person_id: int | None
    body_id: int | None
    name: str
    reason: str
    first_year: int | None
    last_year: int | None

    @property
    def key(self) -> tuple[str, int]:
        return ("p", self.person_id) if self.person_id else ("b", self.body_id)


@dataclass
class _Plan:
    """What one proposal run computed: (giver id, kind id) -> candidates."""

    lists: dict[tuple[int, int], list[Candidate]] = field(default_factory=dict)


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _refuse(MSG_BAD_YEAR, "year", "year", year=year)


def _entitled_roots(tree: Tree, kinds: list[AwardKind], rules: R.Rules, only: Node | None):
    """kind id -> {giving root path: giver id}, for the live givers (or ``only``)."""
    out: dict[int, dict[str, int]] = {}
    givers = [only] if only is not None else [n for n in tree.nodes.values() if n.live]
    for kind in kinds:
        roots = {}
        for node in givers:
            root = giving_root(tree, node, kind, rules)
            if root is not None:
                roots.setdefault(root.path, node.id)
        out[kind.pk] = roots
    return out


def _nearest(roots: dict[str, int], path: str, *, strict: bool) -> str | None:
    """The deepest giving root among the ancestors of ``path`` (and ``path`` itself unless
    ``strict``)."""
    end = len(path) - (STEPLEN if strict else 0)
    for n in range(end, 0, -STEPLEN):
        if path[:n] in roots:
            return path[:n]
    return None


def _plan(*, year: int, tree: Tree, rules: R.Rules, giver: Node | None, root_path: str) -> _Plan:
    """The candidates of every entitled (giver, kind) in ``tree`` for ``year``.

    ``giver`` None: every giver of the tree (the whole tree). The number of queries is fixed.
    """
    kinds = [k for k in AwardKind.objects.filter(active=True) if k.level or k.membership_years]
    # The roots of every giver of the branch: a name goes to the nearest one of its kind.
    all_roots = _entitled_roots(tree, kinds, rules, None)
    if giver is not None:
        mine = _entitled_roots(tree, kinds, rules, giver)
        kinds = [k for k in kinds if mine[k.pk]]
    plan = _Plan()
    if not kinds:
        return plan
    for kind in kinds:
        for gid in (all_roots[kind.pk] if giver is None else mine[kind.pk]).values():
            plan.lists[(gid, kind.pk)] = []

    def owner(kind: AwardKind, path: str, *, strict: bool) -> int | None:
        root = _nearest(all_roots[kind.pk], path, strict=strict)
        if root is None or (giver is not None and mine[kind.pk].get(root) is None):
            return None
        return all_roots[kind.pk][root] if giver is None else mine[kind.pk][root]

    disciplined = _disciplined(year)
    person_level = [k for k in kinds if k.subject == Subject.PERSON and k.level and k.years]
    body_level = [k for k in kinds if k.subject == Subject.BODY and k.level and k.years]
    membership = [k for k in kinds if k.subject == Subject.PERSON and k.membership_years]
    rewarded = _rewarded(year, [*person_level, *body_level])
    if person_level:
        for c, kind in _person_streaks(year, person_level, rules, root_path, disciplined, rewarded):
            gid = owner(kind, c[0], strict=False)
            if gid is not None:
                plan.lists[(gid, kind.pk)].append(c[1])
    if membership:
        for path, cand, kind in _members(year, membership, root_path, disciplined):
            gid = owner(kind, path, strict=False)
            if gid is not None:
                plan.lists[(gid, kind.pk)].append(cand)
    if body_level:
        for node, cand, kind in _body_streaks(
            year, body_level, rules, tree, root_path, disciplined, rewarded
        ):
            gid = owner(kind, node.path, strict=True)
            if gid is not None:
                plan.lists[(gid, kind.pk)].append(cand)
    return plan


def _raw(qs):
    """The rows of ``qs`` as the driver gives them, streamed: no model instances, no
    converters (what makes 200,000 rows cost seconds through the ORM)."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute(sql, params)
        while rows := cur.fetchmany(5000):
            yield from rows


def _disciplined(year: int) -> set[tuple[str, int]]:
    """Who was disciplined in ``year`` (a decision not withdrawn): ("p", id) and ("b", id)."""
    rows = Discipline.objects.filter(
        decided_on__gte=dt.date(year, 1, 1),
        decided_on__lte=dt.date(year, 12, 31),
        withdrawn_on__isnull=True,
    ).values_list("person_id", "body_id")
    return {("p", p) if p else ("b", b) for p, b in rows}


def _rewarded(year: int, kinds: list[AwardKind]) -> dict[tuple[str, int, int], int]:
    """(subject, id, kind id) -> the last year already rewarded by an included award of a
    confirmed decision of an earlier year, for the streaks that could overlap this one."""
    if not kinds:
        return {}
    longest = max(k.years for k in kinds)
    rows = Award.objects.filter(
        included=True,
        decision__state__in=DONE,
        decision__kind__in=kinds,
        decision__year__lt=year,
        last_year__gte=year - longest + 1,
    ).values_list("person_id", "body_id", "decision__kind_id", "last_year")
    out: dict[tuple[str, int, int], int] = {}
    for p, b, k, last in rows:
        key = ("p", p, k) if p else ("b", b, k)
        out[key] = max(out.get(key, 0), last)
    return out


def _at_least(rules: R.Rules, level: str) -> list[str]:
    return [c for c in rules.codes if rules.at_least(c, level)]


def _person_streaks(year, kinds, rules, root_path, disciplined, rewarded):
    """(body path, candidate), kind: the members whose decided yearly level was the kind's or
    better in each of its last ``years`` years, counted by the database in one grouped query.

    One yearly sheet per member and year (a constraint), so "``n`` sheets at the level in
    the ``n`` years ending with ``year``" is ``rules.streak(...) >= n``; by person, so a
    member who moved keeps the years rated elsewhere."""
    combos = sorted({(k.level, k.years) for k in kinds})
    # The years are in the counts, not in the WHERE: so the database walks the partial index
    # of a member's yearly sheets in member order and groups without sorting (SQLite picks
    # the index of years otherwise, and sorts 1.5 million rows).
    qs = RatingSheet.objects.filter(
        subject=Subject.PERSON,
        person__isnull=False,  # the words of the partial index of a member's yearly sheets
        quarter__isnull=True,
        step=RatingSheet.Step.DECIDED,
    )
    people = Person.objects.values_list("id", "full_name", "body__path").order_by()
    if root_path:
        qs = qs.filter(person__body__path__startswith=root_path)
        people = people.filter(body__path__startswith=root_path)
    counts = {
        f"c{i}": Count(
            "id",
            filter=Q(
                year__gte=year - n + 1,
                year__lte=year,
                decided_level__in=_at_least(rules, level),
            ),
        )
        for i, (level, n) in enumerate(combos)
    }
    enough = reduce(or_, (Q(**{f"c{i}__gte": n}) for i, (_, n) in enumerate(combos)))
    rows = qs.values_list("person_id").annotate(**counts).filter(enough).order_by()
    # The counts by member, then the names and bodies of the branch's members (one pass).
    qualified = {row[0]: row for row in _raw(rows) if ("p", row[0]) not in disciplined}
    index = {combo: 1 + i for i, combo in enumerate(combos)}
    for pid, name, path in _raw(people):
        row = qualified.get(pid)
        if row is None:
            continue
        for kind in kinds:
            n = kind.years
            if row[index[(kind.level, n)]] < n:
                continue
            if rewarded.get(("p", pid, kind.pk), 0) >= year - n + 1:
                continue
            cand = Candidate(
                pid,
                None,
                name,
                level_reason(rules, kind.level, year - n + 1, year),
                year - n + 1,
                year,
            )
            yield (path, cand), kind


def _members(year, kinds, root_path, disciplined):
    """(body path, candidate, kind): the members whose Party membership reaches a kind's
    years in ``year`` and who have not received it."""
    joined_in = {year - k.membership_years: k for k in kinds}
    # Date ranges, not __year (a function per row on SQLite): the index of the dates serves.
    joined_q = reduce(
        or_,
        (Q(party_joined_on__range=(dt.date(y, 1, 1), dt.date(y, 12, 31))) for y in joined_in),
    )
    qs = Person.objects.filter(joined_q)
    if root_path:
        qs = qs.filter(body__path__startswith=root_path)
    had = set(
        Award.objects.filter(
            included=True,
            decision__state__in=DONE,
            decision__kind__in=kinds,
            person__in=Person.objects.filter(joined_q).values("pk"),
        ).values_list("person_id", "decision__kind_id")
    )
    for pid, name, path, joined in qs.values_list(
        "id", "full_name", "body__path", "party_joined_on"
    ).iterator(chunk_size=5000):
        kind = joined_in[joined.year]
        if ("p", pid) in disciplined or (pid, kind.pk) in had:
            continue
        yield (
            path,
            Candidate(
                pid, None, name, membership_reason(kind.membership_years, joined), None, year
            ),
            kind,
        )


def _lineage(tree: Tree, body_id: int) -> list[int]:
    """The body's predecessors through mergers, nearest first (without the body)."""
    out, todo, seen = [], list(tree.predecessors.get(body_id, ())), {body_id}
    while todo:
        pid = todo.pop(0)
        if pid in seen:
            continue
        seen.add(pid)
        out.append(pid)
        todo.extend(tree.predecessors.get(pid, ()))
    return out


def _body_streaks(year, kinds, rules, tree, root_path, disciplined, rewarded):
    """(node, candidate, kind): the live bodies of the branch whose yearly level was the
    kind's or better ``years`` years in a row ending with ``year`` (``rules.streak``). A year
    before a merger counts through the predecessors: the successor's own sheet when it has
    one, else the lowest level of its predecessors that year."""
    longest = max(k.years for k in kinds)
    qs = RatingSheet.objects.filter(
        subject=Subject.BODY,
        body__isnull=False,  # the words of the partial index of a body's yearly sheets
        quarter__isnull=True,
        step=RatingSheet.Step.DECIDED,
        year__gte=year - longest + 1,
        year__lte=year,
    )
    if root_path:
        outside = {
            p
            for node in tree.nodes.values()
            for p in _lineage(tree, node.id)
            if p not in tree.nodes
        }
        qs = qs.filter(Q(body__path__startswith=root_path) | Q(body_id__in=outside))
    levels: dict[int, dict[int, str]] = defaultdict(dict)
    for bid, y, code in qs.values_list("body_id", "year", "decided_level").iterator(
        chunk_size=5000
    ):
        if code:
            levels[bid][y] = code
    for node in tree.nodes.values():
        if not node.live or node.kind in NOT_REWARDED or node.path == root_path:
            continue
        if ("b", node.id) in disciplined:
            continue
        own = levels.get(node.id, {})
        by_year = dict(own)
        for pid in _lineage(tree, node.id):
            for y, code in levels.get(pid, {}).items():
                if y in own:
                    continue
                if y not in by_year or rules.rank(code) > rules.rank(by_year[y]):
                    by_year[y] = code
        if not by_year:
            continue
        for kind in kinds:
            run = R.streak(rules, by_year, year, kind.level)
            last = rewarded.get(("b", node.id, kind.pk))
            if last is not None:
                run = min(run, year - last)
            if run < kind.years:
                continue
            first = year - kind.years + 1
            reason = level_reason(rules, kind.level, first, year)
            yield node, Candidate(None, node.id, node.name, reason, first, year), kind


AWARD_FIELDS = (
    "id",
    "decision_id",
    "person_id",
    "body_id",
    "recipient_name",
    "reason",
    "first_year",
    "last_year",
    "source",
    "included",
)
_Row = namedtuple("_Row", AWARD_FIELDS)
REASON = "proposed from the ratings"  # the history's change reason of proposed rows


# --- proposing: the writes --------------------------------------------------------------------
def _write_plan(plan: _Plan, *, year: int, user) -> dict[str, int]:
    """Make the decisions of ``plan`` hold its lists: a proposed decision's proposed names
    follow the ratings (added, their rule updated, dropped when no longer earned; a name the
    staff unticked stays unticked); names added by hand stay; a confirmed decision is not
    touched. Bulk writes with history: the queries do not grow with the names."""
    uid = getattr(user, "pk", None)
    givers = {g for g, _ in plan.lists}
    kinds = {k for _, k in plan.lists}
    existing = (
        {
            (d.giver_id, d.kind_id): d
            for d in AwardDecision.objects.filter(year=year, giver_id__in=givers, kind_id__in=kinds)
        }
        if len(givers) < 500
        else {(d.giver_id, d.kind_id): d for d in AwardDecision.objects.filter(year=year)}
    )
    new_decisions = []
    for key, cands in plan.lists.items():
        if key not in existing and cands:
            d = AwardDecision(giver_id=key[0], kind_id=key[1], year=year)
            new_decisions.append(d)
            existing[key] = d
    bulk.insert_objects(AwardDecision, new_decisions, history_user_id=uid, reason=REASON)
    open_ids = [
        d.pk
        for key, d in existing.items()
        if key in plan.lists and d.state == AwardDecision.State.PROPOSED
    ]
    current: dict[int, dict[tuple[str, int], Award]] = defaultdict(dict)
    if open_ids:
        qs = (
            Award.objects.filter(decision_id__in=open_ids)
            if len(open_ids) < 500
            else Award.objects.filter(
                decision__year=year, decision__state=AwardDecision.State.PROPOSED
            )
        )
        for row in _raw(qs.values_list(*AWARD_FIELDS).order_by()):
            a = _Row(*row)
            key = ("p", a.person_id) if a.person_id else ("b", a.body_id)
            current[a.decision_id][key] = a
    new, changed, dropped = [], [], []
    open_set = set(open_ids)
    for key, cands in plan.lists.items():
        d = existing.get(key)
        if d is None or d.pk not in open_set:
            continue
        have = current.get(d.pk, {})
        wanted = {c.key for c in cands}
        for c in cands:
            a = have.get(c.key)
            if a is None:
                new.append(
                    (
                        d.pk,
                        c.person_id,
                        c.body_id,
                        c.name,
                        c.reason,
                        c.first_year,
                        c.last_year,
                        Award.Source.PROPOSED.value,
                        True,
                    )
                )
            elif a.source == Award.Source.PROPOSED and (
                a.reason,
                a.first_year,
                a.last_year,
                a.recipient_name,
            ) != (c.reason, c.first_year, c.last_year, c.name):
                a = Award(**{**a._asdict(), "included": bool(a.included)})
                a.reason, a.first_year, a.last_year = c.reason, c.first_year, c.last_year
                a.recipient_name = c.name
                a._state.adding = False
                changed.append(a)
        dropped += [
            a.pk for k, a in have.items() if k not in wanted and a.source == Award.Source.PROPOSED
        ]
    if new:
        # Rows, not instances: a model instance per name costs more than its insert.
        rows = [(pk, *r) for pk, r in zip(bulk.allocate_ids(Award, len(new)), new, strict=True)]
        bulk.insert_rows(Award, list(AWARD_FIELDS), rows)
        bulk.insert_history(
            Award, list(AWARD_FIELDS), rows, timezone.now(), reason=REASON, user_id=uid
        )
    bulk.update_objects(Award, changed, history_user_id=uid, reason=REASON)
    if dropped:
        for a in Award.objects.filter(pk__in=dropped):
            a._history_user = user
            a.delete()
    return {
        "decisions": len(new_decisions),
        "added": len(new),
        "updated": len(changed),
        "dropped": len(dropped),
    }


@transaction.atomic
def award_propose(*, giver: Body, year: int, user=None) -> list[AwardDecision]:
    """Propose the lists of every kind ``giver`` is entitled to for ``year`` (see the module's
    rules), and return its decisions of the year (those with a name, and any confirmed)."""
    _check_year(year)
    rules = R.current()
    tree = _giver_tree(giver, rules)
    node = tree.nodes[giver.pk]
    if not any(giving_root(tree, node, k, rules) for k in AwardKind.objects.filter(active=True)):
        raise _refuse(
            MSG_GIVES_NOTHING,
            "gives_nothing",
            body=giver.name,
            **{"is": _what_it_is(tree, node, rules)},
        )
    root = (tree.parent(node) if node.kind == BodyKind.STANDING_COMMITTEE else node) or node
    plan = _plan(year=year, tree=tree, rules=rules, giver=node, root_path=root.path)
    _write_plan(plan, year=year, user=user)
    return list(
        AwardDecision.objects.filter(giver=giver, year=year)
        .select_related("kind", "document")
        .order_by("kind__order", "kind__code")
    )


@transaction.atomic
def awards_propose_all(*, year: int, user=None) -> dict[str, int]:
    """Propose every giver's lists for ``year`` over the whole tree, in a fixed number of
    queries; returns counts (decisions created, names added, updated, dropped)."""
    _check_year(year)
    rules = R.current()
    tree = _tree(rules)
    plan = _plan(year=year, tree=tree, rules=rules, giver=None, root_path="")
    return _write_plan(plan, year=year, user=user)


# --- the staff's corrections and the confirmation ---------------------------------------------
def _open(decision: AwardDecision) -> AwardDecision:
    """The decision locked for a change, refused once confirmed."""
    d = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    if d.state != AwardDecision.State.PROPOSED:
        raise _refuse(MSG_ALREADY_CONFIRMED, "confirmed")
    return d


@transaction.atomic
def award_add(
    *,
    giver: Body,
    kind: AwardKind,
    year: int,
    person=None,
    body: Body | None = None,
    reason: str = "",
    user=None,
) -> Award:
    """Add a name by hand to ``giver``'s list of ``kind`` for ``year`` (the decision is made
    when there is none). Refused, naming the rule, when the giver may not give the kind, the
    recipient is of the wrong sort, outside the giver's branch, disciplined in the year or
    already listed, and once the list is confirmed."""
    _check_year(year)
    rules = R.current()
    tree = _giver_tree(giver, rules)
    check_entitled(giver, kind, tree=tree)
    root = giving_root(tree, tree.nodes[giver.pk], kind, rules)
    if (person is None) == (body is None):
        raise _refuse(MSG_NO_RECIPIENT, "recipient")
    subject = Subject.PERSON if person is not None else Subject.BODY
    if subject != kind.subject:
        raise _refuse(
            MSG_WRONG_SUBJECT,
            "subject",
            "person" if person is not None else "body",
            kind=kind.name,
            subject=Subject(kind.subject).label.lower(),
        )
    name = person.full_name if person is not None else body.name
    where = person.body.path if person is not None else body.path
    inside = where.startswith(root.path) and (person is not None or where != root.path)
    if not inside:
        raise _refuse(
            MSG_OUTSIDE, "outside", "person" if person else "body", name=name, body=root.name
        )
    guilty = Discipline.objects.filter(
        decided_on__year=year,
        withdrawn_on__isnull=True,
        **({"person": person} if person is not None else {"body": body}),
    )
    if guilty.exists():
        raise _refuse(MSG_DISCIPLINED, "disciplined", None, name=name, year=year)
    decision, _created = AwardDecision.objects.get_or_create(giver=giver, kind=kind, year=year)
    decision = _open(decision)
    listed = decision.awards.filter(**({"person": person} if person else {"body": body}))
    if listed.exists():
        raise _refuse(MSG_ALREADY_LISTED, "listed", None, name=name)
    award = Award(
        decision=decision,
        person=person,
        body=body,
        recipient_name=name,
        reason=reason.strip()[:500],
        first_year=year,
        last_year=year,
        source=Award.Source.MANUAL,
    )
    award._history_user = user
    award.save()
    return award


@transaction.atomic
def award_exclude(*, award: Award, included: bool = False, user=None) -> Award:
    """Untick a name of a list (or tick it again) before the list is confirmed."""
    _open(award.decision)
    award = Award.objects.get(pk=award.pk)
    if award.included != included:
        award.included = included
        award._history_user = user
        award.save(update_fields=["included"])
    return award


@transaction.atomic
def award_confirm(*, decision: AwardDecision, user=None) -> AwardDecision:
    """The staff confirm the ticked names. Refused the second time ("already confirmed");
    of two racing confirmations one confirms and the other is refused: the state moves by a
    conditional update."""
    if not decision.awards.filter(included=True).exists():
        if AwardDecision.objects.filter(
            pk=decision.pk, state=AwardDecision.State.PROPOSED
        ).exists():
            raise _refuse(MSG_NOTHING_INCLUDED, "empty")
        raise _refuse(MSG_ALREADY_CONFIRMED, "confirmed")
    now = timezone.now()
    moved = AwardDecision.objects.filter(pk=decision.pk, state=AwardDecision.State.PROPOSED).update(
        state=AwardDecision.State.CONFIRMED,
        confirmed_by=user if getattr(user, "pk", None) else None,
        confirmed_at=now,
    )
    if not moved:
        raise _refuse(MSG_ALREADY_CONFIRMED, "confirmed")
    d = AwardDecision.objects.get(pk=decision.pk)
    d._history_user = user
    d.save()  # the history row of the confirmation
    return d


def decision_title(decision: AwardDecision) -> str:
    return (
        f"Về việc tặng {decision.kind.name[:1].lower()}{decision.kind.name[1:]} năm {decision.year}"
    )


def decision_text(decision: AwardDecision, awards: Iterable[Award]) -> str:
    lines = [f"Tặng {decision.kind.name} năm {decision.year} cho:"]
    lines += [
        f"{i}. {a.recipient_name}" + (f" ({a.reason})" if a.reason else "")
        for i, a in enumerate(awards, start=1)
    ]
    return "\n".join(lines)


def decision_issuer(decision: AwardDecision) -> Body:
    """The body whose number the QĐ takes: the giver, or for a standing committee without a
    document symbol of its own, its committee (the paper is signed for the standing
    committee either way)."""
    giver = decision.giver
    if giver.symbol or giver.kind != BodyKind.STANDING_COMMITTEE:
        return giver
    return Body.objects.get_parent(giver) or giver


@transaction.atomic
def award_draft_document(*, decision: AwardDecision, user=None):
    """Draft the decision (QĐ) of a confirmed list in the documents registry, with its
    recipients; it takes its number when issued (``award_issue``)."""
    from ctct.documents.services import document_draft

    d = (
        # "of self": the giver and kind may be null (announced decisions), and PostgreSQL locks
        # no row on the nullable side of an outer join
        AwardDecision.objects.select_for_update(of=("self",))
        .select_related("kind", "giver")
        .get(pk=decision.pk)
    )
    if d.state == AwardDecision.State.PROPOSED:
        raise _refuse(MSG_NOT_CONFIRMED, "not_confirmed")
    if d.document_id is not None:
        raise _refuse(MSG_ALREADY_DRAFTED, "drafted", citation=d.document.citation)
    awards = list(d.awards.filter(included=True).order_by("recipient_name", "id"))
    doc = document_draft(
        issuer=decision_issuer(d),
        type_code="QĐ",
        type_name="Quyết định",
        title=decision_title(d),
        text=decision_text(d, awards),
        user=user,
    )
    d.document = doc
    d._history_user = user
    d.save(update_fields=["document"])
    return doc


@transaction.atomic
def award_issue(*, decision: AwardDecision, issued_on: dt.date, user=None) -> AwardDecision:
    """Issue the drafted QĐ: it takes the next number of the registry (``document_publish``)
    and the decision is issued."""
    from ctct.documents.services import document_publish

    d = (
        AwardDecision.objects.select_for_update(of=("self",))
        .select_related("document")
        .get(pk=decision.pk)
    )
    if d.document_id is None:
        raise _refuse(MSG_NOT_DRAFTED, "not_drafted")
    if d.state == AwardDecision.State.ISSUED:
        raise _refuse(MSG_ALREADY_ISSUED, "issued", citation=d.document.citation)
    document_publish(document=d.document, issued_on=issued_on, user=user)
    d.state = AwardDecision.State.ISSUED
    d._history_user = user
    d.save(update_fields=["state"])
    return d


# --- reads ------------------------------------------------------------------------------------
@dataclass
class KindList:
    kind: AwardKind
    decision: AwardDecision | None
    awards: list[Award]

    @property
    def included(self) -> int:
        return sum(1 for a in self.awards if a.included)

    @property
    def is_open(self) -> bool:
        return self.decision is not None and self.decision.state == AwardDecision.State.PROPOSED

    @property
    def rule(self) -> str:
        return rule_words(self.kind)

    @property
    def giver_words(self) -> str:
        return str(rule_giver(self.kind))


def giver_lists(scope, giver: Body, year: int) -> list[KindList] | None:
    """The kinds ``giver`` gives, each with its decision of ``year`` and its names (four
    queries); None when the scope does not view the giver."""
    if not scope.allows("view", giver):
        return None
    kinds = kinds_given_by(giver)
    decisions = {
        d.kind_id: d
        for d in AwardDecision.objects.filter(giver=giver, year=year).select_related(
            "kind", "document", "confirmed_by"
        )
    }
    by_decision: dict[int, list[Award]] = defaultdict(list)
    for a in Award.objects.filter(decision__in=list(decisions.values())).order_by(
        "decision", "recipient_name", "id"
    ):
        by_decision[a.decision_id].append(a)
    extra = [d.kind for k, d in decisions.items() if k not in {x.pk for x in kinds}]
    return [
        KindList(
            k,
            decisions.get(k.pk),
            by_decision.get(decisions[k.pk].pk, []) if k.pk in decisions else [],
        )
        for k in [*kinds, *extra]
    ]


def decisions_visible(scope):
    """The award decisions of the bodies the scope views."""
    return scope.filter(AwardDecision.objects.select_related("giver", "kind", "document"), "giver")


def awards_received(person) -> list[Award]:
    """A member's awards of confirmed or issued decisions, and those announced at a
    conference (known by the giver's and the award's names as written), newest first (one
    query)."""
    return list(
        Award.objects.filter(
            person=person,
            included=True,
            decision__state__in=(*DONE, AwardDecision.State.ANNOUNCED),
        )
        .select_related("decision__kind", "decision__giver", "decision__document")
        .order_by("-decision__year", "decision__kind__order", "id")
    )
