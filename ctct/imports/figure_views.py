"""The figures of an imported report that look like results, on the report's page, each with
a small form that makes it a progress entry of a target (``figures.figure_enter_progress``).

Only a report already applied, with its conference, offers them; only a user who may enter
progress at the body that held the conference gets the forms (others see the list). The
target is chosen with the ``target`` picker, limited to the targets held by or handed to the
bodies of that body's branch that the user may enter progress for. A refusal is shown on the
figure's form, on a page of its own, with what was typed kept.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ctct.core.forms import (
    DateInput,
    already_submitted,
    apply_validation_error,
    form_token,
    new_form_token,
    submit_once,
)
from ctct.core.pickers import PickerField, PickerFormMixin
from ctct.imports.figures import ResultFigure, entries_made, figure_enter_progress, result_figures
from ctct.imports.models import ImportItem, ItemStatus
from ctct.imports.views import get_item_for
from ctct.resolutions.forms import VALUE_FITS, VALUE_HELP


class FigureProgressForm(PickerFormMixin, forms.Form):
    target = PickerField(
        "target",
        action="enter_progress",
        as_object=True,
        label=gettext_lazy("Target"),
        help_text=gettext_lazy("A target the body that held the conference holds or was handed."),
    )
    value = forms.CharField(
        label=gettext_lazy("Value"), max_length=40, help_text=VALUE_HELP, validators=[VALUE_FITS]
    )
    on = forms.DateField(
        label=gettext_lazy("As of"),
        widget=DateInput(),
        error_messages={"invalid": gettext_lazy("Enter a real date (day/month/year).")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, conference=None, **kwargs):
        super().__init__(*args, **kwargs)
        if conference is not None:
            self.fields["target"].limit_to_branch(conference.body_id)


def _prefix(figure: ResultFigure) -> str:
    return f"fig{figure.index}"


def _form(request, item: ImportItem, figure: ResultFigure, data=None) -> FigureProgressForm:
    return FigureProgressForm(
        data,
        prefix=_prefix(figure),
        initial={"value": figure.typed, "on": item.conference.held_on, "note": figure.sentence},
        request=request,
        conference=item.conference,
    )


def _may_enter(request, item: ImportItem) -> bool:
    return item.conference is not None and request.scope.allows(
        "enter_progress", item.conference.body
    )


def figure_context(request, item: ImportItem) -> dict:
    """The report page's list of result figures: each with the entry already made from it,
    or a form for a user who may enter progress at the conference's body."""
    if item.status != ItemStatus.APPLIED or item.conference is None:
        return {}
    figures = result_figures(item)
    if not figures:
        return {}
    may = _may_enter(request, item)
    made = entries_made(figures)
    rows = []
    for f in figures:
        entry = made.get(f.token)
        rows.append(
            {
                "figure": f,
                "entry": entry,
                "form": _form(request, item, f) if may and entry is None else None,
                "form_token": new_form_token(),
            }
        )
    return {"result_figures": rows, "may_enter_progress": may}


@login_required
@require_http_methods(["GET", "POST"])
def figure_progress(request: HttpRequest, item_pk: int, index: int) -> HttpResponse:
    """One figure's form: GET shows it alone, POST makes the entry (or shows the refusal)."""
    item = get_item_for(request, item_pk)
    if item.status != ItemStatus.APPLIED or item.conference is None:
        raise Http404("The report is not imported yet")
    figure = next((f for f in result_figures(item) if f.index == index), None)
    if figure is None:
        raise Http404("No such figure")
    if not _may_enter(request, item):
        raise PermissionDenied(
            _("You may not enter progress for %(body)s.") % {"body": item.conference.body.name}
        )
    form = _form(request, item, figure, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if dup := already_submitted(request):
            return dup
        status = 400
        if form.is_valid():
            data = form.cleaned_data

            def save():
                entry = figure_enter_progress(
                    item=item,
                    index=figure.index,
                    target=data["target"],
                    value=data["value"],
                    on=data["on"],
                    note=data["note"].strip() or None,
                    user=request.user,
                )
                return (
                    _("Progress entered for “%(target)s”.") % {"target": entry.target.title},
                    reverse("imports:item", args=[item.pk]) + "#figures",
                )

            try:
                if done := submit_once(request, save):
                    return done
            except ValidationError as e:
                apply_validation_error(form, e)
    ctx = {
        "item": item,
        "batch": item.batch,
        "figure": figure,
        "form": form,
        "form_token": form_token(request),
        "entry": entries_made([figure]).get(figure.token),
    }
    return render(request, "imports/figure_form.html", ctx, status=status)
