"""Follow every link a demo user can reach: no page fails, and no page links to one the user
may not open (a dead link is a leak of a name at best and a broken workflow at worst)."""

from __future__ import annotations

import re
from collections import deque

import pytest
from django.core.management import call_command
from django.test import Client

from ctct.accounts.models import User

SKIP = ("/static/", "/media/", "/accounts/logout", "/admin/", "/i18n/")
LINK = re.compile(r'href="(/[^"#]*)"')


@pytest.fixture
def demo(db):
    call_command("demo_data", bodies=300, seed=11, verbosity=0)


@pytest.mark.slow
@pytest.mark.parametrize("username", ["chinhtri", "chihuy", "bithu", "tinhuy"])
def test_every_link_a_user_reaches_opens(demo, username):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    seen: set[str] = set()
    queue = deque([("/", "")])
    problems = []
    while queue and len(seen) < 150:
        url, referrer = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url)
        if r.status_code >= 400:
            problems.append((url, r.status_code, referrer))
            continue
        if r.status_code != 200 or "text/html" not in r.get("Content-Type", ""):
            continue
        for href in LINK.findall(r.content.decode()):
            href = href.replace("&amp;", "&")
            if not href.startswith(SKIP) and href not in seen:
                queue.append((href, url))
    assert len(seen) > 10
    assert problems == []
