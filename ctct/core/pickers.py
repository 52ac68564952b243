"""Searchable pickers: a body, a person or a document chosen by typing a few letters.

A form field that names a record (an issuing body, a person, a document) is a
``PickerField``. The user types part of a name, with or without diacritics, and chooses among
suggestions that tell namesakes apart (a body with its parent chain, a person with rank, titles
and body, a document with its number, date and title). The posted value stays the record's id;
the field checks it against what the user may see *and* the action the form needs, so a
tampered id outside the scope is a form error.

Kinds are registered by the apps that own the records (``register``), so core never imports
them; each kind gets a suggestion endpoint, ``/pick/<kind>/?q=...&action=...`` (an HTML
fragment for htmx, JSON with ``?format=json``); ``&within=<body id>`` narrows it to a branch
(a requirement assigned to a body under the conference's).

Without JavaScript the picker is a typed-name search: the text is searched when the form is
posted; one match is taken, several are listed as radio buttons to choose from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ctct.core import scopes

MSG_NO_MATCH = _("Nothing you may choose here matches “%(text)s”.")
MSG_SEVERAL = _("Several match “%(text)s”: choose one below, or type more.")
MSG_OUT_OF_SCOPE = _("This choice is not within your reach.")
MSG_BAD_ID = _("Choose from the suggestions.")
MSG_TOO_MANY = _("Choose at most %(limit)s.")
MSG_TEXT_TOO_LONG = _("Type a few words of the name (at most %(limit)s characters), then choose.")

# How many suggestions a box shows; how many candidates a posted text may list; how many
# records one multiple picker holds.
SUGGESTIONS = 12
CANDIDATES = 8
MAX_CHOSEN = 200
QUERY_MAX = 200


@dataclass(frozen=True)
class Choice:
    """One suggestion: what the input shows once chosen, and what tells it apart."""

    pk: int
    label: str
    detail: str = ""
    obj: Any = field(default=None, compare=False, repr=False)


class PickerKind:
    """What a kind of record offers a picker. Subclasses live in the app that owns it.

    ``search`` and ``get`` receive the request (for ``request.scope`` and ``request.user``),
    the action the form needs and, for kinds that hold to bodies, ``within``: the id of a body
    whose branch limits the choice. Both return only what the action reaches.
    """

    name: str = ""
    default_action: str = "view"
    # The actions a form of this kind may ask for (None: any registered action); others fall
    # back to the default.
    actions: frozenset[str] | None = None
    placeholder = _("Type a few letters…")

    def search(
        self, request, query: str, *, action: str, limit: int, within: int | None = None
    ) -> list[Choice]:
        raise NotImplementedError

    def get(self, request, pk: int, *, action: str, within: int | None = None) -> Choice | None:
        """The one record ``pk`` when ``action`` reaches it, else None."""
        raise NotImplementedError

    def action_for(self, requested: str | None) -> str:
        allowed = scopes.actions() if self.actions is None else self.actions
        return requested if requested in allowed else self.default_action


_KINDS: dict[str, PickerKind] = {}


def register(kind: PickerKind) -> PickerKind:
    """Make a kind available to fields and to its suggestion endpoint (call from ready())."""
    if not kind.name:
        raise ValueError("a picker kind needs a name")
    _KINDS[kind.name] = kind
    return kind


def get_kind(name: str) -> PickerKind:
    return _KINDS[name]


def kinds() -> list[str]:
    return sorted(_KINDS)


def suggest(
    request, kind_name: str, query: str, action: str | None = None, within: int | None = None
) -> list[Choice]:
    """The suggestions for ``query`` that ``request``'s user may choose for ``action``."""
    kind = get_kind(kind_name)
    query = query[:QUERY_MAX].strip()
    if not query or request is None or not request.user.is_authenticated:
        return []
    return kind.search(
        request, query, action=kind.action_for(action), limit=SUGGESTIONS, within=within
    )


# --- widget -------------------------------------------------------------------------------
def _suffix(name: str, part: str) -> str:
    return f"{name}__{part}"


