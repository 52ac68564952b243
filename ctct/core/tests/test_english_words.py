"""The pages read in Vietnamese: no English word of the code (a relation kind, a history
reason, a choice's stored value) leaks to a user of any role."""

from __future__ import annotations

import re
from collections import deque

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from lxml import html

from ctct.accounts.models import User
from ctct.bodies.models import Body
from ctct.conferences.models import Conference
from ctct.core.tests.catalogs import compile_waiting
from ctct.documents.models import Document

# Words and phrases the code stores or labels in English, which a page must translate.
LEAKS = [
    "demo data",
    "implements",
    "concretizes",
    "guides",
    "replaces",
    "amends",
    "moved under",
    "merged into",
    "addressed",
    "created",
    "changed",
    "deleted",
    "None",
    "True",
    "False",
    "Party committee",
    "Party cell",
    "Political agency",
    "Standing committee",
    "party_committee",
    "political_agency",
    "quan_triet",
    "so_ket",
    "not applicable",
    "received",
    "disseminated",
    "concretized",
    "reported",
    "draft",
    "issued",
]
LEAK = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in LEAKS) + r")(?![\w-])")
SKIP = ("/static/", "/media/", "/accounts/logout", "/admin/", "/i18n/", "/healthz")
LINK = re.compile(r'href="(/[^"#]*)"')
PAGES_PER_USER = 60


@pytest.fixture
def demo(db, tmp_path, settings):
    settings.LOCALE_PATHS = [compile_waiting(tmp_path / "locale"), *settings.LOCALE_PATHS]
    call_command("demo_data", bodies=300, seed=7, verbosity=0)


def visible_text(page: str) -> str:
    """What a reader sees: the text and the labels of controls, not scripts or values."""
    tree = html.fromstring(page)
    for node in tree.xpath("//script|//style"):
        node.drop_tree()
    labels = tree.xpath("//@placeholder|//@title|//@aria-label|//@alt")
    return " ".join([tree.text_content(), *labels])


def leaks_seen_by(user: User, seeds: list[str]) -> dict[str, set[str]]:
    """Each leaked word and the pages it was on: the seeds, then what links reach from "/"."""
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    found: dict[str, set[str]] = {}
    seen: set[str] = set()
    queue = deque([*seeds, "/"])
    while queue and len(seen) < PAGES_PER_USER + len(seeds):
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = response.content.decode()
        for word in LEAK.findall(visible_text(page)):
            found.setdefault(word, set()).add(url)
        queue.extend(
            href.replace("&amp;", "&")
            for href in LINK.findall(page)
            if not href.startswith(SKIP) and href not in seen
        )
    return found


def test_the_leak_list_catches_an_english_word():
    assert LEAK.findall(visible_text("<p>Đã tạo · demo data · <b>concretizes</b></p>")) == [
        "demo data",
        "concretizes",
    ]
    assert LEAK.findall(visible_text('<p>cụ thể hóa <script>var a = "guides";</script></p>')) == []


@pytest.mark.slow
@pytest.mark.parametrize("username", ["admin", "chinhtri", "chihuy", "bithu", "tinhuy"])
def test_pages_in_vietnamese_show_no_english_words(demo, username):
    user = User.objects.get(username=username)
    # The pages where English used to leak come first: a body's history, the documents'
    # relations, the conferences and their news drafts.
    seeds = [b.get_absolute_url() for b in Body.objects.filter(depth__lte=2).order_by("path")]
    seeds += [d.get_absolute_url() for d in Document.objects.order_by("id")]
    for conf in Conference.objects.order_by("id"):
        seeds += [conf.get_absolute_url(), f"{conf.get_absolute_url()}news/"]
    with override_settings(LANGUAGE_CODE="vi"):
        assert leaks_seen_by(user, seeds) == {}


# Fields that come from django-treebeard's MP_Node, which labels them itself.
TREE_FIELDS = {"path", "depth", "numchild"}


@pytest.mark.parametrize("app", ["accounts", "bodies", "people"])
def test_every_label_of_the_models_is_translatable(app):
    """Model names, field labels and choices go through gettext: the admin and the forms
    built from the models show them in Vietnamese."""
    from django.apps import apps
    from django.utils.functional import Promise

    plain = []
    for model in apps.get_app_config(app).get_models():
        if model.__name__.startswith("Historical"):
            continue
        if not isinstance(model._meta.verbose_name, Promise):
            plain.append(model.__name__)
        for f in model._meta.get_fields():
            if not f.concrete or f.auto_created or f.name in TREE_FIELDS:
                continue
            if not isinstance(f.verbose_name, Promise):
                plain.append(f"{model.__name__}.{f.name}")
            plain += [
                f"{model.__name__}.{f.name}: {label}"
                for _value, label in f.choices or ()
                if not isinstance(label, Promise)
            ]
    assert plain == []
