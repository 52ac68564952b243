"""The ratings start page lists the bodies each user works for, and nothing else."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_cell_secretary_sees_his_cell_with_its_ratings_and_awards(org, users, login):
    page = login(users.secretary).get(reverse("ratings:index")).content.decode()
    assert org.cell.name in page
    assert reverse("ratings:body", args=[org.cell.pk]) in page
    assert reverse("ratings:awards_body", args=[org.cell.pk]) in page
    assert org.region.name not in page and org.province.name not in page


def test_the_officer_sees_the_region_and_the_discipline_link(org, users, login):
    page = login(users.officer).get(reverse("ratings:index")).content.decode()
    assert reverse("ratings:body", args=[org.region.pk]) in page
    assert reverse("ratings:discipline") in page
    assert org.province.name not in page


def test_a_viewer_is_not_offered_the_discipline_records(users, login):
    page = login(users.viewer).get(reverse("ratings:index")).content.decode()
    assert reverse("ratings:discipline") not in page


def test_a_user_without_a_role_is_told_so(users, login):
    r = login(users.nobody).get(reverse("ratings:index"))
    assert r.status_code == 200
    assert "/ratings/bodies/" not in r.content.decode() and 'class="empty"' in r.content.decode()


def test_the_site_menu_leads_to_ratings_and_congresses(users, login):
    page = login(users.viewer).get(reverse("home")).content.decode()
    assert reverse("ratings:index") in page and reverse("congresses:index") in page
