"""Who may write what in the registry: every write asks the scope for an action on a body."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ctct.core.pickers import MSG_OUT_OF_SCOPE
from ctct.core.scopes import Scope
from ctct.documents import services
from ctct.documents.models import Document
from ctct.documents.selectors import documents_visible
from ctct.documents.views import MSG_CHOOSE_REGISTER, MSG_NAME_ISSUER

EXTERNAL = {"citation": "Chỉ thị số 35-CT/TW", "issuer_name": "Bộ Chính trị", "security_level": 0}


def _visible_to(user) -> set[int]:
    return set(documents_visible(Scope.for_user(user)).values_list("pk", flat=True))


class TestTheRoleTable:
    def test_a_secretary_issues_and_registers_for_the_cell_only(self, org, users):
        scope = Scope.for_user(users.secretary)
        for action in ("issue_documents", "register_documents", "record_steps"):
            assert scope.allows(action, org.cell)
            assert not scope.allows(action, org.brigade)
            assert not scope.allows(action, org.other_cell)

    def test_a_viewer_may_only_view(self, org, users):
        scope = Scope.for_user(users.viewer)
        assert scope.allows("view", org.cell)
        assert not scope.reaches("issue_documents")
        assert not scope.reaches("register_documents")
        assert not scope.reaches("record_steps")


class TestRegistering:
    def test_a_viewer_cannot_register_an_external_document(self, org, users, client):
        client.force_login(users.viewer)
        assert client.get(reverse("documents:register")).status_code == 404
        r = client.post(reverse("documents:register"), {**EXTERNAL, "issuer": ""})
        assert r.status_code == 404
        assert not Document.objects.exists()

    def test_a_viewer_is_not_offered_the_register_or_issue_buttons(self, org, users, client):
        client.force_login(users.viewer)
        html = client.get(reverse("documents:index")).content.decode()
        assert reverse("documents:register") not in html
        assert reverse("documents:issue") not in html
        assert client.get(reverse("documents:issue")).status_code == 404

    def test_a_secretary_is_offered_both_buttons(self, org, users, client):
        client.force_login(users.secretary)
        html = client.get(reverse("documents:index")).content.decode()
        assert reverse("documents:register") in html and reverse("documents:issue") in html

    def test_a_secretary_registers_an_external_document_in_the_cells_register(
        self, org, users, client
    ):
        client.force_login(users.secretary)
        r = client.post(reverse("documents:register"), {**EXTERNAL, "issuer": ""})
        doc = Document.objects.get()
        assert r.status_code == 302 and r["Location"] == doc.get_absolute_url()
        assert doc.issuer is None and doc.registered_in == org.cell
        assert doc.issuer_name == "Bộ Chính trị" and doc.created_by == users.secretary

    def test_a_cell_register_is_seen_by_the_cell_and_its_superiors_not_by_siblings(
        self, org, users
    ):
        from ctct.accounts.tests.factories import make_user

        doc = services.document_register(**EXTERNAL, registered_in=org.cell)
        sibling = make_user(role="secretary", on=org.other_cell)
        assert doc.pk in _visible_to(users.secretary)
        assert doc.pk in _visible_to(users.viewer)  # the brigade, above the cell
        assert doc.pk in _visible_to(users.officer)  # the region
        assert doc.pk not in _visible_to(sibling)
        assert doc.pk not in _visible_to(users.provincial)

    def test_a_superiors_register_is_seen_below_it(self, org, users):
        doc = services.document_register(**EXTERNAL, registered_in=org.region)
        assert doc.pk in _visible_to(users.secretary)
        assert doc.pk not in _visible_to(users.provincial)

    def test_a_sibling_may_register_the_same_document_for_itself(self, org):
        services.document_register(**EXTERNAL, registered_in=org.cell)
        services.document_register(**EXTERNAL, registered_in=org.other_cell)
        assert Document.objects.count() == 2

    def test_a_document_in_a_superiors_register_is_not_registered_twice(self, org):
        from django.core.exceptions import ValidationError

        services.document_register(**EXTERNAL, registered_in=org.brigade)
        with pytest.raises(ValidationError):
            services.document_register(**EXTERNAL, registered_in=org.cell)

    def test_registering_in_a_body_outside_the_scope_is_a_form_error(self, org, users, client):
        client.force_login(users.secretary)
        r = client.post(
            reverse("documents:register"),
            {**EXTERNAL, "issuer": "", "registered_in": org.other_cell.pk},
        )
        assert r.status_code == 200 and str(MSG_OUT_OF_SCOPE) in r.content.decode()
        assert not Document.objects.exists()

    def test_a_user_with_several_bodies_chooses_the_register(self, org, users, client):
        client.force_login(users.superuser)
        r = client.post(reverse("documents:register"), {**EXTERNAL, "issuer": ""})
        assert r.status_code == 200 and str(MSG_CHOOSE_REGISTER) in r.content.decode()
        assert not Document.objects.exists()

    @pytest.mark.parametrize("issuer", ["province", "missing"])
    def test_an_issuer_outside_the_scope_or_missing_is_a_form_error_not_a_crash(
        self, org, users, client, issuer
    ):
        client.force_login(users.officer)
        pk = org.province.pk if issuer == "province" else 999999
        r = client.post(
            reverse("documents:register"),
            {"citation": "Nghị quyết số 12-NQ/TU", "issuer": pk, "security_level": 0},
        )
        html = r.content.decode()
        assert r.status_code == 200 and str(MSG_OUT_OF_SCOPE) in html
        assert "Tỉnh ủy Tây Sơn" not in html
        assert not Document.objects.exists()

    def test_an_issuer_outside_the_scope_with_a_typed_name_is_a_form_error(
        self, org, users, client
    ):
        client.force_login(users.officer)
        r = client.post(reverse("documents:register"), {**EXTERNAL, "issuer": org.province.pk})
        assert r.status_code == 200 and not Document.objects.exists()

    def test_an_external_document_needs_its_issuers_name(self, org, users, client):
        client.force_login(users.secretary)
        r = client.post(reverse("documents:register"), {**EXTERNAL, "issuer_name": ""})
        assert r.status_code == 200 and str(MSG_NAME_ISSUER) in r.content.decode()
        assert not Document.objects.exists()

    def test_a_secretary_registers_an_old_document_of_the_cell(self, org, users, client):
        client.force_login(users.secretary)
        r = client.post(
            reverse("documents:register"),
            {"citation": "Kế hoạch số 12-KH/CB", "issuer": org.cell.pk, "security_level": 0},
        )
        assert r.status_code == 302
        assert Document.objects.get().issuer == org.cell


class TestOtherWrites:
    def test_a_secretary_issues_in_the_cells_name_but_not_the_brigades(self, org, users, client):
        client.force_login(users.secretary)
        data = {
            "style": "party",
            "type_code": "KH",
            "issued_on": "2025-09-20",
            "title": "Kế hoạch thực hiện",
            "security_level": 0,
        }
        assert (
            client.post(reverse("documents:issue"), {**data, "issuer": org.brigade.pk}).status_code
            == 200
        )
        assert not Document.objects.exists()
        r = client.post(reverse("documents:issue"), {**data, "issuer": org.cell.pk})
        assert r.status_code == 302
        assert Document.objects.get().number_display == "01-KH/CB"

    def test_links_and_attachments_of_an_external_document_belong_to_its_register(
        self, org, users, client
    ):
        ct35 = services.document_register(**EXTERNAL, registered_in=org.cell)
        plan = services.document_register(citation="Kế hoạch số 3-KH/CB", issuer=org.cell)
        client.force_login(users.viewer)  # sees it (the brigade is above), may not change it
        url = reverse("documents:relation_add", args=[ct35.pk])
        assert client.post(url, {"kind": "guides", "target": "3-KH/CB"}).status_code == 404
        assert not ct35.relations_up.exists()
        client.force_login(users.secretary)
        html = client.get(ct35.get_absolute_url()).content.decode()
        assert url in html
        assert client.post(url, {"kind": "guides", "target": "3-KH/CB"}).status_code == 302
        assert ct35.relations_up.get().target == plan

    def test_a_secretary_cannot_address_a_superiors_directive(self, org, users, client):
        doc = services.document_issue(
            issuer=org.brigade, type_code="CT", issued_on=services.timezone.localdate(), title="x"
        )
        client.force_login(users.secretary)
        url = reverse("documents:distribute", args=[doc.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"bodies": str(org.cell.pk)}).status_code == 404
        assert client.get(reverse("documents:deadlines", args=[doc.pk])).status_code == 404
