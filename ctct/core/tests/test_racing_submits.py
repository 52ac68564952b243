"""Five POSTs of one rendered form sent at the same moment create one record.

A real server (``ctct runserver``, threaded, in its own process) on the test database: on
PostgreSQL the test database itself, on SQLite a file copy of it (WAL, busy timeout, as in
production), copied back when the server stops. Each create form is fetched once, then five
threads post it together behind a barrier.
"""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

pytestmark = pytest.mark.slow

RACERS = 5
ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url(sqlite_file: Path | None) -> str:
    if sqlite_file is not None:
        return f"sqlite:///{sqlite_file}"
    s = connection.settings_dict
    auth = urllib.parse.quote(s["USER"] or "")
    if s["PASSWORD"]:
        auth += ":" + urllib.parse.quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@contextmanager
def running_server(tmp_path: Path):
    """A threaded server process on the test database; yields its base URL."""
    sqlite_file = None
    if connection.vendor == "sqlite":
        sqlite_file = tmp_path / "race.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(sqlite_file) as copy:
            connection.connection.backup(copy)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(sqlite_file),
        "CTCT_VAR_DIR": str(tmp_path / "var"),
        "CTCT_MEDIA_ROOT": str(tmp_path / "media"),
        "CTCT_IMPORT_DIR": str(tmp_path / "imports"),
        "CTCT_DB_CONN_MAX_AGE": "0",
        "CTCT_SECRET_KEY": settings.SECRET_KEY,  # the session's signature
    }
    log = tmp_path / "server.log"  # a file, not a pipe: a full pipe would stall the server
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(log.read_text()) from None
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        if sqlite_file is not None:
            connection.close()
            connection.ensure_connection()
            with sqlite3.connect(sqlite_file) as copy:
                copy.backup(connection.connection)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Browser:
    """One logged-in user: a session cookie and the CSRF cookie the pages set."""

    base: str
    session: str
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def _opener(self):
        return urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def get(self, path: str) -> str:
        request = urllib.request.Request(self.base + path)
        request.add_header("Cookie", f"sessionid={self.session}")
        with self._opener().open(request, timeout=60) as r:
            return r.read().decode()

    def post(self, path: str, body: bytes, content_type: str) -> tuple[int, str]:
        csrf = next(c.value for c in self.jar if c.name == "csrftoken")
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        request.add_header("Cookie", f"sessionid={self.session}; csrftoken={csrf}")
        request.add_header("Content-Type", content_type)
        try:
            with self._opener().open(request, timeout=120) as r:
                return r.status, r.headers.get("Location", "")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Location", "")


def _hidden(html: str, action: str, name: str) -> str:
    """The value of hidden input ``name`` in the form posting to ``action``."""
    start = 0
    for m in re.finditer(r"<form\b[^>]*>", html):
        if f'action="{action}"' in m.group(0) or 'action="' not in m.group(0):
            start = m.end()
            if f'action="{action}"' in m.group(0):
                break
    value = re.search(rf'name="{name}" value="([^"]+)"', html[start:])
    assert value, f"no {name} in the form posting to {action}"
    return value.group(1)


