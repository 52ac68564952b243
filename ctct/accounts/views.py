"""Access pages: who holds which role on a body's subtree, for its administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ctct.accounts import services
from ctct.accounts.forms import GrantForm
from ctct.accounts.models import RoleGrant, User
from ctct.bodies.access import get_body_for
from ctct.bodies.models import Body
from ctct.core.forms import already_submitted, apply_validation_error, form_token, submit_once
from ctct.people.selectors import people_in_scope


@login_required
@require_http_methods(["GET", "POST"])
def access(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_body_for(request, body_pk, "manage_access")
    if request.method == "POST" and (dup := already_submitted(request)):
        return dup
    form = GrantForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = body
        if data["body"]:
            target = Body.objects.filter(pk=data["body"]).first()
            if target is None or not request.scope.allows("manage_access", target):
                form.add_error("body", _("No such body in your scope."))
        person = None
        if data["person"]:
            person = people_in_scope(request.scope, "edit_people").filter(pk=data["person"]).first()
            if person is None:
                form.add_error("person", _("No such person in your scope."))
        if not form.errors:

            def save():
                if data["password"]:
                    user = services.user_create(
                        username=data["username"], password=data["password"], person=person
                    )
                else:
                    user = User.objects.filter(username__iexact=data["username"].strip()).first()
                    if user is None:
                        raise ValidationError(
                            _("No user “%(username)s”; give a password to create the login."),
                            params={"username": data["username"]},
                        )
                services.role_grant(
                    user=user, body=target, role=data["role"], granted_by=request.user
                )
                message = _("%(user)s is now %(role)s of %(body)s.") % {
                    "user": user.username,
                    "role": dict(form.fields["role"].choices)[data["role"]],
                    "body": target.name,
                }
                return message, request.path

            try:
                if done := submit_once(request, save):
                    return done
            except ValidationError as e:
                apply_validation_error(form, e)
    grants = list(services.grants_in(request.scope, body)[:500])
    return render(
        request,
        "accounts/access.html",
        {"body": body, "grants": grants, "form": form, "form_token": form_token(request)},
    )


@login_required
@require_POST
def revoke(request: HttpRequest, grant_pk: int) -> HttpResponse:
    grant = get_object_or_404(RoleGrant.objects.select_related("body", "user"), pk=grant_pk)
    if not request.scope.allows("manage_access", grant.body):
        raise Http404("No such role in your scope")
    back = request.POST.get("back_body")
    try:
        services.role_revoke(grant=grant, revoked_by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Role revoked."))
    body_pk = int(back) if back and back.isdigit() else grant.body_id
    return redirect("accounts:access", body_pk=body_pk)
