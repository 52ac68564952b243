"""Opening a round for a big subtree in the background: the form refuses at once what
``round_open`` refuses up front, then queues the opening and leads to its progress, polled
until the round is open; a task that dies midway leaves no half round and the page says it
failed, with a way to try again. The threshold is lowered so the test tree counts as big."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from ctct.ratings import services as sv
from ctct.ratings import tasks
from ctct.ratings.models import RatingRound, RatingSheet, RoundOpening
from ctct.ratings.tests.factories import make_round
from ctct.ratings.tests.pages import said as _said
from ctct.ratings.tests.pages import text as _text
from ctct.ratings.tests.pages import url as _url

pytestmark = pytest.mark.django_db

Status = RoundOpening.Status
FORM = {
    "year": "2025",
    "opened_on": "2025-12-01",
    "self_due": "2025-12-10",
    "review_due": "2025-12-20",
    "decide_due": "2026-01-10",
}


@pytest.fixture(autouse=True)
def big(settings):
    """Every subtree of the test tree opens in the background."""
    settings.CTCT_RATINGS_OPEN_INLINE = 1


@pytest.fixture
def run_worker(monkeypatch):
    """Run the queue's worker until the queue is empty, inside the test's transaction (the
    worker's check of old connections would close the test's own: switched off here)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run() -> None:
        call_command(db_worker.Command(), batch=True, startup_delay=False, verbosity=0)

    return run


def _queue(client, body, **extra):
    return client.post(_url("round_open", body.pk), {**FORM, **extra})


class TestOpeningInTheBackground:
    def test_the_form_queues_the_opening_and_the_page_follows_it_to_the_round(
        self, org, users, login, run_worker
    ):
        client = login(users.officer)
        r = _queue(client, org.brigade, form_token="open-bg")
        opening = RoundOpening.objects.get()
        assert r.status_code == 302
        assert r["Location"] == _url("opening", org.brigade.pk, opening.pk)
        assert opening.status == Status.QUEUED and opening.expected == 5
        assert opening.requested_by == users.officer
        assert not RatingRound.objects.exists()
        assert DBTaskResult.objects.filter(id=opening.task_id).exists()
        # while queued the page polls its progress
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the pages in English
        page = client.get(r["Location"])
        assert page.status_code == 200
        assert "0 of 5 sheets written" in _text(page)
        assert _url("opening_progress", org.brigade.pk, opening.pk) in _text(page)
        assert 'hx-trigger="every 2s"' in _text(page)
        # the same form posted again queues nothing twice
        again = _queue(client, org.brigade, form_token="open-bg")
        assert again.status_code == 302 and RoundOpening.objects.count() == 1

        run_worker()

        opening.refresh_from_db()
        rnd = RatingRound.objects.get()
        assert opening.status == Status.DONE and opening.round == rnd
        assert rnd.body == org.brigade and rnd.opened_by == users.officer
        assert RatingSheet.objects.filter(round=rnd).count() == opening.written == 5
        assert RatingSheet.history.filter(round_id=rnd.pk).count() == 5
        block = client.get(_url("opening_progress", org.brigade.pk, opening.pk))
        assert "5 of 5 sheets written" in _text(block)
        assert _url("round", org.brigade.pk, rnd.pk) in _text(block)
        assert "every 2s" not in _text(block)

    def test_up_front_refusals_show_on_the_form_at_once_and_nothing_is_queued(
        self, org, users, login
    ):
        make_round(body=org.region, year=2025)
        client = login(users.officer)
        r = _queue(client, org.region)
        assert r.status_code == 200
        assert _said(r, sv.MSG_ROUND_EXISTS, body=org.region.name, period="2025")
        r = _queue(client, org.brigade, year="2099")
        assert r.status_code == 200 and _said(r, sv.MSG_FUTURE_YEAR, year=2099)
        assert not RoundOpening.objects.exists()
        assert not DBTaskResult.objects.exists()

    def test_a_second_opening_of_a_round_under_way_is_refused(self, org, users, login):
        client = login(users.officer)
        _queue(client, org.brigade, form_token="first")
        r = _queue(client, org.brigade, form_token="second")
        assert r.status_code == 200
        assert _said(r, tasks.MSG_OPENING_PENDING, body=org.brigade.name)
        assert RoundOpening.objects.count() == 1

    def test_a_small_subtree_still_opens_in_the_request(self, org, users, login, settings):
        settings.CTCT_RATINGS_OPEN_INLINE = 2000
        r = _queue(login(users.officer), org.brigade)
        rnd = RatingRound.objects.get()
        assert r["Location"] == _url("round", org.brigade.pk, rnd.pk)
        assert not RoundOpening.objects.exists()

    def test_an_opening_that_dies_midway_leaves_no_half_round_and_says_so(
        self, org, users, login, run_worker, monkeypatch
    ):
        client = login(users.officer)
        _queue(client, org.brigade)
        opening = RoundOpening.objects.get()

        def die(*args, **kwargs):
            raise RuntimeError("the worker's machine went down")

        # the sheets are written, then their history fails: all of it rolls back
        monkeypatch.setattr(sv, "insert_history", die)
        run_worker()

        opening.refresh_from_db()
        assert opening.status == Status.FAILED
        assert not RatingRound.objects.exists() and not RatingSheet.objects.exists()
        page = client.get(_url("opening", org.brigade.pk, opening.pk))
        assert _said(page, tasks.MSG_CRASHED)
        again = _url("round_open", org.brigade.pk) + f"?again={opening.pk}"
        assert again in _text(page) and "every 2s" not in _text(page)
        # trying again starts from what the failed opening asked
        form = _text(client.get(again))
        assert 'value="2025-12-20"' in form and 'value="2026-01-10"' in form

    def test_an_opening_whose_task_the_queue_gave_up_on_shows_as_failed(self, org, users, login):
        """The queue's recovery fails a task whose workers kept dying; the opening, left
        "running" by the dead worker, then shows as failed."""
        client = login(users.officer)
        _queue(client, org.brigade)
        opening = RoundOpening.objects.get()
        RoundOpening.objects.filter(pk=opening.pk).update(status=Status.RUNNING)
        DBTaskResult.objects.filter(id=opening.task_id).update(status="FAILED")
        page = client.get(_url("opening", org.brigade.pk, opening.pk))
        assert _said(page, tasks.MSG_WORKER_DIED)
        assert f"?again={opening.pk}" in _text(page)

    def test_a_racing_opening_that_loses_fails_with_the_round_already_open(self, org, users, login):
        client = login(users.officer)
        _queue(client, org.brigade)
        opening = RoundOpening.objects.get()
        rnd = make_round(body=org.brigade, year=2025)  # opened meanwhile, another way
        assert tasks.round_opening_run(opening.pk).status == Status.FAILED
        assert RatingRound.objects.get() == rnd
        page = client.get(_url("opening", org.brigade.pk, opening.pk))
        assert _said(page, sv.MSG_ROUND_EXISTS, body=org.brigade.name, period="2025")

    def test_the_opening_pages_refuse_other_roles(self, org, users, login):
        _queue(login(users.officer), org.brigade)
        opening = RoundOpening.objects.get()
        for name in ("opening", "opening_progress"):
            url = _url(name, org.brigade.pk, opening.pk)
            assert login(users.viewer).get(url).status_code == 403
            assert login(users.provincial).get(url).status_code == 404
            # an opening reached through another body is not found
            other = _url(name, org.region.pk, opening.pk)
            assert login(users.officer).get(other).status_code == 404
