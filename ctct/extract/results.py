"""Figures that report a result: "đạt và vượt 92% khối lượng hàng hóa so với cùng kỳ năm 2024".

``find_figures`` (``extras.py``) finds every number with its unit and the clause it sits in;
``read_result`` reads, from the words right around one figure, whether it states a result
achieved and against what:

* ``number``: the value as a plain decimal string ("92,5" → "92.5", "1.250" → "1250"; "17/19"
  → "17" with ``out_of`` "19"), ``None`` when it cannot be read;
* ``measure_kind``: ``percent`` (a "%" or "phần trăm"), ``count`` (a whole number of a counted
  unit) or ``None`` (money, hectares, decimals of a count);
* ``result``: the figure says what was achieved: a result verb right before it ("đạt",
  "đạt và vượt", "vượt", "hoàn thành", "bằng", "tăng", "giảm", "đạt tỷ lệ"), or a share
  followed by one ("100% quân số đạt yêu cầu"); never in a sentence that sets a goal
  ("phấn đấu", "mục tiêu", "từ 12% trở lên");
* ``exceeded``: "đạt và vượt", "hoàn thành và vượt", "vượt", or "vượt chỉ tiêu/kế hoạch" after;
* ``compared_with``: ``same_period`` ("so với cùng kỳ [năm 2024]"), ``year`` ("so với năm
  2019"), ``target`` ("100% chỉ tiêu", "65,54% kế hoạch năm", "vượt chỉ tiêu") or ``None``;
  ``compared_year``: the year named (2024), else ``None``;
* ``change``: ``up`` ("tăng 19,1%") or ``down`` ("giảm 5,16%") for a change rather than a level;
* ``what``: what the figure measures, as written ("khối lượng hàng hóa"; when nothing follows
  the figure, the words before its verb: "tổ chức huấn luyện dự bị động viên").

Plain Python, no Django; it never raises on any text.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# --- vocabularies ---------------------------------------------------------------------------
# Verbs that put a figure as a result, longest first; the figure follows them at once (a
# "tỷ lệ", "được" or "trên" may stand between).
RESULT_VERBS: tuple[str, ...] = (
    "hoàn thành và vượt",
    "đạt và vượt",
    "đạt được",
    "hoàn thành",
    "đạt",
    "vượt",
    "bằng",
    "tăng",
    "giảm",
)
EXCEEDING_VERBS = frozenset({"hoàn thành và vượt", "đạt và vượt", "vượt"})
CHANGE_VERBS = {"tăng": "up", "giảm": "down"}
# Verbs after a share that make it a result ("100% quân số đạt yêu cầu").
SHARE_VERBS: tuple[str, ...] = ("đạt", "hoàn thành", "được")
# Words of a sentence that sets goals rather than reports results.
GOAL_WORDS: tuple[str, ...] = (
    "phấn đấu",
    "mục tiêu",
    "chỉ tiêu là",
    "chỉ tiêu đề ra là",
    "phải đạt",
    "cần đạt",
    "sẽ đạt",
    "dự kiến",
    "kế hoạch đề ra",
)
# What a target figure is measured against.
TARGET_NOUNS: tuple[str, ...] = ("chỉ tiêu", "kế hoạch", "nghị quyết")
PERCENT_UNITS = frozenset({"%", "phần trăm"})
# Units counted in whole numbers (a figure of these is a count).
COUNT_UNITS = frozenset(
    {
        "lượt",
        "người",
        "đảng viên",
        "chỉ tiêu",
        "tổ chức đảng",
        "tổ chức cơ sở đảng",
        "chi bộ",
        "đảng bộ",
        "cuộc",
        "buổi",
        "hộ",
        "mô hình",
        "chương trình",
        "đợt",
        "lớp",
        "học viên",
        "cán bộ",
        "chiến sĩ",
        "công trình",
        "nhà",
        "suất quà",
        "suất",
        "đại biểu",
        "điểm cầu",
    }
)
# How far before a figure a result verb, and after it the comparison, are looked for.
VERB_WINDOW = 40
SHARE_WINDOW = 60
COMPARE_WINDOW = 120
# What a figure measures is cut at this many characters.
MAX_WHAT = 200

_SPACE = r"\s+"
_VERB_BEFORE_RE = re.compile(
    r"(?<![\w])(?P<verb>"
    + "|".join(v.replace(" ", _SPACE) for v in RESULT_VERBS)
    + r")(?:\s+(?:được|tỷ lệ|tỉ lệ|trên|hơn|gần|khoảng|xấp xỉ))*\s*$",
    re.IGNORECASE,
)
_SHARE_AFTER_RE = re.compile(
    r"^\s*[^\d,;:.()]{1,"
    + str(SHARE_WINDOW)
    + r"}?(?<![\w])(?:"
    + "|".join(SHARE_VERBS)
    + r")(?![\w])",
    re.IGNORECASE,
)
_SAME_PERIOD_RE = re.compile(
    r"so\s+với\s+cùng\s+kỳ(?:\s+năm\s+(?:trước|ngoái)|\s+(?:năm\s+)?(?P<year>(?:19|20)\d{2}))?",
    re.IGNORECASE,
)
_YEAR_COMPARE_RE = re.compile(
    r"so\s+với\s+(?:năm|cả\s+năm)\s+(?P<year>(?:19|20)\d{2})(?!\d)", re.IGNORECASE
)
_TARGET_AFTER_RE = re.compile(
    r"^\s*(?P<noun>" + "|".join(TARGET_NOUNS).replace(" ", _SPACE) + r")(?![\w])", re.IGNORECASE
)
_EXCEED_TARGET_RE = re.compile(
    r"(?<![\w])vượt\s+(?:mức\s+)?(?:" + "|".join(TARGET_NOUNS).replace(" ", _SPACE) + r")",
    re.IGNORECASE,
)
_AT_LEAST_RE = re.compile(r"^\s*(?:trở\s+lên|trở\s+xuống)", re.IGNORECASE)
_FROM_BEFORE_RE = re.compile(r"(?<![\w])(?:từ|ít\s+nhất|tối\s+thiểu)\s*$", re.IGNORECASE)
_GOAL_RE = re.compile(
    r"(?<![\w])(?:" + "|".join(w.replace(" ", _SPACE) for w in GOAL_WORDS) + r")(?![\w])",
    re.IGNORECASE,
)
_WHAT_STOP_RE = re.compile(r"\s(?:so\s+với|trong\s+đó|tương\s+đương|đạt|bằng|tăng|giảm)(?![\w])")
_LEAD_NOISE_RE = re.compile(
    r"^(?:(?:chỉ\s+tiêu|kế\s+hoạch)(?:\s+(?:giao|năm|đề\s+ra|trên\s+giao))?|"
    r"so\s+với[^,;]*)\s*",
    re.IGNORECASE,
)
_TAIL_VERB_RE = re.compile(r"\s*(?:đã|đều|cũng|luôn)?\s*$", re.IGNORECASE)


def parse_number(raw: str) -> tuple[str | None, str | None]:
    """The number a figure writes, as a plain decimal string, and what it is out of.

    >>> parse_number("92"), parse_number("92,5"), parse_number("1.250"), parse_number("17/19")
    (('92', None), ('92.5', None), ('1250', None), ('17', '19'))
    """
    try:
        whole, _, of = str(raw).strip().partition("/")
        value = Decimal(whole.replace(".", "").replace(",", "."))
        out_of = Decimal(of.replace(".", "").replace(",", ".")) if of else None
    except (InvalidOperation, ValueError):
        return None, None
    if not value.is_finite() or (out_of is not None and not out_of.is_finite()):
        return None, None
    return _plain(value), _plain(out_of) if out_of is not None else None


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _measure_kind(unit: str | None, number: str | None) -> str | None:
    if number is None:
        return None
    unit = (unit or "").lower()
    if unit in PERCENT_UNITS:
        return "percent"
    if (unit in COUNT_UNITS or not unit) and "." not in number:
        return "count"
    return None


def _what(after: str, before: str, verb_start: int | None, previous: str) -> str | None:
    """What the figure measures: the words after it up to a comparison, else before its verb,
    else the clause before (", đạt 100%" closing "giao quân 285/285 thanh niên")."""
    words = _LEAD_NOISE_RE.sub("", after.strip(" ,"))
    stop = _WHAT_STOP_RE.search(" " + words)
    if stop:
        words = words[: max(0, stop.start() - 1)]
    words = words.strip(" ,-–:")
    if len(words) >= 3 and not words[0].isdigit():
        return words[:MAX_WHAT]
    head = before[:verb_start] if verb_start is not None else ""
    head = _TAIL_VERB_RE.sub("", head.rsplit("(", 1)[0]).strip(" ,-–:")
    if not head:
        head = re.split(r",(?=\s)|[;:(]", previous.rstrip(" ,;:"))[-1].strip(" ,-–:")
    return head[:MAX_WHAT] or None


_NEXT_CLAUSE_RE = re.compile(r",(?=\s)|;")
_YEAR_WORDS_RE = re.compile(r"năm\s+(?:19|20)\d{2}", re.IGNORECASE)


def _window(text: str, e: int, clause_end: int, sentence_end: int) -> str:
    """Where a figure's comparison is looked for: the rest of its clause and the clauses after
    it up to the next figure ("đạt 105%, vượt chỉ tiêu trên giao")."""
    stop = min(max(sentence_end, clause_end), e + COMPARE_WINDOW)
    end = clause_end
    while end < stop:
        m = _NEXT_CLAUSE_RE.search(text, end + 1, stop)
        nxt = m.start() if m else stop
        if any(c.isdigit() for c in _YEAR_WORDS_RE.sub("", text[end:nxt])):
            break
        end = nxt
    return text[e:end]


def read_result(
    text: str,
    span: tuple[int, int],
    clause: tuple[int, int],
    *,
    value: str = "",
    unit: str | None = None,
    sentence: tuple[int, int] | None = None,
) -> dict:
    """The result keys of one figure (see the module): ``span`` is the figure's, ``clause``
    the clause it measures, ``sentence`` the sentence around it (for goal words)."""
    number, out_of = parse_number(value)
    out = {
        "number": number,
        "out_of": out_of,
        "measure_kind": _measure_kind(unit, number),
        "result": False,
        "exceeded": False,
        "compared_with": None,
        "compared_year": None,
        "change": None,
        "what": None,
    }
    try:
        _read(text, span, clause, sentence, out)
    except (ValueError, IndexError, TypeError):  # malformed spans: the plain keys only
        pass
    return out


def _read(text, span, clause, sentence, out) -> None:
    s, e = int(span[0]), int(span[1])
    a, b = int(clause[0]), int(clause[1])
    a, b = min(a, s), max(b, e)
    before = text[a:s]
    after = text[e:b]
    near = before[-VERB_WINDOW:]
    verb_m = _VERB_BEFORE_RE.search(near)
    verb = " ".join(verb_m.group("verb").lower().split()) if verb_m else None
    verb_start = len(before) - len(near) + verb_m.start() if verb_m else None
    share = verb is None and out["measure_kind"] == "percent" and bool(_SHARE_AFTER_RE.match(after))
    s_start, s_end = sentence if sentence else (a, b)
    goal = bool(_GOAL_RE.search(text, int(s_start), s)) or bool(
        _AT_LEAST_RE.match(after) or _FROM_BEFORE_RE.search(before)
    )
    out["result"] = (verb is not None or share) and not goal
    target_m = _TARGET_AFTER_RE.match(after)
    window = _window(text, e, b, int(s_end))
    out["exceeded"] = verb in EXCEEDING_VERBS or bool(_EXCEED_TARGET_RE.search(window))
    if same := _SAME_PERIOD_RE.search(window):
        out["compared_with"] = "same_period"
        out["compared_year"] = int(same.group("year")) if same.group("year") else None
    elif year := _YEAR_COMPARE_RE.search(window):
        out["compared_with"] = "year"
        out["compared_year"] = int(year.group("year"))
    elif target_m or _EXCEED_TARGET_RE.search(window):
        out["compared_with"] = "target"
    if verb in CHANGE_VERBS:
        out["change"] = CHANGE_VERBS[verb]
    out["what"] = _what(after, before, verb_start, text[int(s_start) : a])
