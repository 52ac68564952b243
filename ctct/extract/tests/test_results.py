"""Figures that report a result: achieved, exceeded, and against what (``results.py``)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctct.extract import extract_text
from ctct.extract.extras import find_figures
from ctct.extract.results import parse_number, read_result
from ctct.extract.tests.conftest import shared_dir

RESULT_KEYS = {
    "number",
    "out_of",
    "measure_kind",
    "result",
    "exceeded",
    "compared_with",
    "compared_year",
    "change",
    "what",
}
SEED_000 = "000_50416b14f590d33b.txt"


def _figure(text: str, written: str) -> dict:
    (figure,) = [f for f in find_figures(text) if f["text"] == written]
    return figure


def _vietnamese(value: Decimal) -> str:
    """A number as reports write it: "1.250", "92,5"."""
    whole, _, frac = format(value, "f").partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = ".".join([whole, *groups])
    frac = frac.rstrip("0")
    return f"{text},{frac}" if frac else text


class TestSeedWording:
    def test_the_seed_figure_is_a_result_met_and_exceeded_against_the_same_period(self):
        root = shared_dir()
        if root is None:
            pytest.skip("shared/seeds is not beside the repository")
        record = extract_text((root / "seeds" / SEED_000).read_text(encoding="utf-8"))
        (figure,) = [f for f in record["figures"] if f["text"] == "92%"]
        assert figure["result"] is True
        assert figure["exceeded"] is True
        assert figure["number"] == "92"
        assert figure["measure_kind"] == "percent"
        assert figure["compared_with"] == "same_period"
        assert figure["compared_year"] == 2024
        assert figure["what"] == "khối lượng hàng hóa"

    def test_the_existing_keys_of_a_figure_stay_as_they_were(self):
        text = "Lữ đoàn đã vận chuyển đạt và vượt 92% khối lượng hàng hóa so với cùng kỳ năm 2024."
        figure = _figure(text, "92%")
        assert figure["value"] == "92" and figure["unit"] == "%"
        assert text[slice(*figure["span"])] == "92%"
        assert text[slice(*figure["measure_span"])] == figure["measure"]
        assert RESULT_KEYS <= set(figure)

    def test_a_share_of_a_target_is_compared_with_the_target(self):
        figure = _figure("Công tác tuyển quân năm 2025 đạt 100% chỉ tiêu 3 cấp.", "100%")
        assert figure["result"] and figure["compared_with"] == "target"
        assert not figure["exceeded"]
        assert figure["what"] == "Công tác tuyển quân năm 2025"

    def test_exceeding_the_target_is_read_after_the_figure(self):
        figure = _figure("Tuyển quân đạt 105%, vượt chỉ tiêu trên giao.", "105%")
        assert figure["result"] and figure["exceeded"]
        assert figure["compared_with"] == "target"

    def test_a_comparison_belongs_to_the_figure_next_to_it(self):
        text = "Đơn vị đạt 100% kế hoạch, doanh thu tăng 5% so với cùng kỳ năm 2024."
        assert _figure(text, "100%")["compared_with"] == "target"
        assert _figure(text, "5%")["compared_year"] == 2024
        text = "Đơn vị đạt 100%, doanh thu tăng 5% so với cùng kỳ năm 2024."
        assert _figure(text, "100%")["compared_with"] is None

    def test_a_share_of_the_plan_is_compared_with_a_target(self):
        figure = _figure("Dân quân tự vệ đạt 65,54% kế hoạch năm.", "65,54%")
        assert figure["number"] == "65.54" and figure["compared_with"] == "target"
        assert figure["what"] == "Dân quân tự vệ"

    def test_a_rise_on_the_same_period_is_a_change_up_without_a_year(self):
        figure = _figure("Giá trị sản xuất đạt 1.594 tỷ đồng, tăng 19,1% so với cùng kỳ.", "19,1%")
        assert figure["change"] == "up"
        assert figure["compared_with"] == "same_period" and figure["compared_year"] is None

    def test_a_fall_against_a_named_year_is_compared_with_that_year(self):
        text = "Toàn tỉnh xảy ra 956 vụ vi phạm (giảm 5,16% so với năm 2019)."
        figure = _figure(text, "5,16%")
        assert figure["change"] == "down"
        assert figure["compared_with"] == "year" and figure["compared_year"] == 2019

    def test_a_share_followed_by_a_result_verb_is_a_result(self):
        figure = _figure("Trong huấn luyện 100% quân số đạt yêu cầu.", "100%")
        assert figure["result"] and figure["what"] == "quân số"

    def test_a_closing_figure_measures_the_clause_before_it(self):
        figure = _figure("Giao quân 285/285 thanh niên, đạt 100%.", "100%")
        assert figure["result"] and figure["what"] == "Giao quân 285/285 thanh niên"

    def test_a_count_in_a_fraction_keeps_what_it_is_out_of(self):
        figure = _figure("Đảng bộ hoàn thành 17/19 chỉ tiêu.", "17/19 chỉ tiêu")
        assert figure["number"] == "17" and figure["out_of"] == "19"
        assert figure["measure_kind"] == "count" and figure["result"]

    @pytest.mark.parametrize(
        ("text", "written"),
        [
            ("Năm 2026, Đảng bộ phấn đấu đạt 100% chi bộ trong sạch vững mạnh.", "100%"),
            ("Hàng năm kết nạp đảng viên đạt từ 12% trở lên.", "12%"),
            ("Huyện phấn đấu đảm bảo tăng trưởng từ 11,5% – 12%.", "11,5%"),
            ("Mục tiêu: 95% đảng viên hoàn thành tốt nhiệm vụ.", "95%"),
        ],
    )
    def test_a_goal_is_not_a_result(self, text, written):
        assert _figure(text, written)["result"] is False

    @pytest.mark.parametrize(
        "text",
        [
            "Hội nghị có sự tham dự của 50% đảng viên.",
            "Đơn vị tặng 120 suất quà cho các gia đình chính sách.",
        ],
    )
    def test_a_figure_without_a_result_verb_is_not_a_result(self, text):
        (figure,) = find_figures(text)
        assert figure["result"] is False and figure["exceeded"] is False

    def test_money_is_neither_a_percentage_nor_a_count(self):
        figure = _figure("Tổng thu đạt trên 2.700 tỷ đồng.", "2.700 tỷ đồng")
        assert figure["result"] and figure["measure_kind"] is None
        assert figure["number"] == "2700"


class TestNumbers:
    @pytest.mark.parametrize(
        ("written", "number"),
        [("92", "92"), ("92,5", "92.5"), ("1.250", "1250"), ("1.250,75", "1250.75"), ("0", "0")],
    )
    def test_numbers_are_read_as_reports_write_them(self, written, number):
        assert parse_number(written) == (number, None)

    @given(
        st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
    )
    def test_a_number_written_as_a_report_writes_it_reads_back_the_same(self, value):
        written = _vietnamese(value)
        number, out_of = parse_number(written)
        assert Decimal(number) == value and out_of is None
        figure = _figure(f"Đơn vị đạt {written}% kế hoạch năm.", f"{written}%")
        assert Decimal(figure["number"]) == value

    @given(st.text(max_size=40))
    def test_any_text_as_a_number_never_raises(self, raw):
        number, out_of = parse_number(raw)
        assert number is None or Decimal(number).is_finite()


WORDS = [
    "đạt",
    "và",
    "vượt",
    "92%",
    "92,5%",
    "1.250",
    "tỷ đồng",
    "chỉ tiêu",
    "kế hoạch",
    "so với",
    "cùng kỳ",
    "năm",
    "2024",
    "tăng",
    "giảm",
    "bằng",
    "phấn đấu",
    "từ",
    "trở lên",
    "(",
    ")",
    ",",
    ".",
    ";",
    "17/19",
    "quân số",
    "hoàn thành",
]


class TestNeverRaises:
    @given(st.lists(st.sampled_from(WORDS), max_size=40))
    def test_any_sentence_of_the_genre_gives_figures_with_the_result_keys(self, words):
        text = " ".join(words)
        for figure in find_figures(text):
            assert RESULT_KEYS <= set(figure)
            assert figure["compared_with"] in (None, "same_period", "year", "target")
            assert figure["change"] in (None, "up", "down")
            if figure["number"] is not None:
                assert Decimal(figure["number"]).is_finite()

    @given(st.text(max_size=200))
    def test_any_text_gives_figures_without_raising(self, text):
        for figure in find_figures(text):
            assert isinstance(figure["result"], bool)

    @given(
        st.text(max_size=60),
        st.tuples(st.integers(-100, 100), st.integers(-100, 100)),
        st.tuples(st.integers(-100, 100), st.integers(-100, 100)),
        st.text(max_size=10),
    )
    def test_spans_outside_the_text_never_raise(self, text, span, clause, value):
        out = read_result(text, span, clause, value=value, unit="%")
        assert RESULT_KEYS == set(out)
