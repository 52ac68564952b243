"""Forms of the resolution pages. They only parse; the services validate and write, and their
refusals are shown on the form with what was typed kept. Values are typed as text so the
service says why "abc" or "140" does not fit the target's measure."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ctct.conferences.periods import PeriodField
from ctct.core.forms import DateInput
from ctct.core.pickers import PickerField, PickerFormMixin
from ctct.resolutions.models import Comparison, Measure, Rollup, Target

MSG_TOO_LARGE = _("“%(value)s” is too large a figure to record.")
MSG_TOO_PRECISE = _("Write at most two decimals, not “%(value)s”.")


def figure_fits(limit: int):
    """A validator: a figure typed (read as the services read it) fits the stored column,
    below ``limit`` with at most two decimals. Text that is no number is left to the service,
    which says why."""

    def check(raw: str) -> None:
        text = raw.strip().rstrip("%").strip().replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            return
        if not value.is_finite():
            return
        if abs(value) >= limit:
            raise ValidationError(MSG_TOO_LARGE, code="too_large", params={"value": raw})
        if value != value.quantize(Decimal("0.01"), rounding=ROUND_DOWN):
            raise ValidationError(MSG_TOO_PRECISE, code="too_precise", params={"value": raw})

    return check


# The columns: 14 digits with 2 decimals for values, 10 with 2 for weights.
VALUE_FITS = figure_fits(10**12)
WEIGHT_FITS = figure_fits(10**8)

VALUE_HELP = _("Percentages 0–100, counts, 1/0 for yes/no, rating levels 1–4.")


class ResolutionForm(PickerFormMixin, forms.Form):
    body = PickerField(
        "body",
        action="edit_resolutions",
        as_object=True,
        label=_("Body"),
        help_text=_("The Party committee or cell whose resolution it is."),
    )
    period = PeriodField(label=_("Period"))
    title = forms.CharField(
        label=_("Title"),
        max_length=500,
        widget=forms.TextInput(attrs={"class": "wide"}),
        help_text=_("e.g. “Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025”."),
    )
    adopted_at = PickerField(
        "conference",
        as_object=True,
        required=False,
        label=_("Adopted at"),
        help_text=_("The conference of the body that adopted it, if recorded."),
    )
    document = PickerField(
        "document",
        as_object=True,
        required=False,
        label=_("Numbered resolution (NQ)"),
        help_text=_("Its number, e.g. “15-NQ/ĐU”, if it is registered."),
    )


class CopyForm(forms.Form):
    period = PeriodField(label=_("New period"))
    title = forms.CharField(
        label=_("Title"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"class": "wide"}),
        help_text=_("Left empty: the previous resolution's title."),
    )


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))


class TargetForm(forms.Form):
    title = forms.CharField(
        label=_("Target"), max_length=500, widget=forms.TextInput(attrs={"class": "wide"})
    )
    measure = forms.ChoiceField(label=_("Measure"), choices=Measure.choices)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    comparison = forms.ChoiceField(
        label=_("Comparison"), choices=Comparison.choices, initial=Comparison.AT_LEAST
    )
    target_value = forms.CharField(
        label=_("Target value"), max_length=40, help_text=VALUE_HELP, validators=[VALUE_FITS]
    )
    baseline_value = forms.CharField(
        label=_("Same period last year"),
        max_length=40,
        required=False,
        validators=[VALUE_FITS],
        help_text=_("The figure a year earlier (so với cùng kỳ), when known."),
    )
    rollup = forms.ChoiceField(label=_("Roll-up from the bodies below"), choices=Rollup.choices)
    period = PeriodField(
        label=_("Period of the target"),
        required=False,
        help_text=_("Left empty: the resolution's period."),
    )
    parent = forms.ModelChoiceField(
        label=_("Step toward"),
        queryset=Target.objects.none(),
        required=False,
        help_text=_("A target of the body's term resolution this one is a step toward."),
    )
    entry_deadline = forms.DateField(label=_("Entries due"), required=False, widget=DateInput())

    def __init__(self, *args, resolution=None, **kwargs):
        super().__init__(*args, **kwargs)
        if resolution is not None:
            self.fields["parent"].queryset = (
                Target.objects.filter(resolution__body_id=resolution.body_id)
                .exclude(resolution=resolution)
                .order_by("-period", "order")
            )


class HandDownForm(forms.Form):
    """One value box (and weight box) per subordinate body offered; an empty box: not handed."""

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = list(bodies)
        for body in self.bodies:
            self.fields[f"value_{body.pk}"] = forms.CharField(
                label=body.name, max_length=40, required=False, validators=[VALUE_FITS]
            )
            self.fields[f"weight_{body.pk}"] = forms.CharField(
                label=_("Weight"), max_length=20, required=False, validators=[WEIGHT_FITS]
            )

    def rows(self):
        return [(b, self[f"value_{b.pk}"], self[f"weight_{b.pk}"]) for b in self.bodies]

    def chosen(self) -> tuple[dict, dict]:
        values, weights = {}, {}
        for body in self.bodies:
            value = self.cleaned_data.get(f"value_{body.pk}", "").strip()
            if value:
                values[body] = value
                weight = self.cleaned_data.get(f"weight_{body.pk}", "").strip()
                if weight:
                    weights[body] = weight
        return values, weights


class HandDownLevelForm(forms.Form):
    level = forms.IntegerField(
        label=_("Level below"),
        min_value=1,
        max_value=20,
        initial=1,
        help_text=_("1: the direct subordinates; 2: the bodies under them; …"),
    )
    value = forms.CharField(
        label=_("Value for each"), max_length=40, help_text=VALUE_HELP, validators=[VALUE_FITS]
    )


class _ValueOfTarget:
    """A form whose ``value`` is checked against its target's measure as it validates, so a
    bad value and a bad date are reported together on one submit."""

    target: Target | None = None

    def clean_value(self):
        raw = self.cleaned_data["value"]
        if self.target is not None:
            from ctct.resolutions.services import check_value

            try:
                check_value(self.target.measure, raw)
            except ValidationError as e:
                raise ValidationError(e.error_dict["value"]) from None
        return raw


class ProgressForm(_ValueOfTarget, PickerFormMixin, forms.Form):
    value = forms.CharField(
        label=_("Value"), max_length=40, help_text=VALUE_HELP, validators=[VALUE_FITS]
    )
    on = forms.DateField(
        label=_("As of"),
        widget=DateInput(),
        error_messages={"invalid": _("Enter a real date (day/month/year), e.g. 2025-06-20.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the figure comes from, when no document or conference shows it."),
    )
    document = PickerField(
        "document", as_object=True, required=False, label=_("Document showing it")
    )
    conference = PickerField(
        "conference", as_object=True, required=False, label=_("Conference that reported it")
    )

    def __init__(self, *args, body=None, target=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        if body is not None:
            self.fields["conference"].limit_to_branch(body.pk)


class LinkConferenceForm(PickerFormMixin, forms.Form):
    """The resolution a conference adopted, chosen among its body's (``link_views``)."""

    resolution = PickerField(
        "resolution",
        action="edit_resolutions",
        as_object=True,
        label=_("Resolution adopted"),
        help_text=_("A resolution of the body that held the conference."),
    )

    def __init__(self, *args, conference=None, **kwargs):
        super().__init__(*args, **kwargs)
        if conference is not None:
            self.fields["resolution"].limit_to_branch(conference.body_id)


