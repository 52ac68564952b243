"""The metrics at the end of EXTRACTION.md, comparing predicted records with gold ones.

Strings are compared after NFC, case folding and canonical tone-mark placement
(``ctct.text.normalize.compare_key``), so "Đảng uỷ" equals "Đảng ủy". Counts are pooled over
all reports (micro averages); a share with nothing to count is 1.0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ctct.text.normalize import compare_key

SCORED_ROLES = ("chair", "directed", "reported")
METRICS = (
    "people_f1",
    "rank",
    "roles_f1",
    "documents_f1",
    "document_fields",
    "date",
    "kind",
    "period",
    "organizer",
)


def _key(value) -> str | None:
    if value is None:
        return None
    return compare_key(str(value))


@dataclass
class _F1:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else 1.0


@dataclass
class _Share:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hit += bool(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.hit / self.total if self.total else 1.0


@dataclass
class Scores:
    """Pooled counts; ``metrics()`` turns them into the named values."""

    people: _F1 = field(default_factory=_F1)
    rank: _Share = field(default_factory=_Share)
    roles: _F1 = field(default_factory=_F1)
    documents: _F1 = field(default_factory=_F1)
    doc_symbol: _Share = field(default_factory=_Share)
    doc_date: _Share = field(default_factory=_Share)
    doc_fields: _Share = field(default_factory=_Share)
    date: _Share = field(default_factory=_Share)
    kind: _Share = field(default_factory=_Share)
    period: _Share = field(default_factory=_Share)
    organizer: _Share = field(default_factory=_Share)
    reports: int = 0

    def add(self, gold: dict, pred: dict) -> None:
        self.reports += 1
        gold_people = {_key(p["name"]): p for p in gold.get("people") or []}
        pred_people = {_key(p["name"]): p for p in pred.get("people") or []}
        self.people.add(set(gold_people), set(pred_people))
        for name, gp in gold_people.items():
            pp = pred_people.get(name)
            self.rank.add(pp is not None and _key(pp.get("rank")) == _key(gp.get("rank")))

        def role_pairs(people: dict) -> set:
            return {
                (n, r) for n, p in people.items() for r in p.get("roles") or [] if r in SCORED_ROLES
            }

        self.roles.add(role_pairs(gold_people), role_pairs(pred_people))
        gold_docs = {(_key(d["type"]), _key(d["number"])): d for d in gold.get("documents") or []}
        pred_docs = {(_key(d["type"]), _key(d["number"])): d for d in pred.get("documents") or []}
        self.documents.add(set(gold_docs), set(pred_docs))
        for k, gd in gold_docs.items():
            pd = pred_docs.get(k)
            sym = pd is not None and _key(pd.get("symbol")) == _key(gd.get("symbol"))
            dat = pd is not None and pd.get("date") == gd.get("date")
            self.doc_symbol.add(sym)
            self.doc_date.add(dat)
            self.doc_fields.add(sym and dat)
        ge, pe = gold.get("event") or {}, pred.get("event") or {}
        self.date.add(ge.get("date") == pe.get("date"))
        self.kind.add(ge.get("kind") == pe.get("kind"))
        self.period.add(_key(ge.get("period")) == _key(pe.get("period")))
        self.organizer.add(_key(ge.get("organizer")) == _key(pe.get("organizer")))

    def metrics(self) -> dict[str, float]:
        values = {
            "people_f1": self.people.f1,
            "rank": self.rank.value,
            "roles_f1": self.roles.f1,
            "documents_f1": self.documents.f1,
            "document_fields": self.doc_fields.value,
            "date": self.date.value,
            "kind": self.kind.value,
            "period": self.period.value,
            "organizer": self.organizer.value,
        }
        values["overall"] = sum(values[m] for m in METRICS) / len(METRICS)
        return values

    def details(self) -> dict[str, float]:
        """The metrics plus the precision/recall and field shares behind them."""
        return {
            "reports": self.reports,
            "people_precision": self.people.precision,
            "people_recall": self.people.recall,
            "roles_precision": self.roles.precision,
            "roles_recall": self.roles.recall,
            "documents_precision": self.documents.precision,
            "documents_recall": self.documents.recall,
            "document_symbol": self.doc_symbol.value,
            "document_date": self.doc_date.value,
            **self.metrics(),
        }


def score_pair(gold: dict, pred: dict) -> dict[str, float]:
    """The metrics of one report."""
    s = Scores()
    s.add(gold, pred)
    return s.metrics()


def score_records(pairs) -> Scores:
    s = Scores()
    for gold, pred in pairs:
        s.add(gold, pred)
    return s


MSG_MISSING_PRED = "no prediction for {name}"


def evaluate_dirs(gold_dir: Path, pred_dir: Path) -> tuple[Scores, list[str]]:
    """Pool the metrics over every ``GOLD_DIR/*.json`` against the same stem in ``PRED_DIR``.

    A gold record with no prediction counts as an empty prediction; the names of those come back
    as problems.
    """
    scores = Scores()
    problems: list[str] = []
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred_path = Path(pred_dir) / gold_path.name
        if pred_path.exists():
            pred = json.loads(pred_path.read_text(encoding="utf-8"))
        else:
            problems.append(MSG_MISSING_PRED.format(name=gold_path.name))
            pred = {}
        scores.add(gold, pred)
    return scores, problems
