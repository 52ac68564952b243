"""The permission layer's registry of roles and actions, its grant source and its clearance."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from ctct.core import scopes
from ctct.core.scopes import (
    MSG_ACTION_CONFLICT,
    MSG_NO_GRANT_SOURCE,
    MSG_UNKNOWN_ACTION,
    MSG_UNKNOWN_ROLE,
    ROLES,
    Role,
    Scope,
    at_least,
    register_action,
    roles_with,
)

# The role table as it stood when core held it, plus the actions of the areas added since
# (resolutions, ratings, congresses): every app's registration must add up to it.
EXPECTED_ACTIONS = {
    "admin": {
        "view",
        "edit_people",
        "edit_bodies",
        "manage_access",
        "issue_documents",
        "register_documents",
        "record_steps",
        "edit_conferences",
        "publish_news",
        "edit_resolutions",
        "enter_progress",
        "open_rating_rounds",
        "rate",
        "decide_ratings",
        "see_discipline",
        "give_awards",
        "open_congress_rounds",
        "prepare_congress",
        "review_congress",
        "record_discipline",
    },
    "editor": {
        "view",
        "edit_people",
        "edit_bodies",
        "issue_documents",
        "register_documents",
        "record_steps",
        "edit_conferences",
        "publish_news",
        "edit_resolutions",
        "enter_progress",
        "open_rating_rounds",
        "rate",
        "decide_ratings",
        "see_discipline",
        "give_awards",
        "open_congress_rounds",
        "prepare_congress",
        "review_congress",
        "record_discipline",
    },
    "secretary": {
        "view",
        "edit_people",
        "issue_documents",
        "register_documents",
        "record_steps",
        "edit_conferences",
        "edit_resolutions",
        "enter_progress",
        "open_rating_rounds",
        "rate",
        "decide_ratings",
        "see_discipline",
        "give_awards",
        "open_congress_rounds",
        "prepare_congress",
        "review_congress",
    },
    "viewer": {"view"},
}


@pytest.fixture
def registry(monkeypatch):
    """A copy of the registry that a test may change without touching the others."""
    monkeypatch.setattr(scopes, "_ACTION_ROLES", dict(scopes._ACTION_ROLES))
    return scopes._ACTION_ROLES


class TestRoles:
    def test_roles_are_listed_strongest_first(self):
        assert ROLES == ("admin", "editor", "secretary", "viewer")

    def test_accounts_stores_core_roles_with_their_labels(self):
        from ctct.accounts.models import Role as AccountsRole
        from ctct.accounts.models import RoleGrant

        assert AccountsRole is Role
        with translation.override("en"):
            choices = [(v, str(label)) for v, label in RoleGrant._meta.get_field("role").choices]
        assert choices == [
            ("admin", "Administrator"),
            ("editor", "Political officer / editor"),
            ("secretary", "Secretary"),
            ("viewer", "Viewer"),
        ]

    def test_at_least_a_role_means_it_and_every_stronger_one(self):
        assert at_least(Role.SECRETARY) == {"admin", "editor", "secretary"}
        assert at_least("admin") == {"admin"}
        assert at_least(Role.VIEWER) == set(ROLES)

    def test_at_least_an_unknown_role_is_an_error(self):
        with pytest.raises(ValueError, match=MSG_UNKNOWN_ROLE % "chief"):
            at_least("chief")


class TestTheRegistry:
    def test_the_apps_register_exactly_the_grants_of_the_role_table(self):
        assert {role: set(scopes.actions_of(role)) for role in ROLES} == EXPECTED_ACTIONS
        assert scopes.actions() == set().union(*EXPECTED_ACTIONS.values())

    def test_asking_about_an_unknown_action_is_an_error(self):
        with pytest.raises(ValueError) as e:
            Scope(user_id=1, grants=[("0001", "admin")]).allows_path("fly", "0001")
        assert str(e.value) == MSG_UNKNOWN_ACTION % "fly"
        with pytest.raises(ValueError, match="fly"):
            roles_with("fly")

    def test_asking_about_an_unknown_action_is_an_error_even_for_a_superuser(self):
        superuser = Scope(user_id=1, is_superuser=True)
        for ask in (superuser.reaches, superuser.body_q, lambda a: superuser.allows_path(a, "")):
            with pytest.raises(ValueError, match="fly"):
                ask("fly")

    def test_an_app_adds_an_action_for_the_roles_it_names(self, registry):
        register_action("rate_units", at_least(Role.EDITOR))
        scope = Scope(user_id=1, grants=[("0001", "editor"), ("0002", "secretary")])
        assert scope.paths("rate_units") == ["0001"]
        assert "rate_units" in scopes.actions()

    def test_registering_an_action_again_with_the_same_roles_changes_nothing(self, registry):
        register_action("edit_bodies", {Role.EDITOR, Role.ADMIN})
        assert roles_with("edit_bodies") == {"admin", "editor"}

    def test_registering_an_action_again_with_other_roles_is_an_error(self, registry):
        with pytest.raises(ValueError) as e:
            register_action("edit_bodies", {Role.SECRETARY})
        assert str(e.value) == MSG_ACTION_CONFLICT % "edit_bodies"
        assert roles_with("edit_bodies") == {"admin", "editor"}

    def test_registering_an_action_for_an_unknown_role_is_an_error(self, registry):
        with pytest.raises(ValueError) as e:
            register_action("rate_units", {"chief"})
        assert str(e.value) == MSG_UNKNOWN_ROLE % "chief"
        assert "rate_units" not in scopes.actions()

    def test_a_grant_of_a_role_no_longer_known_allows_nothing(self):
        scope = Scope(user_id=1, grants=[("0001", "retired")])
        assert not scope.allows_path("view", "0001")
        assert scope.role_on(type("B", (), {"path": "0001"})()) is None


@pytest.mark.django_db
class TestTheGrantSource:
    def test_a_users_scope_holds_the_grants_accounts_hands_over(self, org, users):
        scope = Scope.for_user(users.officer)
        assert scope.grants == [(org.region.path, "editor")]
        assert scope.role_on(org.cell) == "editor"

    def test_without_a_grant_source_a_scope_cannot_be_built(self, users, monkeypatch):
        monkeypatch.setattr(scopes, "_grant_source", None)
        with pytest.raises(RuntimeError) as e:
            Scope.for_user(users.officer)
        assert str(e.value) == MSG_NO_GRANT_SOURCE

    def test_an_anonymous_user_needs_no_grant_source(self, monkeypatch):
        from django.contrib.auth.models import AnonymousUser

        monkeypatch.setattr(scopes, "_grant_source", None)
        scope = Scope.for_user(AnonymousUser())
        assert scope.is_empty and scope.clearance == 0


class TestClearance:
    def test_a_scope_clears_levels_up_to_the_users_clearance(self):
        scope = Scope(user_id=1, clearance=1)
        assert scope.clears(0) and scope.clears(1)
        assert not scope.clears(2)

    def test_a_scope_without_clearance_clears_only_normal_documents(self):
        scope = Scope(user_id=None)
        assert scope.clears(0) and not scope.clears(1)

    @pytest.mark.django_db
    def test_a_users_scope_carries_the_users_clearance(self, users):
        assert Scope.for_user(users.officer).clearance == 0
        users.officer.clearance = 2
        users.officer.save()
        assert Scope.for_user(users.officer).clearance == 2

    @pytest.mark.django_db
    def test_within_clearance_keeps_the_rows_the_user_is_cleared_for(self, org):
        from ctct.documents.models import Document, Recipient
        from ctct.documents.services import distribution_create, document_issue

        docs = {
            level: document_issue(
                issuer=org.region,
                type_code="CT",
                issued_on=dt.date(2025, 9, 1),
                title=f"level {level}",
                security_level=level,
            )
            for level in (0, 1, 2, 3)
        }
        for doc in docs.values():
            distribution_create(document=doc, bodies=[org.cell])
        scope = Scope(user_id=1, clearance=1)
        assert set(scope.within_clearance(Document.objects.all())) == {docs[0], docs[1]}
        recipients = scope.within_clearance(Recipient.objects.all(), "document__security_level")
        assert {r.document for r in recipients} == {docs[0], docs[1]}