# --- corrections ----------------------------------------------------------------------------
class ResolutionEditForm(PickerFormMixin, forms.Form):
    """A resolution's title, period and links; its body stays."""

    period = PeriodField(label=_("Period"))
    title = forms.CharField(
        label=_("Title"), max_length=500, widget=forms.TextInput(attrs={"class": "wide"})
    )
    adopted_at = PickerField(
        "conference",
        as_object=True,
        required=False,
        label=_("Adopted at"),
        help_text=_("The conference of the body that adopted it; empty the box to unlink it."),
    )
    document = PickerField(
        "document",
        as_object=True,
        required=False,
        label=_("Numbered resolution (NQ)"),
        help_text=_("Its number, e.g. “15-NQ/ĐU”; empty the box to unlink it."),
    )

    def __init__(self, *args, resolution=None, **kwargs):
        if resolution is not None:
            kwargs.setdefault(
                "initial",
                {
                    "period": resolution.period,
                    "title": resolution.title,
                    "adopted_at": resolution.adopted_at_id,
                    "document": resolution.document_id,
                },
            )
        super().__init__(*args, **kwargs)
        if resolution is not None:
            self.fields["adopted_at"].limit_to_branch(resolution.body_id)


class TargetEditForm(TargetForm):
    """A target's fields as typed when it was added (its link to a term target stays)."""

    def __init__(self, *args, target=None, **kwargs):
        if target is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": target.title,
                    "measure": target.measure,
                    "unit": target.unit,
                    "comparison": target.comparison,
                    "target_value": _typed(target.target_value),
                    "baseline_value": _typed(target.baseline_value),
                    "rollup": target.rollup,
                    "period": target.period,
                    "entry_deadline": target.entry_deadline,
                },
            )
        super().__init__(*args, **kwargs)
        del self.fields["parent"]


def _typed(value) -> str:
    """A stored figure as a user would type it: 12.00 -> "12", 92.50 -> "92.5"."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class ShareForm(forms.Form):
    target_value = forms.CharField(
        label=_("Value"), max_length=40, help_text=VALUE_HELP, validators=[VALUE_FITS]
    )
    weight = forms.CharField(
        label=_("Weight"),
        max_length=20,
        required=False,
        validators=[WEIGHT_FITS],
        help_text=_("How much the body counts in a weighted mean (its members, its strength)."),
    )

    def __init__(self, *args, share=None, **kwargs):
        if share is not None:
            kwargs.setdefault(
                "initial",
                {"target_value": _typed(share.target_value), "weight": _typed(share.weight)},
            )
        super().__init__(*args, **kwargs)


class HandDownAnyForm(PickerFormMixin, ShareForm):
    """One body anywhere below the holder, chosen by typing its name, with its value."""

    body = PickerField(
        "body",
        action="edit_resolutions",
        as_object=True,
        label=_("Body below"),
        help_text=_("Any body in this body's subtree: a battalion, a company cell…"),
    )
    field_order = ["body", "target_value", "weight"]

    def __init__(self, *args, holder=None, **kwargs):
        super().__init__(*args, **kwargs)
        if holder is not None:
            self.fields["body"].limit_to_branch(holder.pk)


class EntryForm(_ValueOfTarget, forms.Form):
    """The value, the day and the note of an entry being corrected."""

    value = forms.CharField(
        label=_("Value"), max_length=40, help_text=VALUE_HELP, validators=[VALUE_FITS]
    )
    on = forms.DateField(
        label=_("As of"),
        widget=DateInput(),
        error_messages={"invalid": _("Enter a real date (day/month/year), e.g. 2025-06-20.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the figure comes from, when no document or conference shows it."),
    )

    def __init__(self, *args, entry=None, **kwargs):
        if entry is not None:
            kwargs.setdefault(
                "initial", {"value": _typed(entry.value), "on": entry.on, "note": entry.note}
            )
        super().__init__(*args, **kwargs)
        self.target = entry.target if entry is not None else None


class EntryRemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it removed?"),
        max_length=100,
        help_text=_("Kept in the entry's history, e.g. “typed in the wrong target”."),
    )
