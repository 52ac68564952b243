"""Forms of the rating pages: opening a round, a sheet's self-rating and review, the decisions
of a deciding committee, a discipline record. They only parse; the services validate and write,
and their refusals are shown on the form with what was typed kept. Levels, criteria groups and
discipline forms come from ``rules.current()``, never from literals here."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ctct.core.forms import DateInput
from ctct.core.pickers import PickerField, PickerFormMixin
from ctct.ratings import rules as rating_rules

HELP_BODY_FIGURES = _("Left empty: from what ctct holds (directive steps and targets).")
MSG_PERSON_OR_BODY = _("Choose the member or the Party organization disciplined (one of them).")
MSG_FORM_NOT_FOR = _("This form of discipline is not given to a %(subject)s.")
MSG_DATES_ORDER = _("The due dates follow one another: self-ratings, reviews, then decisions.")

YEAR_RANGE = (1930, 2200)
PERCENT = {"max_digits": 5, "decimal_places": 1, "min_value": 0, "max_value": 100}


def level_choices(r: rating_rules.Rules, *, blank: bool = False) -> list[tuple[str, str]]:
    out = [(lv.code, f"{lv.short} — {lv.name}") for lv in r.levels]
    return [("", "—"), *out] if blank else out


class RoundOpenForm(PickerFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=YEAR_RANGE[0], max_value=YEAR_RANGE[1])
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("The whole year")), *((q, str(q)) for q in range(1, 5))],
    )
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput())
    self_due = forms.DateField(label=_("Self-ratings due"), widget=DateInput())
    review_due = forms.DateField(label=_("Reviews due"), widget=DateInput())
    decide_due = forms.DateField(label=_("Decisions due"), widget=DateInput())
    document = PickerField(
        "document",
        as_object=True,
        required=False,
        label=_("Ordering document"),
        help_text=_("The plan or guidance that orders the round, if it is registered."),
    )

    def clean(self):
        data = super().clean()
        dates = [data.get(k) for k in ("opened_on", "self_due", "review_due", "decide_due")]
        if all(dates) and dates != sorted(dates):
            raise ValidationError(MSG_DATES_ORDER, code="dates_order")
        return data


class SelfRatingForm(forms.Form):
    """One score box per criteria group of the rules, the proposed level, the assessment and,
    for a member, the task figures."""

    level = forms.ChoiceField(label=_("Proposed level"))
    assessment = forms.CharField(
        label=_("Self-assessment"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    on_time = forms.DecimalField(label=_("Tasks on time (%)"), required=False, **PERCENT)
    beyond = forms.DecimalField(label=_("Tasks beyond requirement (%)"), required=False, **PERCENT)
    late = forms.DecimalField(label=_("Tasks late (%)"), required=False, **PERCENT)

    def __init__(
        self, *args, rules: rating_rules.Rules, band_url: str = "", is_body: bool = False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.rules = rules
        if is_body:
            # A body's figures default to what ctct holds (its directive steps and targets).
            for name in ("on_time", "beyond", "late"):
                self.fields[name].help_text = HELP_BODY_FIGURES
        else:
            del self.fields["late"]  # a member's late tasks bar no level
        # No level chosen until the secretary chooses one (the band shows the best allowed).
        self.fields["level"].choices = level_choices(rules, blank=True)
        scores = {}
        for c in rules.criteria:
            attrs = {"step": "0.5", "min": "0", "max": str(c.max)}
            if band_url:
                attrs.update(
                    {
                        "hx-get": band_url,
                        "hx-trigger": "input changed delay:300ms",
                        "hx-target": "#band",
                        "hx-include": "closest form",
                    }
                )
            scores[f"score_{c.code}"] = forms.DecimalField(
                label=f"{c.name} (≤ {c.max})",
                max_digits=5,
                decimal_places=1,
                min_value=Decimal(0),
                max_value=c.max,
                widget=forms.NumberInput(attrs=attrs),
            )
        # The score boxes first, as on the paper form.
        self.fields = {**scores, **self.fields}

    def scores(self) -> dict[str, Decimal]:
        return {c.code: self.cleaned_data[f"score_{c.code}"] for c in self.rules.criteria}


def typed_scores(rules: rating_rules.Rules, data) -> dict[str, Decimal] | None:
    """The scores typed so far (for the live band): None while one is missing or no number."""
    out = {}
    for c in rules.criteria:
        raw = (data.get(f"score_{c.code}") or "").strip().replace(",", ".")
        try:
            value = Decimal(raw)
        except ArithmeticError:
            return None
        if not value.is_finite() or value < 0 or value > c.max:
            return None
        out[c.code] = value
    return out


class ReviewForm(forms.Form):
    level = forms.ChoiceField(label=_("Reviewer's level"))
    note = forms.CharField(
        label=pgettext_lazy("rating sheet", "Review"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, rules: rating_rules.Rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = level_choices(rules)


class DecideForm(forms.Form):
    """A level chooser (and a note) per sheet the committee decides; an empty chooser leaves
    the sheet undecided."""

    def __init__(self, *args, rules: rating_rules.Rules, sheets=(), quota_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.sheets = list(sheets)
        attrs = {}
        if quota_url:
            attrs = {
                "hx-get": quota_url,
                "hx-trigger": "change",
                "hx-target": "#quota",
                "hx-include": "closest form",
            }
        for sheet in self.sheets:
            if sheet.step == "waiting":  # nothing to decide before the self-rating
                continue
            self.fields[f"level_{sheet.pk}"] = forms.ChoiceField(
                label=str(sheet),
                required=False,
                choices=level_choices(rules, blank=True),
                widget=forms.Select(attrs={**attrs, "aria-label": str(sheet)}),
            )
            self.fields[f"note_{sheet.pk}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=2_000,
                widget=forms.TextInput(attrs={"aria-label": _("Note")}),
            )
        self.rows = [
            (s, self[f"level_{s.pk}"], self[f"note_{s.pk}"])
            if f"level_{s.pk}" in self.fields
            else (s, None, None)
            for s in self.sheets
        ]

    def levels(self) -> dict[int, str]:
        """The levels chosen for the sheets not yet decided (a decided one holds its level)."""
        return {
            s.pk: self.cleaned_data[f"level_{s.pk}"]
            for s in self.sheets
            if self.cleaned_data.get(f"level_{s.pk}") and s.step not in ("decided", "waiting")
        }

    def notes(self) -> dict[int, str]:
        return {
            s.pk: self.cleaned_data[f"note_{s.pk}"]
            for s in self.sheets
            if self.cleaned_data.get(f"note_{s.pk}") and s.step not in ("decided", "waiting")
        }


def pending_levels(rules: rating_rules.Rules, sheets, data) -> dict[int, str]:
    """The levels chosen so far on the decide page (for the live quota): known codes only."""
    out = {}
    for s in sheets:
        if s.step in ("decided", "waiting"):
            continue
        code = data.get(f"level_{s.pk}", "")
        if code in rules.codes:
            out[s.pk] = code
    return out


class DisciplineForm(PickerFormMixin, forms.Form):
    person = PickerField(
        "person",
        as_object=True,
        required=False,
        label=_("Party member"),
        help_text=_("Type part of the name: the suggestions show rank, titles and body."),
    )
    body = PickerField(
        "body",
        action="record_discipline",
        as_object=True,
        required=False,
        label=_("or Party organization"),
    )
    form = forms.ChoiceField(label=_("Form of discipline"))
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    decided_by = PickerField("body", as_object=True, label=_("Decided by"))
    document = PickerField(
        "document",
        as_object=True,
        required=False,
        label=_("Decision (QĐ)"),
        help_text=_("Its number, if it is registered."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, rules: rating_rules.Rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = rules
        self.fields["form"].choices = [(f.code, f.name) for f in rules.discipline_forms]

    def clean(self):
        data = super().clean()
        person, body = data.get("person"), data.get("body")
        if (person is None) == (body is None):
            if not self.errors.get("person") and not self.errors.get("body"):
                raise ValidationError(MSG_PERSON_OR_BODY, code="person_or_body")
            return data
        code = data.get("form")
        if code:
            subject = "person" if person is not None else "body"
            allowed = self.rules.form(code).subject
            if allowed not in ("both", subject):
                label = _("Party member") if subject == "person" else _("Party organization")
                self.add_error(
                    "form",
                    ValidationError(
                        MSG_FORM_NOT_FOR, code="form_not_for", params={"subject": label}
                    ),
                )
        return data


class RoundCloseForm(forms.Form):
    """The confirmation of closing a round: nothing to type, the form token only."""


class DisciplineWithdrawForm(forms.Form):
    on = forms.DateField(
        label=_("Withdrawn on"),
        widget=DateInput(),
        help_text=_("The date of the decision that annuls it (an appeal upheld)."),
    )