def race(browser: Browser, page: str, action: str, data: dict) -> list[tuple[int, str]]:
    """Fetch ``page``, then post its form to ``action`` RACERS times at once."""
    html = browser.get(page)
    data = {
        **data,
        "csrfmiddlewaretoken": _hidden(html, action, "csrfmiddlewaretoken"),
        "form_token": _hidden(html, action, "form_token"),
    }
    if any(hasattr(v, "read") for v in data.values()):
        files = {k: (v.name, v.read()) for k, v in data.items() if hasattr(v, "read")}
        body = encode_multipart(BOUNDARY, {k: v for k, v in data.items() if k not in files})
        body = body[: -len(f"--{BOUNDARY}--\r\n")]
        for k, (name, content) in files.items():
            body += (
                (
                    f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
                    "Content-Type: application/octet-stream\r\n\r\n"
                ).encode()
                + content
                + b"\r\n"
            )
        body += f"--{BOUNDARY}--\r\n".encode()
        content_type = MULTIPART_CONTENT
    else:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        content_type = "application/x-www-form-urlencoded"
    barrier = threading.Barrier(RACERS)
    results: list[tuple[int, str]] = [(0, "")] * RACERS

    def run(i):
        barrier.wait()
        results[i] = browser.post(action, body, content_type)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(RACERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@dataclass
class Upload:
    name: str
    content: bytes

    def read(self) -> bytes:
        return self.content


def _forms(org, conf, doc):
    """(what, page, action, data, how to count) of every form that creates something."""
    from ctct.accounts.models import RoleGrant
    from ctct.bodies.models import Body
    from ctct.conferences.models import Conclusion, Conference, Participant, Photo
    from ctct.conferences.tests.images import png_bytes
    from ctct.documents.models import Attachment, Distribution, Document, DocumentRelation
    from ctct.imports.models import ImportBatch
    from ctct.people.models import Person, Position, RankRecord
    from ctct.ratings.models import Award

    region, brigade, cell = org.region.pk, org.brigade.pk, org.cell.pk
    detail = f"/conferences/{conf.pk}/"
    person = f"/people/{org.cell_member.pk}/"
    today = dt.date.today().isoformat()
    return [
        (
            "document issued",
            "/documents/issue/",
            "/documents/issue/",
            {
                "issuer": region,
                "style": "party",
                "type_code": "CT",
                "issued_on": today,
                "title": "Về đua",
                "security_level": "0",
            },
            lambda: Document.objects.filter(title="Về đua").count(),
        ),
        (
            "document registered",
            "/documents/register/",
            "/documents/register/",
            {
                "citation": "77-CT/TW",
                "issuer_name": "Ban Bí thư",
                "registered_in": region,
                "issued_on": "2025-01-02",
                "title": "Đăng ký",
                "security_level": "0",
            },
            lambda: Document.objects.filter(title="Đăng ký").count(),
        ),
        (
            "document addressed",
            f"/documents/{doc.pk}/distribute/",
            f"/documents/{doc.pk}/distribute/",
            # Already confirmed: one body, named, no depth (the key the confirmation shows).
            {"bodies": str(cell), "depth": "", "note": "đua", "confirm": f"1:::{cell}"},
            lambda: Distribution.objects.filter(document=doc, note="đua").count(),
        ),
        (
            "document attachment",
            f"/documents/{doc.pk}/",
            f"/documents/{doc.pk}/attachments/",
            {"file": Upload("dua.txt", b"noi dung")},
            lambda: Attachment.objects.filter(document=doc).count(),
        ),
        (
            "document relation",
            f"/documents/{doc.pk}/",
            f"/documents/{doc.pk}/relations/",
            {"kind": "implements", "target": "77-CT/TW"},
            lambda: DocumentRelation.objects.filter(source=doc).count(),
        ),
        (
            "body",
            f"/bodies/{brigade}/new/",
            f"/bodies/{brigade}/new/",
            {"name": "Chi bộ Đại đội 9", "kind": "cell", "unit_name": "Đại đội 9", "symbol": "CB"},
            lambda: Body.objects.filter(name="Chi bộ Đại đội 9").count(),
        ),
        (
            "person",
            f"/people/new/in/{cell}/",
            f"/people/new/in/{cell}/",
            {"full_name": "Đào Văn Đua", "rank": "Hạ sĩ", "rank_conferred_on": "2024-01-01"},
            lambda: Person.objects.filter(full_name="Đào Văn Đua").count(),
        ),
        (
            "position",
            f"{person}positions/new/",
            f"{person}positions/new/",
            {"title": "Phó Bí thư", "body": cell, "started_on": "2024-02-01"},
            lambda: Position.objects.filter(title="Phó Bí thư", person=org.cell_member).count(),
        ),
        (
            "rank",
            f"{person}ranks/new/",
            f"{person}ranks/new/",
            {"rank": "Thượng úy", "conferred_on": "2025-01-01"},
            lambda: RankRecord.objects.filter(person=org.cell_member, rank="Thượng úy").count(),
        ),
        (
            "conference",
            f"/conferences/bodies/{brigade}/new/",
            f"/conferences/bodies/{brigade}/new/",
            {"kind": "so_ket", "title": "Đua", "held_on": "2025-06-21", "period": "2025-H1"},
            lambda: Conference.objects.filter(title="Đua").count(),
        ),
        (
            "participant",
            detail,
            f"{detail}participants/",
            {"role": "attended", "full_name": "Khách Đua", "is_guest": "on"},
            lambda: Participant.objects.filter(full_name="Khách Đua").count(),
        ),
        (
            "requirement",
            detail,
            f"{detail}conclusions/",
            {"text": "Yêu cầu đua", "assignee": "", "due_on": ""},
            lambda: Conclusion.objects.filter(text="Yêu cầu đua").count(),
        ),
        (
            "award",
            detail,
            f"/ratings/awards/conference/{conf.pk}/",
            {"kind": "giay_khen", "recipient_name": "Đại đội 1", "issuer": "Lữ đoàn"},
            lambda: Award.objects.filter(decision__conference=conf).count(),
        ),
        (
            "photo",
            detail,
            f"{detail}photos/",
            {"image": Upload("dua.png", png_bytes()), "caption": "Ảnh đua"},
            lambda: Photo.objects.filter(caption="Ảnh đua").count(),
        ),
        (
            "import batch",
            "/imports/",
            "/imports/",
            {
                "root": brigade,
                "pasted_text": "Ngày 20/6/2025, Đảng ủy Lữ đoàn 657 tổ chức hội nghị sơ kết.",
                "pasted_name": "đua",
            },
            lambda: ImportBatch.objects.count(),
        ),
        (
            "role grant",
            f"/access/bodies/{cell}/",
            f"/access/bodies/{cell}/",
            {"username": "dua", "role": "viewer", "password": "Mat-khau-dua-2025"},
            lambda: RoleGrant.objects.filter(user__username="dua").count(),
        ),
    ]


def test_five_racing_submits_of_each_create_form_create_one_record(
    transactional_db, org, users, tmp_path
):
    from ctct.conferences.services import conference_create
    from ctct.documents.services import document_issue

    conf = conference_create(
        body=org.brigade, kind="so_ket", held_on=dt.date(2025, 6, 20), period="2025-H1"
    )
    doc = document_issue(
        issuer=org.region, type_code="CT", issued_on=dt.date(2025, 9, 1), title="Gốc"
    )
    client = Client()
    client.force_login(users.superuser)
    session = client.cookies["sessionid"].value
    forms = _forms(org, conf, doc)
    answers = {}
    with running_server(tmp_path) as base:
        for what, page, action, data, _count in forms:
            answers[what] = race(Browser(base, session), page, action, data)
    created = {what: count() for what, _p, _a, _d, count in forms}
    assert created == {what: 1 for what in created}, answers
    for what, responses in answers.items():
        assert [status for status, _ in responses] == [302] * RACERS, (what, responses)
        assert len({location for _, location in responses}) == 1, (what, responses)