class PickerInput(forms.Widget):
    """A text box with suggestions, carrying the chosen id in a hidden input.

    Posts ``<name>`` (the id), ``<name>__q`` (the text shown) and, when the server listed
    candidates, ``<name>__pick`` (the radio chosen among them).
    """

    template_name = "core/picker.html"

    def __init__(self, kind: str, action: str | None = None, attrs=None):
        super().__init__(attrs)
        self.kind = kind
        self.action = action
        # Set by the field while the form is bound to a request.
        self.request = None
        self.within: int | None = None
        self.candidates: list[Choice] = []
        self.text: str | None = None
        self.chosen: Choice | None = None

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.candidates = []
        obj.request = None
        obj.text = None
        obj.chosen = None
        return obj

    def value_from_datadict(self, data, files, name):
        pick = data.get(_suffix(name, "pick"), "")
        ids = [v for v in data.getlist(name) if v] if hasattr(data, "getlist") else []
        if not ids and data.get(name):
            ids = [data.get(name)]
        text = data.get(_suffix(name, "q"))
        raw = ids[-1].strip() if ids else ""
        if text is None and raw and not raw.isdigit():
            # A name or a number typed where the id goes (a client without the text box):
            # searched like typed text.
            return {"id": "", "text": raw, "pick": pick}
        return {"id": raw, "text": text, "pick": pick}

    def value_omitted_from_data(self, data, files, name):
        return name not in data and _suffix(name, "q") not in data

    def get_context(self, name, value, attrs):
        from django.urls import reverse

        ctx = super().get_context(name, value, attrs)
        kind = get_kind(self.kind)
        action = kind.action_for(self.action)
        widget_id = ctx["widget"]["attrs"].get("id") or f"id_{name}"
        ctx["widget"].update(
            {
                "url": reverse(f"pickers:{self.kind}"),
                "action": action,
                "within": self.within,
                "list_id": f"{widget_id}-list",
                "id": widget_id,
                "q_name": _suffix(name, "q"),
                "pick_name": _suffix(name, "pick"),
                "candidates": self.candidates,
                "placeholder": kind.placeholder,
            }
        )
        ctx["widget"].update(self.chosen_context(kind, action, value))
        return ctx

    def chosen_context(self, kind: PickerKind, action: str, value) -> dict:
        """What the box shows: the record chosen (found again through the scope) or the text."""
        chosen = self.chosen
        pk = _as_pk(value.get("id") if isinstance(value, dict) else value)
        if chosen is None and pk is not None and self.request is not None:
            chosen = kind.get(self.request, pk, action=action, within=self.within)
        return {"chosen": chosen, "text": chosen.label if chosen else (self.text or "")}


def _shown(text: str | None) -> str | None:
    """The typed text as the box shows it again: no more than a search would read."""
    return text if text is None or len(text) <= QUERY_MAX else text[:QUERY_MAX]


def _as_pk(value) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value > 0 else None
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, str) and value.strip().isdigit():
        n = int(value.strip())
        return n if 0 < n < 2**63 else None
    return None


# --- field --------------------------------------------------------------------------------
class PickerField(forms.Field):
    """A record of ``kind`` chosen by typing, limited to what ``action`` reaches.

    Cleans to the record's id (``as_object=True``: to the record itself). The form must be
    bound to a request (``PickerFormMixin``); without one nothing is within reach.
    """

    default_error_messages = {
        "no_match": MSG_NO_MATCH,
        "several": MSG_SEVERAL,
        "out_of_scope": MSG_OUT_OF_SCOPE,
        "bad_id": MSG_BAD_ID,
        "too_long": MSG_TEXT_TOO_LONG,
    }

    def __init__(self, kind: str, *, action: str | None = None, as_object=False, **kwargs):
        self.kind = kind
        self.action = action
        self.as_object = as_object
        self.request = None
        self.within: int | None = None
        self.choice: Choice | None = None
        kwargs.setdefault("widget", PickerInput(kind, action))
        super().__init__(**kwargs)

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.request = None
        obj.choice = None
        return obj

    def bind_request(self, request) -> None:
        self.request = request
        self.widget.request = request

    def limit_to_branch(self, body_pk: int | None) -> None:
        """Offer and accept only records in the branch of this body (for kinds that can)."""
        self.within = self.widget.within = body_pk

    def prepare_value(self, value):
        return value

    def to_python(self, value):
        """The chosen record, found through the scope; None when nothing was chosen."""
        if not isinstance(value, dict):  # initial data or a plain id
            value = {"id": "" if value is None else str(value), "text": None, "pick": ""}
        kind = get_kind(self.kind)
        action = kind.action_for(self.action)
        self.widget.text = _shown(value["text"])
        if value["pick"]:
            return self._lookup(kind, value["pick"], action)
        text = (value["text"] or "").strip()
        if value["id"]:
            choice = self._lookup(kind, value["id"], action)
            # Without JavaScript nothing clears the id when the text is changed: a text
            # other than the chosen label is a new search (no text box at all: the id).
            if value["text"] is None or text == choice.label:
                return choice
        if not text:
            return None
        return self._search(kind, text, action)

    def _search(self, kind: PickerKind, text: str, action: str) -> Choice:
        """The one record ``text`` names; else an error, listing the candidates if several."""
        if len(text) > QUERY_MAX:  # nobody types that much: refused before any query
            raise ValidationError(
                self.error_messages["too_long"], code="too_long", params={"limit": QUERY_MAX}
            )
        # Not bound to a request: nothing is within reach.
        found = (
            kind.search(self.request, text, action=action, limit=CANDIDATES, within=self.within)
            if self.request is not None
            else []
        )
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(
                self.error_messages["no_match"], code="no_match", params={"text": text}
            )
        self.widget.candidates = found
        raise ValidationError(self.error_messages["several"], code="several", params={"text": text})

    def _lookup(self, kind: PickerKind, raw, action: str) -> Choice:
        pk = _as_pk(raw)
        if pk is None:
            raise ValidationError(self.error_messages["bad_id"], code="bad_id")
        choice = (
            kind.get(self.request, pk, action=action, within=self.within)
            if self.request is not None
            else None
        )
        if choice is None:
            raise ValidationError(self.error_messages["out_of_scope"], code="out_of_scope")
        return choice

    def clean(self, value):
        self.widget.candidates = []
        self.widget.chosen = None
        choice = self.to_python(value)
        self.validate(choice)
        self.choice = self.widget.chosen = choice
        if choice is None:
            return None
        return choice.obj if self.as_object else choice.pk

    def has_changed(self, initial, data):
        return _as_pk(initial) != _as_pk(data.get("id") if isinstance(data, dict) else data)


