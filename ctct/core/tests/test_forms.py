"""The shared form helpers: one-time tokens (ctct.core.forms.submit_once) and paged lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ctct.core.forms import MSG_ALREADY_SUBMITTED
from ctct.core.models import FormSubmission
from ctct.core.services import FORM_TOKEN_KEEP, form_submission_prune


def _person_form(client, org):
    url = reverse("people:person_add", args=[org.cell.pk])
    token = client.get(url).context["form_token"]
    data = {"full_name": "Đào Văn Khánh", "rank": "Hạ sĩ", "rank_conferred_on": "2024-01-01"}
    return url, token, data


class TestOneTimeTokens:
    def test_a_repeated_post_is_sent_to_the_first_result_with_a_note(self, org, users, client):
        from ctct.people.models import Person

        client.force_login(users.secretary)
        url, token, data = _person_form(client, org)
        first = client.post(url, {**data, "form_token": token})
        second = client.post(url, {**data, "form_token": token}, follow=True)
        assert Person.objects.filter(full_name="Đào Văn Khánh").count() == 1
        assert second.redirect_chain[0][0] == first["Location"]
        assert str(MSG_ALREADY_SUBMITTED) in [str(m) for m in second.context["messages"]]

    def test_the_token_is_claimed_with_the_record_it_created(self, org, users, client):
        client.force_login(users.secretary)
        url, token, data = _person_form(client, org)
        r = client.post(url, {**data, "form_token": token})
        claim = FormSubmission.objects.get(token=token)
        assert claim.url == r["Location"]
        assert claim.user == users.secretary

    def test_a_post_that_fails_keeps_its_token_usable(self, org, users, client):
        from ctct.people.models import Person

        client.force_login(users.secretary)
        url, token, data = _person_form(client, org)
        bad = client.post(url, {**data, "rank_conferred_on": "2024-02-31", "form_token": token})
        assert bad.status_code == 200
        assert bad.context["form_token"] == token
        assert not FormSubmission.objects.filter(token=token).exists()
        client.post(url, {**data, "form_token": token})
        assert Person.objects.filter(full_name="Đào Văn Khánh").count() == 1

    def test_a_service_refusal_rolls_the_claim_back(self, org, users, client):
        client.force_login(users.officer)
        url = reverse("people:position_add", args=[org.cell_member.pk])
        token = client.get(url).context["form_token"]
        r = client.post(
            url,
            {
                "title": "Bí thư",
                "body": org.cell.pk,
                "started_on": "2025-02-01",
                "ended_on": "2024-01-01",
                "form_token": token,
            },
        )
        assert r.status_code == 200 and r.context["form"].errors
        assert not FormSubmission.objects.filter(token=token).exists()

    def test_a_form_posted_without_a_token_still_saves(self, org, users, client):
        from ctct.people.models import Person

        client.force_login(users.secretary)
        url, _token, data = _person_form(client, org)
        r = client.post(url, data)
        assert r.status_code == 302
        assert Person.objects.filter(full_name="Đào Văn Khánh").count() == 1

    def test_a_form_posted_without_a_token_gets_one_when_shown_again(self, org, users, client):
        client.force_login(users.secretary)
        url, _token, data = _person_form(client, org)
        r = client.post(url, {**data, "full_name": ""})
        assert r.status_code == 200
        assert r.context["form_token"]
        assert f'name="form_token" value="{r.context["form_token"]}"' in r.content.decode()

    def test_another_users_token_leads_home_not_to_their_record(self, org, users, client):
        client.force_login(users.secretary)
        url, token, data = _person_form(client, org)
        client.post(url, {**data, "form_token": token})
        client.force_login(users.officer)
        r = client.post(url, {**data, "form_token": token})
        assert r.status_code == 302 and r["Location"] == reverse("home")

    def test_every_form_of_a_page_gets_its_own_token(self, org, users, client):
        import re

        from ctct.conferences.services import conference_create

        conf = conference_create(
            body=org.brigade, kind="so_ket", held_on=dt.date(2025, 6, 20), period="2025-H1"
        )
        client.force_login(users.officer)
        html = client.get(conf.get_absolute_url()).content.decode()
        tokens = re.findall(r'name="form_token" value="([^"]+)"', html)
        assert len(tokens) > 1
        assert len(set(tokens)) == len(tokens)

    def test_old_tokens_are_pruned(self, users):
        now = timezone.now()
        FormSubmission.objects.create(token="old", url="/", created=now - FORM_TOKEN_KEEP * 2)
        FormSubmission.objects.create(token="new", url="/", created=now)
        assert form_submission_prune(now=now) == 1
        assert list(FormSubmission.objects.values_list("token", flat=True)) == ["new"]


class TestPagedLists:
    @pytest.mark.parametrize("page", ["99999999999999999999", "1000001", "-3", "x", "", "٣"])
    def test_any_page_number_shows_a_page(self, page, org, users, client):
        client.force_login(users.officer)
        for name in ("documents:index", "imports:index", "imports:review"):
            r = client.get(reverse(name), {"page": page})
            assert r.status_code == 200, (name, page)

    def test_a_page_past_the_end_of_the_documents_shows_the_last_page(
        self, org, users, client, monkeypatch
    ):
        from ctct.documents import services

        monkeypatch.setattr("ctct.documents.views.PAGE_SIZE", 2)
        for i in range(5):
            services.document_issue(
                issuer=org.region, type_code="CT", issued_on=dt.date(2025, 9, 1), title=f"Số {i}"
            )
        client.force_login(users.officer)
        r = client.get(reverse("documents:index"), {"page": "99999999999999999999"})
        assert r.context["page"] == 3
        assert len(r.context["documents"]) == 1

    def test_a_page_past_the_end_of_the_imports_shows_the_last_page(
        self, org, users, client, monkeypatch
    ):
        from ctct.imports.models import ImportBatch, ImportItem

        monkeypatch.setattr("ctct.imports.views.BATCHES_PER_PAGE", 2)
        monkeypatch.setattr("ctct.imports.views.ITEMS_PER_PAGE", 2)
        batches = [
            ImportBatch.objects.create(root=org.brigade, source="paste", status="done")
            for _ in range(3)
        ]
        for i in range(3):
            ImportItem.objects.create(
                batch=batches[0], filename=f"{i}.txt", content_hash=f"h{i}", status="needs_review"
            )
        client.force_login(users.officer)
        huge = {"page": "99999999999999999999"}
        r = client.get(reverse("imports:index"), huge)
        assert (r.context["page"], len(r.context["rows"])) == (2, 1)
        r = client.get(reverse("imports:review"), huge)
        assert (r.context["page"], len(r.context["items"])) == (2, 1)
        r = client.get(reverse("imports:batch", args=[batches[0].pk]), huge)
        assert (r.context["page"], len(r.context["items"])) == (2, 1)
