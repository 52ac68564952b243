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


def test_the_superiors_leaders_and_the_presidium_are_named_with_rank_and_titles():
    commissar = NewsPerson("Trần Nam Trung", "Đại tá", ["Bí thư Đảng ủy", "Chính ủy Sư đoàn 367"])
    deputy = NewsPerson("Trương Mạnh Phương", "Đại tá", ["Phó Chủ nhiệm Chính trị Quân chủng"])
    d = draft_text(
        _news(
            directing=[deputy, commissar],
            presidium=[
                NewsPerson("Bùi Hữu Ba", "Đại tá", ["Bí thư Đảng ủy", "Chính ủy Lữ đoàn 657"]),
                NewsPerson("Phan Văn Bình", "", ["Trưởng phòng Chính trị"]),
            ],
        )
    )
    assert (
        "Dự, chỉ đạo Đại hội có Đại tá Trương Mạnh Phương, Phó Chủ nhiệm Chính trị Quân chủng; "
        "Đại tá Trần Nam Trung, Bí thư Đảng ủy, Chính ủy Sư đoàn 367." in d.text
    )
    assert "đại diện lãnh đạo Đảng ủy Quân khu 8" not in d.text
    assert (
        "Đoàn Chủ tịch Đại hội gồm các đồng chí: Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy "
        "Lữ đoàn 657; Phan Văn Bình, Trưởng phòng Chính trị." in d.text
    )


def test_the_elected_secretary_and_deputies_are_named_with_their_other_titles():
    d = draft_text(
        _news(
            secretary=NewsPerson("Bùi Hữu Ba", "Đại tá", ["Chính ủy Lữ đoàn 657"]),
            deputies=[NewsPerson("Lê Văn Tú", "Thượng tá", ["Lữ đoàn trưởng Lữ đoàn 657"])],
        )
    )
    assert (
        "Đại tá Bùi Hữu Ba, Chính ủy Lữ đoàn 657, được bầu giữ chức Bí thư Đảng ủy; "
        "Thượng tá Lê Văn Tú, Lữ đoàn trưởng Lữ đoàn 657, được bầu giữ chức Phó Bí thư Đảng ủy."
        in d.text
    )


def test_the_news_of_a_recorded_congress_reads_rank_and_posts_held_before_it_opened(org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ctct.congresses import services
    from ctct.congresses.news import draft
    from ctct.people.services import rank_confer
    from ctct.people.tests.factories import make_person, make_position

    opened = dt.date(2025, 3, 20)
    a = make_person(body=org.cell, full_name="Đỗ Văn Quân", rank="Đại úy")
    make_position(person=a, body=org.cell, title="Bí thư", started_on=dt.date(2020, 3, 1))
    make_position(person=a, body=org.cell, title="Chính trị viên", started_on=dt.date(2020, 3, 1))
    b = make_person(body=org.cell, full_name="Hồ Văn Lâm", rank="Thượng úy")
    services.congress_record(
        body=org.cell,
        term_label="2025-2027",
        kind="all_members",
        opened_on=opened,
        delegates_summoned=20,
        delegates_present=19,
        committee=[(a, "95"), (b, "90")],
        secretary=a,
        deputies=[b],
        directing=[org.commissar],
        presidium=[a],
    )
    rank_confer(person=a, rank="Thiếu tá", conferred_on=dt.date(2025, 9, 1))  # promoted since
    from ctct.congresses.models import Congress

    congress = Congress.objects.get(body=org.cell)
    with CaptureQueriesContext(connection) as ctx:
        text = draft(congress).text
    few = len(ctx.captured_queries)
    many = [
        make_person(body=org.other_cell, rank="Trung úy", titles=["Chi ủy viên"]) for _ in "123456"
    ]
    services.congress_record(
        body=org.other_cell,
        term_label="2025-2027",
        kind="all_members",
        opened_on=opened,
        delegates_summoned=30,
        delegates_present=30,
        committee=[(p, "90") for p in many],
        secretary=many[0],
        deputies=many[1:3],
        directing=[org.commissar, org.deputy],
        presidium=many,
        delegates=[(p, "80") for p in many],
    )
    bigger = Congress.objects.get(body=org.other_cell)
    with CaptureQueriesContext(connection) as ctx:
        draft(bigger)
    assert len(ctx.captured_queries) == few == 4
    assert "Dự, chỉ đạo Đại hội có Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn 657." in text
    # The secretary re-elected: his command post, not the Party post he was elected to again.
    assert "Đại úy Đỗ Văn Quân, Chính trị viên Đại đội 1, được bầu giữ chức Bí thư Chi bộ" in text
    assert "Thượng úy Hồ Văn Lâm được bầu giữ chức Phó Bí thư Chi bộ" in text
    assert "Đoàn Chủ tịch Đại hội gồm các đồng chí: Đại úy Đỗ Văn Quân, Bí thư Chi bộ" in text