class PickerFormMixin:
    """Binds the form's picker fields to the request whose scope limits them.

    ``MyForm(request.POST or None, request=request)``.
    """

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        for f in self.fields.values():
            if isinstance(f, PickerField):
                f.bind_request(request)

    def picked(self, name: str) -> Any:
        """The record chosen in picker ``name`` (after is_valid()), or None."""
        choice = self.fields[name].choice
        return choice.obj if choice else None


# --- several records ----------------------------------------------------------------------
class PickerMultipleInput(PickerInput):
    """The chosen records as ticked boxes (untick to drop one) and a text box to add more.

    Posts ``<name>`` once per chosen id (a comma-separated list is read too), ``<name>__q``
    and ``<name>__pick`` like the single picker.
    """

    template_name = "core/picker_multiple.html"

    def value_from_datadict(self, data, files, name):
        raw = data.getlist(name) if hasattr(data, "getlist") else [data.get(name) or ""]
        ids = [x.strip() for v in raw for x in (v or "").replace(";", ",").split(",")]
        picks = data.getlist(_suffix(name, "pick")) if hasattr(data, "getlist") else []
        return {"ids": [x for x in ids if x], "text": data.get(_suffix(name, "q")), "picks": picks}

    def chosen_context(self, kind: PickerKind, action: str, value) -> dict:
        chosen = self.chosen
        if chosen is None:
            ids = value.get("ids", []) if isinstance(value, dict) else (value or [])
            pks = [pk for pk in map(_as_pk, ids[:MAX_CHOSEN]) if pk is not None]
            found = [
                kind.get(self.request, pk, action=action, within=self.within)
                for pk in pks
                if self.request
            ]
            chosen = [c for c in found if c is not None]
        return {"chosen_list": chosen, "text": self.text or ""}


class PickerMultipleField(PickerField):
    """Several records of ``kind``; cleans to a list of ids (or of records)."""

    default_error_messages = {"too_many": MSG_TOO_MANY}

    def __init__(self, kind: str, *, action: str | None = None, **kwargs):
        kwargs.setdefault("widget", PickerMultipleInput(kind, action))
        super().__init__(kind, action=action, **kwargs)

    def to_python(self, value):
        if not isinstance(value, dict):
            value = {"ids": [str(v) for v in value or []], "text": None, "picks": []}
        kind = get_kind(self.kind)
        action = kind.action_for(self.action)
        raw = list(dict.fromkeys([*value["ids"], *value["picks"]]))
        if len(raw) > MAX_CHOSEN:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"limit": MAX_CHOSEN}
            )
        chosen: list[Choice] = []
        errors: list[ValidationError] = []
        for pk in raw:
            try:
                chosen.append(self._lookup(kind, pk, action))
            except ValidationError as e:
                errors.append(e)
        self.widget.chosen = chosen  # what stays ticked when the form is shown again
        self.widget.text = _shown(value["text"])
        text = (value["text"] or "").strip()
        if text and not errors:
            try:
                found = self._search(kind, text, action)
            except ValidationError as e:
                errors.append(e)
            else:
                chosen.append(found)
                self.widget.text = ""
        if errors:
            raise ValidationError(errors[:1])
        return list({c.pk: c for c in chosen}.values())

    def clean(self, value):
        self.widget.candidates = []
        self.widget.chosen = None
        choices = self.to_python(value)
        if self.required and not choices:
            raise ValidationError(self.error_messages["required"], code="required")
        self.choice = None
        return [c.obj if self.as_object else c.pk for c in choices]

    def has_changed(self, initial, data):
        return bool(data.get("ids") or data.get("text")) if isinstance(data, dict) else bool(data)
