"""Forms of a body's preparation: a step done, the superior's decision on the papers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ctct.congresses import rules as r
from ctct.congresses.models import CongressKind, Level
from ctct.core.forms import DateInput
from ctct.core.pickers import PickerField, PickerFormMixin, PickerMultipleField
from ctct.resolutions.forms import ResolutionForm


class StepForm(forms.Form):
    """The body's next step done (the plan adopted, the papers sent up, the results
    reported). The form says which step it marks (hidden, the stage it was opened on): a
    second form opened on the plan cannot mark the papers sent. A form posted without it (a
    page opened before it was added) marks the step due, as before."""

    kind = forms.TypedChoiceField(
        choices=[(k, k) for k in (r.PLAN, r.PAPERS, r.REPORTED)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.HiddenInput,
    )
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class ReviewForm(forms.Form):
    APPROVE, RETURN = "approve", "return"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve the papers")), (RETURN, _("Return with comments"))],
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    comments = forms.CharField(
        label=_("Comments"), required=False, max_length=5000, widget=forms.Textarea
    )


# --- opening a round --------------------------------------------------------------------------
# The levels whose pilots are chosen on the form (the round's own body holds its own congress).
PILOT_LEVELS = (r.CELL, r.GRASSROOTS, r.UPPER)
MSG_PILOT_LEVEL = _("%(body)s is not at this level; choose it among the pilots of its own level.")
MSG_WINDOW_HALF = _("Give both the first and the last day of the window, or neither.")


class RoundOpenForm(PickerFormMixin, forms.Form):
    """A superior opens the congress round of its subtree. Windows left empty follow the
    rules (``CTCT_CONGRESSES``)."""

    body = PickerField(
        "body",
        action="open_congress_rounds",
        as_object=True,
        label=_("Body opening the round"),
        help_text=_("The Party committee whose subtree holds its congresses."),
    )
    directive = PickerField(
        "document",
        as_object=True,
        label=_("Ordering directive"),
        help_text=_("The directive, plan or guidance that orders the congresses."),
    )
    term_label = forms.CharField(
        label=_("Term"), max_length=20, initial="2025-2030", help_text=_("e.g. 2025-2030")
    )
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(Level.choices)
        for level in r.LEVELS:
            self.fields[f"window_{level}_start"] = forms.DateField(
                label=_("Window of %(level)s: from") % {"level": names[level]},
                required=False,
                widget=DateInput(),
            )
            self.fields[f"window_{level}_end"] = forms.DateField(
                label=_("to"), required=False, widget=DateInput()
            )
        for level in PILOT_LEVELS:
            field = PickerMultipleField(
                "body",
                as_object=True,
                required=False,
                label=_("Pilot congresses (đại hội điểm) of %(level)s") % {"level": names[level]},
            )
            field.bind_request(self.request)
            self.fields[f"pilots_{level}"] = field

    def window_fields(self):
        return [(self[f"window_{lv}_start"], self[f"window_{lv}_end"]) for lv in r.LEVELS]

    def pilot_fields(self):
        return [self[f"pilots_{lv}"] for lv in PILOT_LEVELS]

    def clean(self):
        data = super().clean()
        windows = {}
        for level in r.LEVELS:
            start, end = data.get(f"window_{level}_start"), data.get(f"window_{level}_end")
            if (start is None) != (end is None):
                self.add_error(f"window_{level}_start", MSG_WINDOW_HALF)
            elif start is not None:
                windows[level] = (start, end)
        data["windows"] = windows
        pilots = []
        for level in PILOT_LEVELS:
            for body in data.get(f"pilots_{level}") or []:
                if level_of_body(body) != level:
                    self.add_error(
                        f"pilots_{level}",
                        forms.ValidationError(
                            MSG_PILOT_LEVEL, code="pilot_level", params={"body": body.name}
                        ),
                    )
                pilots.append(body)
        data["pilots"] = pilots
        return data


def level_of_body(body) -> str:
    from ctct.congresses.services import level_of

    return level_of(body)


# --- the congress record ----------------------------------------------------------------------
# Rows offered on the form: the elected committee, the inspection committee, the delegates.
COMMITTEE_ROWS = 15
INSPECTION_ROWS = 7
DELEGATE_ROWS = 15
MSG_SHARE_MISSING = _("Give the share of votes that elected this person.")
MSG_PERSON_MISSING = _("Choose the person this share of votes elected.")

SHARE_HELP = _("Percent of the valid votes, e.g. 92,5")


class CongressForm(PickerFormMixin, forms.Form):
    """The record of a body's congress. People are chosen with the people picker (their rank
    and titles shown); the service checks the rules and refuses with nothing lost."""

    term_label = forms.CharField(label=_("Term"), max_length=20)
    kind = forms.ChoiceField(label=_("Kind"), choices=CongressKind.choices)
    number = forms.IntegerField(
        label=_("Congress number (lần thứ)"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=_("Left empty: the previous term's number plus one."),
    )
    # Not "Opened on": that is the day a round opens ("Ngày mở đợt").
    opened_on = forms.DateField(label=_("Congress opened on"), widget=DateInput())
    closed_on = forms.DateField(
        label=_("Closed on"),
        required=False,
        widget=DateInput(),
        help_text=_("Left empty: same day."),
    )
    directed_by = PickerField("body", as_object=True, required=False, label=_("Directing superior"))
    directing = PickerMultipleField(
        "person",
        as_object=True,
        required=False,
        label=_("Attended and directed for the superior (dự, chỉ đạo)"),
        help_text=_("The superior's leaders who directed the congress; their titles are read."),
    )
    presidium = PickerMultipleField(
        "person",
        as_object=True,
        required=False,
        label=_("Presidium (đoàn chủ tịch)"),
        help_text=_("The comrades who chaired the congress."),
    )
    delegates_summoned = forms.IntegerField(
        label=_("Delegates summoned"), min_value=0, max_value=1_000_000
    )
    delegates_present = forms.IntegerField(
        label=_("Delegates present"), min_value=0, max_value=1_000_000
    )
    secretary = PickerField(
        "person",
        as_object=True,
        required=False,
        label=_("Secretary"),
        help_text=_("Elected by the committee among its members."),
    )
    deputies = PickerMultipleField(
        "person", as_object=True, required=False, label=_("Deputy secretaries")
    )
    postponement_reason = forms.CharField(
        label=_("Reason for postponement"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the congress is held outside its level's window."),
    )

    GROUPS = (
        ("committee", COMMITTEE_ROWS),
        ("inspection", INSPECTION_ROWS),
        ("delegates", DELEGATE_ROWS),
    )

    def __init__(self, *args, inspection: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = [(g, n) for g, n in self.GROUPS if inspection or g != "inspection"]
        for group, rows in self.groups:
            for i in range(1, rows + 1):
                person = PickerField("person", as_object=True, required=False, label=_("Person"))
                person.bind_request(self.request)
                self.fields[f"{group}_{i}_person"] = person
                self.fields[f"{group}_{i}_share"] = forms.CharField(
                    label=_("Share of votes (%)"),
                    required=False,
                    max_length=12,
                    help_text=SHARE_HELP if i == 1 else "",
                )

    def rows(self, group: str):
        n = dict(self.groups).get(group, 0)
        return [(self[f"{group}_{i}_person"], self[f"{group}_{i}_share"]) for i in range(1, n + 1)]

    def committee_rows(self):
        return self.rows("committee")

    def inspection_rows(self):
        return self.rows("inspection")

    def delegates_rows(self):
        return self.rows("delegates")

    def clean(self):
        data = super().clean()
        for group, n in self.groups:
            chosen = []
            for i in range(1, n + 1):
                person = data.get(f"{group}_{i}_person")
                share = (data.get(f"{group}_{i}_share") or "").strip()
                if person is not None and not share:
                    self.add_error(f"{group}_{i}_share", MSG_SHARE_MISSING)
                elif person is None and share and f"{group}_{i}_person" not in self.errors:
                    self.add_error(f"{group}_{i}_person", MSG_PERSON_MISSING)
                elif person is not None:
                    chosen.append((person, share))
            data[group] = chosen
        return data


class PostponeForm(forms.Form):
    planned_on = forms.DateField(label=_("New planned opening"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason for postponement"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# --- the congress resolution ------------------------------------------------------------------
class CongressResolutionForm(ResolutionForm):
    """The resolutions app's form for a new resolution, the body and the term taken from the
    congress (not asked again) and no adopting conference (the congress adopted it)."""

    body = None
    period = None
    adopted_at = None
