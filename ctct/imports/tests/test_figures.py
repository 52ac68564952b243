"""A figure read from an imported report becomes a progress entry after review: listed on the
report's page, entered once through the form (the same figure twice is refused), the service's
refusals shown on the form with what was typed kept, only for those who enter progress at the
body that held the conference, and 404 outside the scope."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from ctct.imports.figures import (
    MSG_NOT_APPLIED,
    figure_enter_progress,
    figure_token,
    result_figures,
)
from ctct.imports.models import ImportItem, ItemStatus
from ctct.imports.tests.factories import import_report, report_text
from ctct.resolutions.models import ProgressEntry
from ctct.resolutions.services import (
    MSG_ENTRY_BEFORE_PERIOD,
    MSG_ENTRY_TWICE,
    MSG_NOT_A_NUMBER,
    MSG_NOT_HANDED,
    MSG_PERCENT_RANGE,
    resolution_create,
    target_add,
    target_hand_down,
)

pytestmark = pytest.mark.django_db

SENTENCE = (
    "Trong 6 tháng đầu năm 2025, Lữ đoàn đã vận chuyển đạt và vượt 92% khối lượng hàng hóa "
    "so với cùng kỳ năm 2024."
)
GOAL = "Năm 2026, Lữ đoàn phấn đấu đạt 100% chi bộ trong sạch vững mạnh."


def _said(html: str, message, **params) -> bool:
    page = unescape(html)
    for lang in ("en", "vi"):
        with translation.override(lang):
            text = str(message) % params if params else str(message)
        if text in page:
            return True
    return False


@pytest.fixture
def item(org, users):
    """The brigade's half-year review of 2025, imported for the region, applied."""
    text = report_text(date="20/6/2025", extra=f"{SENTENCE} {GOAL}")
    it = import_report(root=org.region, text=text, user=users.officer)
    assert it.status == ItemStatus.APPLIED and it.conference.body == org.brigade
    return it


@pytest.fixture
def goods(org):
    """The region's 2025 target on goods moved (a percentage), handed to the brigade; one the
    region keeps for itself; a count handed to cell 1 only."""
    res = resolution_create(body=org.region, period="2025", title="Nghị quyết năm 2025")
    goods = target_add(
        resolution=res,
        title="Khối lượng hàng hóa vận chuyển",
        measure="percent",
        target_value=90,
        rollup="mean",
    )
    target_hand_down(target=goods, values={org.brigade: 90})
    kept = target_add(
        resolution=res,
        title="Tỷ lệ hàng hóa của Quân khu",
        measure="percent",
        target_value=90,
        rollup="mean",
    )
    trucks = target_add(
        resolution=res, title="Số chuyến xe hàng", measure="count", target_value=50, rollup="sum"
    )
    target_hand_down(target=trucks, values={org.brigade: 40})
    cells = target_add(
        resolution=res,
        title="Chuyến hàng của đại đội",
        measure="count",
        target_value=5,
        rollup="sum",
    )
    target_hand_down(target=cells, values={org.cell: 5})
    return {"goods": goods, "kept": kept, "trucks": trucks, "cells": cells}


def _url(item, index: int) -> str:
    return reverse("imports:figure_progress", args=[item.pk, index])


def _index(item) -> int:
    (figure,) = result_figures(item)
    return figure.index


class TestReading:
    def test_the_result_is_listed_and_the_goal_is_not(self, item):
        (figure,) = result_figures(item)
        assert figure.written == "92%" and figure.number == "92" and figure.exceeded
        assert figure.compared_with == "same_period" and figure.compared_year == 2024
        assert figure.sentence == SENTENCE
        assert figure.token == figure_token(item.pk, figure.index)

    def test_a_record_read_before_results_were_marked_is_read_again(self, item):
        record = dict(item.record)
        keep = {"value", "unit", "text", "measure", "span", "measure_span"}
        record["figures"] = [{k: v for k, v in f.items() if k in keep} for f in record["figures"]]
        ImportItem.objects.filter(pk=item.pk).update(record=record)
        item.refresh_from_db()
        (figure,) = result_figures(item)
        assert figure.written == "92%" and figure.compared_year == 2024

    def test_a_malformed_record_lists_nothing_and_never_fails(self, item):
        for figures in (None, "x", [None, 3, {"span": ["a", 2]}], [{"result": True}]):
            item.record = {**item.record, "figures": figures}
            assert all(f.index >= 0 for f in result_figures(item))

    def test_the_report_page_offers_a_form_to_the_officer(self, item, users, login, goods):
        r = login(users.officer).get(item.get_absolute_url())
        html = unescape(r.content.decode())
        assert r.status_code == 200 and 'id="figures"' in html
        assert _url(item, _index(item)) in html and "khối lượng hàng hóa" in html
        assert 'value="92"' in html and 'value="2025-06-20"' in html


