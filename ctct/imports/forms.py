"""Forms of the import pages: the upload, the review of one report's record, a choice among
candidates. They only parse; the services validate and write.

``record_from_forms`` turns a valid review back into an extraction record, carrying the spans
of what the user left alone and placing in the text what the user typed anew.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ctct.conferences.models import Kind, Role
from ctct.conferences.periods import PeriodField
from ctct.core.forms import DateInput
from ctct.imports.highlight import find_spans

ACCEPTED = (".txt", ".html", ".htm", ".docx", ".pdf", ".zip")
ROOT_CHOICES_LIMIT = 300
PASTE_MAX_CHARS = 2_000_000
MSG_ROWS_CHANGED = _(
    "The rows of this form do not match the report (the page may be out of date): "
    "nothing was saved. Reload the page and make your changes again."
)
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
DOC_TYPES = (
    "Chỉ thị",
    "Nghị quyết",
    "Kết luận",
    "Quy định",
    "Quyết định",
    "Hướng dẫn",
    "Kế hoạch",
    "Báo cáo",
    "Thông báo",
    "Công văn",
    "Nghị định",
    "Thông tư",
    "Luật",
)
MSG_REAL_DATE = _("Enter a real date (day/month/year), e.g. 2025-06-20.")


def _mb(size: int) -> float:
    return round(size / 1024 / 1024, 1)


# --- the upload ---------------------------------------------------------------------------
class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(ACCEPTED)}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        if not isinstance(data, list | tuple):
            data = [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in data if f]


def root_choices(scope) -> list[tuple[int, str]]:
    """The bodies the user may import for, upper levels first when there are very many,
    shown in tree order and indented."""
    from ctct.bodies.selectors import bodies_in_scope

    bodies = list(
        bodies_in_scope(scope, "edit_conferences")
        .order_by("depth", "path")
        .values_list("pk", "name", "depth", "path")[:ROOT_CHOICES_LIMIT]
    )
    if not bodies:
        return []
    top = min(d for _pk, _n, d, _p in bodies)
    return [
        (pk, "\u00a0\u00a0" * (depth - top) + name)
        for pk, name, depth, _path in sorted(bodies, key=lambda b: b[3])
    ]


def organizer_choices(scope, root) -> list[tuple[int, str]]:
    """Bodies that may have held a report's conference: the import's body and those above it
    that the user may see, then the bodies of its branch (upper levels first when many)."""
    from ctct.bodies.models import Body
    from ctct.bodies.selectors import visible_ancestors
    from ctct.core.treepaths import subtree_q

    above = [(b.pk, b.name) for b in visible_ancestors(root, scope)]
    branch = list(
        Body.objects.filter(subtree_q(root.path), dissolved_on__isnull=True)
        .order_by("depth", "path")
        .values_list("pk", "name", "depth", "path")[:ROOT_CHOICES_LIMIT]
    )
    return above + [
        (pk, "\u00a0\u00a0" * (depth - root.depth) + name)
        for pk, name, depth, _path in sorted(branch, key=lambda b: b[3])
    ]


class UploadForm(forms.Form):
    root = forms.TypedChoiceField(
        label=_("Import for"),
        coerce=int,
        help_text=_("Holding bodies are looked for in this body's branch and above it."),
    )
    files = MultipleFileField(
        label=_("Report files"),
        help_text=_("One or many .txt, .html, .docx, .pdf files, or a .zip of them."),
    )
    pasted_text = forms.CharField(
        label=_("Or paste a report"),
        required=False,
        strip=False,
        max_length=PASTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    pasted_name = forms.CharField(
        label=_("Name of the pasted report"),
        required=False,
        max_length=200,
        help_text=_("Optional, e.g. the newspaper and date."),
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["root"].choices = root_choices(scope)
        if not self.is_bound and self.fields["root"].choices:
            self.initial.setdefault("root", self.fields["root"].choices[0][0])

    def clean_files(self):
        files = self.cleaned_data["files"]
        limit_file = settings.CTCT_MAX_UPLOAD_MB * 1024 * 1024
        limit_zip = settings.CTCT_MAX_IMPORT_MB * 1024 * 1024
        errors = []
        for f in files:
            ext = os.path.splitext(f.name)[1].lower()
            if ext not in ACCEPTED:
                errors.append(
                    forms.ValidationError(
                        _("“%(name)s” is not a report file: use .txt, .html, .docx, .pdf or .zip."),
                        code="type",
                        params={"name": f.name},
                    )
                )
            elif f.size > (limit_zip if ext == ".zip" else limit_file):
                errors.append(
                    forms.ValidationError(
                        _("“%(name)s” is %(size)s MB; the limit is %(limit)s MB."),
                        code="size",
                        params={
                            "name": f.name,
                            "size": _mb(f.size),
                            "limit": settings.CTCT_MAX_IMPORT_MB
                            if ext == ".zip"
                            else settings.CTCT_MAX_UPLOAD_MB,
                        },
                    )
                )
        if errors:
            raise forms.ValidationError(errors)
        return files

    def clean(self):
        data = super().clean()
        if "files" in data and not data.get("files") and not data.get("pasted_text", "").strip():
            raise forms.ValidationError(
                _("Choose at least one file or paste the text of a report."), code="empty"
            )
        return data


# --- the review ---------------------------------------------------------------------------
def _canonical_rank(value: str) -> str:
    """The rank as the ranks table writes it ("Thiếu uý" -> "Thiếu úy"), else as given."""
    from ctct.text.names import find_rank

    value = (value or "").strip()
    m = find_rank(value) if value else None
    return m.rank if m is not None and m.end == len(value) else value


def _split_positions(value: str) -> list[str]:
    return [p.strip(" ,.") for p in re.split(r"[\n;]+", value or "") if p.strip(" ,.")]


class EventForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": MSG_REAL_DATE},
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    period = PeriodField(
        label=_("Period"),
        required=False,
        help_text=_(
            "“6 tháng đầu năm 2025” or 2025-H1, “năm 2025” or 2025, “quý III/2025” or 2025-Q3, "
            "“nhiệm kỳ 2025-2030” or 2025-2030; empty for a dissemination."
        ),
    )
    organizer = forms.CharField(
        label=_("Holding body"),
        required=False,
        max_length=300,
        help_text=_("As the report writes it."),
    )
    byline = forms.CharField(label=_("Byline"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—"), *Kind.choices]


class PersonForm(forms.Form):
    src = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), required=False, max_length=120)
    rank = forms.ChoiceField(label=_("Rank"), required=False)
    positions = forms.CharField(
        label=_("Titles"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        required=False,
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, extra_ranks=(), **kwargs):
        from ctct.people.models import rank_choices

        super().__init__(*args, **kwargs)
        choices = [("", "—"), *rank_choices()]
        known = {c for c, _label in choices}
        choices += [(r, r) for r in extra_ranks if r and r not in known]
        self.fields["rank"].choices = choices

    def clean(self):
        data = super().clean()
        used = data.get("rank") or data.get("positions") or data.get("roles")
        if used and not (data.get("name") or "").strip() and not data.get("DELETE"):
            self.add_error("name", _("Write the person's name, or tick “remove”."))
        return data


class DocumentRowForm(forms.Form):
    src = forms.IntegerField(required=False, widget=forms.HiddenInput)
    type = forms.CharField(
        label=_("Type"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"list": "doc-types", "size": 10}),
    )
    number = forms.CharField(
        label=_("Number"), required=False, max_length=20, widget=forms.TextInput({"size": 6})
    )
    symbol = forms.CharField(
        label=_("Symbol"), required=False, max_length=40, widget=forms.TextInput({"size": 9})
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": MSG_REAL_DATE},
    )
    issuer = forms.CharField(label=_("Issuer"), required=False, max_length=300)

    def clean(self):
        data = super().clean()
        used = any(data.get(k) for k in ("type", "symbol", "date", "issuer"))
        if used and not (data.get("number") or "").strip() and not data.get("DELETE"):
            self.add_error("number", _("Write the document's number, or tick “remove”."))
        return data


class RowsFormSet(forms.BaseFormSet):
    """The rows of a record, one form each, plus empty ones to add. The counts the page sends
    must be the ones it was given: as many initial rows as the record has (a row goes away by
    its "remove" tick, never by a lower count), a total between those and ``absolute_max``,
    numbers. Anything else (a tampered or stale page) is refused with ``MSG_ROWS_CHANGED``
    rather than read as a shorter record; ``rows_changed`` says so to the view."""

    rows_changed = False

    def full_clean(self):
        super().full_clean()
        if self.is_bound and not self._counts_ok():
            self.rows_changed = True
            self._non_form_errors = self.error_class(
                [MSG_ROWS_CHANGED], error_class="nonform", renderer=self.renderer
            )

    def _counts_ok(self) -> bool:
        mf = self.management_form
        if not mf.is_valid():
            return False
        total = mf.cleaned_data[forms.formsets.TOTAL_FORM_COUNT]
        initial = mf.cleaned_data[forms.formsets.INITIAL_FORM_COUNT]
        rows = len(self.initial or ())
        return initial == rows and rows <= total <= self.absolute_max


def _rows_formset(form, *, extra: int, max_num: int):
    return forms.formset_factory(
        form,
        formset=RowsFormSet,
        extra=extra,
        can_delete=True,
        max_num=max_num,
        absolute_max=max_num,
        validate_max=True,
    )


PeopleFormSet = _rows_formset(PersonForm, extra=2, max_num=500)
DocumentsFormSet = _rows_formset(DocumentRowForm, extra=1, max_num=200)


def _iso(value) -> str | None:
    if not value:
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    return value.isoformat()


def review_initial(record: dict) -> dict:
    """Initial data of the three parts of the review form, from a record."""
    event = record.get("event") or {}
    people = []
    for i, p in enumerate(record.get("people") or []):
        if not isinstance(p, dict):
            continue
        people.append(
            {
                "src": i,
                "name": p.get("name") or "",
                "rank": _canonical_rank(p.get("rank") or ""),
                "positions": "\n".join(x for x in (p.get("positions") or []) if x),
                "roles": [r for r in (p.get("roles") or []) if r in Role.values],
            }
        )
    documents = []
    for j, d in enumerate(record.get("documents") or []):
        if not isinstance(d, dict):
            continue
        documents.append(
            {
                "src": j,
                "type": d.get("type") or "",
                "number": d.get("number") or "",
                "symbol": d.get("symbol") or "",
                "date": _iso(d.get("date")),
                "issuer": d.get("issuer") or "",
            }
        )
    return {
        "event": {
            "date": _iso(event.get("date")),
            "kind": event.get("kind") or "",
            "period": event.get("period") or "",
            "organizer": event.get("organizer") or "",
            "byline": record.get("byline") or "",
        },
        "people": people,
        "documents": documents,
    }


def review_forms(record: dict, data=None):
    """(event form, people formset, documents formset), bound to ``data`` when given."""
    initial = review_initial(record)
    ranks = sorted({p["rank"] for p in initial["people"] if p["rank"]})
    return (
        EventForm(data, initial=initial["event"], prefix="event"),
        PeopleFormSet(
            data,
            initial=initial["people"],
            prefix="people",
            form_kwargs={"extra_ranks": ranks},
        ),
        DocumentsFormSet(data, initial=initial["documents"], prefix="documents"),
    )


def _rows(formset) -> list[dict]:
    """The rows kept: filled in and not ticked for removal, in order."""
    out = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE"):
            continue
        out.append(data)
    return out


def _source(items: list, index) -> dict:
    if isinstance(index, int) and 0 <= index < len(items) and isinstance(items[index], dict):
        return items[index]
    return {}


def _near(text: str, value: str, anchors: list, reach: int = 250) -> list[list[int]]:
    """Where ``value`` is written shortly after one of the ``anchors`` spans."""
    out = []
    for a in anchors:
        lo = a[1]
        for s in find_spans(text[lo : lo + reach], value, limit=1):
            out.append([lo + s[0], lo + s[1]])
    return out


def record_from_forms(record: dict, event_form, people_fs, documents_fs) -> dict:
    """The record as reviewed: the form's values, other keys (text, figures, tasks, awards,
    headline) kept; spans kept where the value is unchanged, looked for in the text where
    the user typed something new."""
    from ctct.text import compare_key

    text = record.get("text") or ""
    new = copy.deepcopy(record)
    old_event = record.get("event") or {}
    old_spans = old_event.get("spans") if isinstance(old_event.get("spans"), dict) else {}
    e = event_form.cleaned_data
    organizer = e["organizer"].strip()
    spans = {k: old_spans.get(k) for k in ("date", "kind", "period", "organizer")}
    if organizer != (old_event.get("organizer") or ""):
        found = find_spans(text, organizer, limit=1)
        spans["organizer"] = found[0] if found else None
    new["event"] = {
        **old_event,
        "date": e["date"].isoformat() if e["date"] else None,
        "date_text": old_event.get("date_text"),
        "kind": e["kind"] or None,
        "period": e["period"] or None,
        "organizer": organizer or None,
        "spans": spans,
    }
    new["byline"] = e["byline"].strip() or None

    old_people = record.get("people") or []
    people = []
    for row in _rows(people_fs):
        name = row["name"].strip()
        if not name:
            continue
        src = _source(old_people, row.get("src"))
        positions = _split_positions(row["positions"])
        name_spans = (src.get("spans") or []) if src.get("name") == name else []
        if not name_spans:
            name_spans = find_spans(text, name)
        if src and positions == (src.get("positions") or []):
            position_spans = src.get("position_spans") or []
        else:
            kept = {compare_key(p) for p in positions}
            position_spans = [
                s
                for s in (src.get("position_spans") or [])
                if isinstance(s, list | tuple)
                and len(s) == 2
                and compare_key(text[s[0] : s[1]]) in kept
            ]
            placed = {compare_key(text[s[0] : s[1]]) for s in position_spans}
            for p in positions:
                if compare_key(p) not in placed:
                    position_spans += _near(text, p, name_spans)
        people.append(
            {
                **{k: v for k, v in src.items() if k not in ("spans", "position_spans")},
                "name": name,
                "rank": row["rank"] or None,
                "positions": positions,
                "roles": list(row["roles"]),
                "spans": name_spans,
                "position_spans": position_spans,
            }
        )
    new["people"] = people

    old_docs = record.get("documents") or []
    documents = []
    for row in _rows(documents_fs):
        number = row["number"].strip()
        if not number:
            continue
        src = _source(old_docs, row.get("src"))
        if src and str(src.get("number") or "") == number:
            doc_spans = src.get("spans") or []
        else:
            doc_spans = [
                [m.start(), m.end()]
                for m in re.finditer(r"(?<!\w)số\s*" + re.escape(number) + r"(?!\d)", text)
            ][:10]
        documents.append(
            {
                **{k: v for k, v in src.items() if k != "spans"},
                "type": row["type"].strip() or None,
                "number": number,
                "symbol": row["symbol"].replace(" ", "") or None,
                "date": row["date"].isoformat() if row["date"] else None,
                "issuer": row["issuer"].strip() or None,
                "spans": doc_spans,
            }
        )
    new["documents"] = documents
    return new


class ChoiceForm(forms.Form):
    """A choice among the candidates of one mention: an existing record's id or "new"; for
    the holding body also any body picked from a list (``other_body``)."""

    kind = forms.ChoiceField(
        choices=[("organizer", "organizer"), ("people", "people"), ("documents", "documents")]
    )
    index = forms.IntegerField(min_value=0, required=False)
    choice = forms.CharField(max_length=20, required=False)
    other_body = forms.IntegerField(required=False, min_value=1)

    def clean(self):
        data = super().clean()
        value = (data.get("choice") or "").strip()
        if data.get("kind") == "organizer" and data.get("other_body"):
            data["choice"] = data["other_body"]
        elif value == "new" and data.get("kind") != "organizer":
            data["choice"] = value
        elif value.isdigit():
            data["choice"] = int(value)
        else:
            raise forms.ValidationError(_("Choose one of the candidates."), code="choice")
        return data
