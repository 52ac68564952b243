import datetime as dt

from ctct.conferences.news import NewsPerson
from ctct.congresses.news import CongressNews, draft_text, roman


def _news(**over):
    fields = dict(
        body="Đảng bộ Lữ đoàn 657",
        cell=False,
        all_members=False,
        number=15,
        term="2025-2030",
        opened_on=dt.date(2025, 5, 20),
        closed_on=dt.date(2025, 5, 21),
        summoned=150,
        present=148,
        directed_by="Đảng ủy Quân khu 8",
        committee=[NewsPerson("Bùi Hữu Ba", "Đại tá"), NewsPerson("Lê Văn Tú", "Thượng tá")],
        secretary=NewsPerson("Bùi Hữu Ba", "Đại tá"),
        deputies=[NewsPerson("Lê Văn Tú", "Thượng tá")],
        inspection=[NewsPerson("Phan Văn Bình")],
        delegates=[NewsPerson("Bùi Hữu Ba", "Đại tá")],
        resolution="Nghị quyết Đại hội nhiệm kỳ 2025-2030",
        targets=["Tỷ lệ tổ chức đảng hoàn thành tốt nhiệm vụ: đạt từ 90 %"],
    )
    fields.update(over)
    return CongressNews(**fields)


def test_roman_numerals_number_the_congresses():
    assert [roman(n) for n in (1, 4, 9, 14, 15, 40)] == ["I", "IV", "IX", "XIV", "XV", "XL"]


def test_the_news_of_a_congress_of_delegates_names_who_was_elected_and_the_targets():
    d = draft_text(_news())
    assert d.headline == "Đại hội đại biểu Đảng bộ Lữ đoàn 657 lần thứ XV, nhiệm kỳ 2025-2030"
    assert "Từ ngày 20/5/2025 đến ngày 21/5/2025" in d.text
    assert "có đại diện lãnh đạo Đảng ủy Quân khu 8" in d.text
    assert "148/150 đại biểu" in d.text
    assert "Ban Chấp hành Đảng bộ Lữ đoàn 657 nhiệm kỳ 2025-2030 gồm 2 đồng chí" in d.text
    assert "Đại tá Bùi Hữu Ba được bầu giữ chức Bí thư" in d.text
    assert "Thượng tá Lê Văn Tú được bầu giữ chức Phó Bí thư" in d.text
    assert "Ủy ban Kiểm tra gồm 1 đồng chí: đồng chí Phan Văn Bình" in d.text
    assert "- Tỷ lệ tổ chức đảng hoàn thành tốt nhiệm vụ" in d.text


def test_the_news_of_a_cell_speaks_of_its_members_and_its_chi_uy_without_targets():
    d = draft_text(
        _news(
            body="Chi bộ Đại đội 1",
            cell=True,
            all_members=True,
            closed_on=dt.date(2025, 5, 20),
            inspection=[],
            targets=[],
        )
    )
    assert d.headline.startswith("Đại hội Chi bộ Đại đội 1 lần thứ XV")
    assert "Ngày 20/5/2025, Chi bộ Đại đội 1 tổ chức" in d.text
    assert "148/150 đảng viên" in d.text
    assert "bầu Chi ủy Chi bộ Đại đội 1" in d.text
    assert "Ủy ban Kiểm tra" not in d.text and "chỉ tiêu" not in d.text