class TestEntering:
    def test_a_figure_becomes_an_entry_resting_on_the_conference(self, item, users, login, goods):
        client = login(users.officer)
        index = _index(item)
        r = client.post(
            _url(item, index),
            {
                f"fig{index}-target__q": "hàng hóa vận chuyển",
                f"fig{index}-value": "92",
                f"fig{index}-on": "2025-06-20",
                f"fig{index}-note": SENTENCE,
                "form_token": "tok-fig-1",
            },
        )
        assert r.status_code == 302, unescape(r.content.decode())
        entry = ProgressEntry.objects.get()
        assert entry.target == goods["goods"] and entry.body == item.conference.body
        assert entry.value == 92 and entry.on == dt.date(2025, 6, 20)
        assert entry.conference == item.conference and entry.note == SENTENCE
        assert entry.token == figure_token(item.pk, index)
        assert entry.entered_by == users.officer
        html = unescape(client.get(item.get_absolute_url()).content.decode())
        assert "entered" in html or "đã nhập" in html
        assert reverse("resolutions:target", args=[entry.body_id, entry.target_id]) in html

    def test_the_same_figure_posted_twice_is_refused_and_nothing_changes(
        self, item, users, login, goods
    ):
        client = login(users.officer)
        index = _index(item)
        data = {
            f"fig{index}-target": goods["goods"].pk,
            f"fig{index}-value": "92",
            f"fig{index}-on": "2025-06-20",
        }
        assert client.post(_url(item, index), data).status_code == 302
        # again, from a page opened before (another target, another day): the figure is used
        data[f"fig{index}-target"] = goods["trucks"].pk
        data[f"fig{index}-on"] = "2025-06-21"
        r = client.post(_url(item, index), data)
        assert r.status_code == 400 and _said(r.content.decode(), MSG_ENTRY_TWICE)
        assert ProgressEntry.objects.count() == 1

    def test_a_value_of_the_wrong_kind_is_refused_with_what_was_typed_kept(
        self, item, users, login, goods
    ):
        client = login(users.officer)
        index = _index(item)
        for value, message in (("140", MSG_PERCENT_RANGE), ("chín hai", MSG_NOT_A_NUMBER)):
            r = client.post(
                _url(item, index),
                {
                    f"fig{index}-target": goods["goods"].pk,
                    f"fig{index}-value": value,
                    f"fig{index}-on": "2025-06-20",
                    f"fig{index}-note": "ghi chú giữ lại",
                },
            )
            html = unescape(r.content.decode())
            assert r.status_code == 400 and _said(html, message, value=value)
            assert f'value="{value}"' in html and "ghi chú giữ lại" in html
            assert goods["goods"].title in html
        assert not ProgressEntry.objects.exists()

    def test_a_target_the_body_was_not_handed_is_refused(self, org, item, users, login, goods):
        index = _index(item)
        r = login(users.officer).post(
            _url(item, index),
            {
                f"fig{index}-target": goods["cells"].pk,
                f"fig{index}-value": "1",
                f"fig{index}-on": "2025-06-20",
            },
        )
        assert r.status_code == 400
        assert _said(r.content.decode(), MSG_NOT_HANDED, body=org.brigade.name)
        assert not ProgressEntry.objects.exists()

    def test_a_target_outside_the_conferences_branch_is_not_offered(
        self, item, users, login, goods
    ):
        index = _index(item)
        r = login(users.officer).post(
            _url(item, index),
            {
                f"fig{index}-target": goods["kept"].pk,
                f"fig{index}-value": "92",
                f"fig{index}-on": "2025-06-20",
            },
        )
        assert r.status_code == 400 and not ProgressEntry.objects.exists()

    def test_a_day_before_the_targets_period_is_refused(self, item, users, login, goods):
        index = _index(item)
        r = login(users.officer).post(
            _url(item, index),
            {
                f"fig{index}-target": goods["goods"].pk,
                f"fig{index}-value": "92",
                f"fig{index}-on": "2024-12-31",
            },
        )
        assert r.status_code == 400
        assert _said(
            r.content.decode(), MSG_ENTRY_BEFORE_PERIOD, date="31/12/2024", start="01/01/2025"
        )
        assert not ProgressEntry.objects.exists()

    def test_a_report_not_applied_gives_no_entry(self, item, goods):
        ImportItem.objects.filter(pk=item.pk).update(status=ItemStatus.NEEDS_REVIEW)
        item.refresh_from_db()
        with pytest.raises(Exception) as e:
            figure_enter_progress(
                item=item,
                index=_index(item),
                target=goods["goods"],
                value=92,
                on=dt.date(2025, 6, 20),
            )
        assert MSG_NOT_APPLIED in e.value.messages
        assert not ProgressEntry.objects.exists()


class TestWhoMay:
    def test_a_secretary_importing_for_a_cell_may_not_enter_for_the_brigade(
        self, org, users, login, goods
    ):
        text = report_text(date="20/6/2025", extra=SENTENCE)
        it = import_report(root=org.cell, text=text, user=users.secretary)
        if it.status != ItemStatus.APPLIED or it.conference.body != org.brigade:
            pytest.skip("the import put the report elsewhere")
        client = login(users.secretary)
        html = client.get(it.get_absolute_url()).content.decode()
        index = _index(it)
        assert _url(it, index) not in html
        r = client.post(
            _url(it, index),
            {
                f"fig{index}-target": goods["goods"].pk,
                f"fig{index}-value": "92",
                f"fig{index}-on": "2025-06-20",
            },
        )
        assert r.status_code == 403 and not ProgressEntry.objects.exists()

    @pytest.mark.parametrize("who", ["provincial", "nobody", "viewer"])
    def test_outside_the_scope_the_figure_is_not_found(self, item, users, login, goods, who):
        index = _index(item)
        client = login(getattr(users, who))
        assert client.get(_url(item, index)).status_code == 404
        r = client.post(
            _url(item, index),
            {
                f"fig{index}-target": goods["goods"].pk,
                f"fig{index}-value": "92",
                f"fig{index}-on": "2025-06-20",
            },
        )
        assert r.status_code == 404 and not ProgressEntry.objects.exists()

    def test_a_figure_that_is_no_result_or_out_of_range_is_not_found(self, item, users, login):
        client = login(users.officer)
        for index in (len(item.record["figures"]) + 5, 0 if _index(item) else 1):
            if index == _index(item):
                continue
            assert client.get(_url(item, index)).status_code == 404
        assert (
            client.get(f"/imports/items/{item.pk}/figures/99999999999999999999/").status_code == 404
        )
        huge = reverse("imports:figure_progress", args=[10**20, 0])
        assert client.get(huge).status_code == 404
