"""404, 403, 400 and 500 answer in the site's layout, in Vietnamese, with a way home."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from ctct.core import views

pytestmark = pytest.mark.urls("ctct.core.tests.error_urls")

HOME_LINK = 'href="/"'


def _assert_site_page(response, status: int, title: str) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert '<html lang="vi">' in html
    assert 'class="top"' in html  # the site's header
    assert title in html
    assert HOME_LINK in html
    return html


def test_a_missing_page_says_so_in_vietnamese(users, client):
    client.force_login(users.officer)
    r = client.get("/no-such-page/")
    _assert_site_page(r, 404, "Không tìm thấy trang")


def test_a_record_outside_the_users_reach_answers_the_same_page(org, users, client):
    client.force_login(users.secretary)
    r = client.get(reverse("bodies:detail", args=[org.province.pk]))
    html = _assert_site_page(r, 404, "Không tìm thấy trang")
    assert org.province.name not in html


def test_a_forbidden_action_says_so_in_vietnamese(users, client):
    client.force_login(users.officer)
    _assert_site_page(client.get("/test-forbidden/"), 403, "Không được phép")


def test_a_bad_request_says_so_in_vietnamese(users, client):
    client.force_login(users.officer)
    _assert_site_page(client.get("/test-suspicious/"), 400, "Yêu cầu không hợp lệ")


def test_a_server_error_says_so_in_vietnamese(users):
    client = Client(raise_request_exception=False)
    client.force_login(users.officer)
    _assert_site_page(client.get("/test-fails/"), 500, "Đã có lỗi xảy ra")


def test_the_server_error_page_needs_no_database(db, django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        r = views.server_error(request)
    _assert_site_page(r, 500, "Đã có lỗi xảy ra")


def test_an_expired_form_explains_what_to_do(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users.officer)
    r = client.post(reverse("documents:issue"), {"title": "X"})
    html = _assert_site_page(r, 403, "Không được phép")
    assert "tải lại trang" in html
