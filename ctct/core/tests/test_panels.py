"""The panel registry: higher apps add sections to a lower app's page, in order, hidden when
they have nothing for the user, each name once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import engines
from django.test import RequestFactory

from ctct.core import panels

PANEL_TEMPLATES = {
    "test/_leaders.html": "<section>Lãnh đạo của {{ obj }}: {{ names }}</section>",
    "test/_history.html": "<section>Lịch sử</section>",
    "test/_form.html": "<form>{% csrf_token %}</form>",
}


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test; the apps' own panels are back afterwards."""
    monkeypatch.setattr(panels, "_PANELS", {})
    return panels


@pytest.fixture
def panel_templates(settings):
    """The test's panel templates beside the apps' templates."""
    options = {k: v for k, v in settings.TEMPLATES[0]["OPTIONS"].items() if k != "loaders"}
    options["loaders"] = [
        ("django.template.loaders.locmem.Loader", PANEL_TEMPLATES),
        "django.template.loaders.app_directories.Loader",
    ]
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "APP_DIRS": False, "OPTIONS": options}]


def render(source: str, **context) -> str:
    request = RequestFactory().get("/")
    return engines["django"].from_string(source).render(context, request)


def shows(request, obj):
    return {}


def hides(request, obj):
    return None


class TestRegister:
    def test_panels_come_in_order_then_by_name(self, registry):
        registry.register("body", name="tasks", order=20, template="t.html", context=shows)
        registry.register("body", name="leaders", order=10, template="t.html", context=shows)
        registry.register("body", name="awards", order=20, template="t.html", context=shows)
        assert [p.name for p in registry.panels_for("body")] == ["leaders", "awards", "tasks"]

    def test_a_page_without_panels_has_none(self, registry):
        assert registry.panels_for("person") == []

    def test_a_panel_whose_context_is_none_is_hidden(self, registry):
        registry.register("body", name="access", order=10, template="t.html", context=hides)
        registry.register("body", name="leaders", order=20, template="t.html", context=shows)
        shown = registry.shown("body", RequestFactory().get("/"), None)
        assert [p.name for p, _ in shown] == ["leaders"]

    def test_a_name_is_registered_once_per_page(self, registry):
        registry.register("body", name="leaders", order=10, template="t.html", context=shows)
        with pytest.raises(ImproperlyConfigured) as e:
            registry.register("body", name="leaders", order=20, template="u.html", context=shows)
        assert str(e.value) == panels.MSG_DUPLICATE % {"page": "body", "name": "leaders"}

    def test_the_same_name_may_serve_two_pages(self, registry):
        registry.register("body", name="history", order=10, template="t.html", context=shows)
        registry.register("person", name="history", order=10, template="t.html", context=shows)
        assert [p.page for p in registry.panels_for("person")] == ["person"]

    def test_an_unknown_page_is_refused(self, registry):
        with pytest.raises(ImproperlyConfigured) as e:
            registry.register("bodies", name="leaders", order=10, template="t.html", context=shows)
        assert str(e.value) == panels.MSG_UNKNOWN_PAGE % {"page": "bodies", "name": "leaders"}


class TestTag:
    def test_it_renders_the_shown_panels_in_order_with_their_context(
        self, registry, panel_templates
    ):
        def leaders(request, obj):
            return {"names": "Bùi Hữu Ba"}

        registry.register(
            "body", name="history", order=20, template="test/_history.html", context=shows
        )
        registry.register(
            "body", name="leaders", order=10, template="test/_leaders.html", context=leaders
        )
        registry.register("body", name="access", order=5, template="test/_form.html", context=hides)
        html = render('{% load panels %}{% panels "body" body %}', body="Lữ đoàn 657")
        assert html == (
            "<section>Lãnh đạo của Lữ đoàn 657: Bùi Hữu Ba</section>\n<section>Lịch sử</section>"
        )

    def test_it_renders_nothing_for_a_page_without_panels(self, registry, panel_templates):
        assert render('{% load panels %}[{% panels "person" person %}]', person="An") == "[]"

    def test_a_panel_form_gets_the_pages_csrf_token(self, registry, panel_templates):
        registry.register("home", name="form", order=10, template="test/_form.html", context=shows)
        html = render('{% load panels %}{% panels "home" %}')
        assert 'name="csrfmiddlewaretoken"' in html

    def test_a_panel_does_not_see_the_pages_other_variables(self, registry, panel_templates):
        registry.register(
            "body", name="leaders", order=10, template="test/_leaders.html", context=shows
        )
        html = render('{% load panels %}{% panels "body" body %}', body="Lữ đoàn", names="lộ")
        assert html == "<section>Lãnh đạo của Lữ đoàn: </section>"


def test_the_apps_register_the_sections_of_a_bodys_page():
    """What the body's page showed before the panels, now registered by the apps that own it."""
    assert [(p.name, p.template) for p in panels.panels_for("body.actions")] == [
        ("add_member", "people/_body_add_member.html"),
        ("documents", "documents/_body_actions.html"),
        ("access", "accounts/_body_access.html"),
        ("awards", "ratings/awards/_body_action.html"),
    ]
    assert [p.name for p in panels.panels_for("body.meta")] == ["role"]
    assert [p.name for p in panels.panels_for("body.cards")] == ["leaders"]
    assert [p.name for p in panels.panels_for("body")] == [
        "conferences",
        "resolutions",
        "congresses",
        "rating_results",
        "ratings",
    ]
    assert [p.name for p in panels.panels_for("home")] == ["bodies", "resolutions"]
    assert [p.name for p in panels.panels_for("conference")] == [
        "imported_from",
        "awards",
        "resolutions",
    ]
    assert [p.name for p in panels.panels_for("person")] == ["awards", "ratings"]
