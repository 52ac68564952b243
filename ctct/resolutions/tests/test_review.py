"""The review report: its services' refusals, versions saved once and never overwritten
unseen, the previous review's limitations carried forward, and the draft assembled from the
records with what is missing said, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ctct.bodies.tests.factories import make_cell
from ctct.conferences.tests.factories import make_conclusion, make_conference
from ctct.documents.models import Step
from ctct.documents.tests.factories import advance_recipient, make_document, recipient_of
from ctct.ratings.tests.announced_factories import make_award
from ctct.resolutions import review_sections
from ctct.resolutions.models import Review, ReviewVersion
from ctct.resolutions.review_selectors import review_assemble
from ctct.resolutions.review_services import (
    MSG_REVIEW_EXISTS,
    MSG_REVIEW_KIND,
    MSG_REVIEW_NO_DATA,
    MSG_REVIEW_STALE,
    MSG_REVIEW_TOO_LONG,
    SECTION_LIMIT,
    review_create,
    review_save,
)
from ctct.resolutions.services import progress_enter, target_add, target_hand_down
from ctct.resolutions.tests.factories import make_review, make_review_version

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 12, 20)


def _message(e) -> str:
    """The message of the first error a service raised."""
    if hasattr(e.value, "error_dict"):
        return next(iter(e.value.error_dict.values()))[0].message
    return e.value.message


class TestCreating:
    def test_a_period_with_no_data_at_all_is_refused_and_nothing_is_recorded(self, org):
        with pytest.raises(ValidationError) as e:
            review_create(body=org.cell, period="2025", kind="tong_ket")
        assert _message(e) == MSG_REVIEW_NO_DATA
        assert not Review.objects.exists()

    def test_a_conference_held_in_the_period_is_data_enough(self, org):
        make_conference(body=org.cell, held_on=dt.date(2025, 3, 1))
        review = review_create(body=org.cell, period="năm 2025", kind="tong_ket")
        assert review.period == "2025"
        assert review.title == "Báo cáo tổng kết công tác lãnh đạo năm 2025"

    def test_a_directive_received_in_the_period_is_data_enough(self, org):
        make_document(issuer=org.region, addressed_to=[org.cell], issued_on=dt.date(2025, 2, 3))
        assert review_create(body=org.cell, period="2025-H1", kind="so_ket").pk

    def test_a_target_handed_for_the_period_is_data_enough(self, org, admissions):
        target_hand_down(target=admissions, values={org.brigade: 8})
        assert review_create(body=org.brigade, period="2025", kind="tong_ket").pk

    def test_a_duplicate_is_refused(self, org):
        make_review(body=org.cell)
        with pytest.raises(ValidationError) as e:
            review_create(body=org.cell, period="2025", kind="tong_ket")
        assert _message(e) == MSG_REVIEW_EXISTS
        assert Review.objects.count() == 1

    def test_a_kind_that_is_no_review_is_refused(self, org):
        make_conference(body=org.cell, held_on=dt.date(2025, 3, 1))
        with pytest.raises(ValidationError) as e:
            review_create(body=org.cell, period="2025", kind="dai_hoi")
        assert _message(e) == MSG_REVIEW_KIND
        assert not Review.objects.exists()


class TestSaving:
    def test_each_save_makes_the_next_version_and_keeps_the_old(self, org):
        review = make_review(body=org.cell)
        v1 = review_save(review=review, based_on=0, strengths="Tốt")
        v2 = review_save(review=review, based_on=1, strengths="Rất tốt")
        assert (v1.number, v2.number) == (1, 2)
        assert ReviewVersion.objects.get(pk=v1.pk).strengths == "Tốt"

    def test_a_stale_save_is_refused_and_nothing_changes(self, org):
        review = make_review(body=org.cell)
        review_save(review=review, based_on=0, strengths="Của người thứ nhất")
        with pytest.raises(ValidationError) as e:
            review_save(review=review, based_on=0, strengths="Của người thứ hai")
        assert e.value.message == MSG_REVIEW_STALE
        assert list(review.versions.values_list("strengths", flat=True)) == ["Của người thứ nhất"]

    def test_the_same_post_twice_makes_one_version(self, org):
        review = make_review(body=org.cell)
        a = review_save(review=review, based_on=0, strengths="A", token="tok-1")
        b = review_save(review=review, based_on=0, strengths="A", token="tok-1")
        assert a.pk == b.pk
        assert review.versions.count() == 1

    def test_a_section_too_long_is_refused(self, org):
        review = make_review(body=org.cell)
        with pytest.raises(ValidationError) as e:
            review_save(review=review, based_on=0, causes="x" * (SECTION_LIMIT + 1))
        assert _message(e) == MSG_REVIEW_TOO_LONG
        assert not review.versions.exists()

    def test_the_previous_reviews_limitations_are_carried_forward_one_per_line(self, org):
        earlier = make_review(body=org.cell, period="2024", dated=dt.date(2024, 12, 20))
        make_review_version(
            review=earlier, limitations="- Sinh hoạt chưa đều\n\n- Tự phê bình còn hạn chế\n"
        )
        review = make_review(body=org.cell, period="2025-H1", kind="so_ket")
        draft = review_assemble(review, today=TODAY)
        assert [c.text for c in draft.staff.carried] == [
            "Sinh hoạt chưa đều",
            "Tự phê bình còn hạn chế",
        ]
        v = review_save(
            review=review,
            based_on=0,
            outcomes={"Sinh hoạt chưa đều": "Đã khắc phục", "bịa đặt": "x"},
        )
        assert v.carried == [
            {"text": "Sinh hoạt chưa đều", "outcome": "Đã khắc phục"},
            {"text": "Tự phê bình còn hạn chế", "outcome": ""},
        ]
        gaps = review_assemble(review, today=TODAY).gaps
        assert "Chưa nói kết quả khắc phục hạn chế kỳ trước: “Tự phê bình còn hạn chế”." in gaps


@pytest.fixture
def tree(org, admissions):
    """The region's 2025 admissions target (baseline 10) handed to the brigade and its cells;
    one cell entered 5, the other nothing."""
    admissions.baseline_value = Decimal(10)
    admissions.save()
    (brigade,) = target_hand_down(target=admissions, values={org.brigade: 8})
    target_hand_down(target=admissions, values={org.cell: 4, org.other_cell: 4}, via=brigade)
    progress_enter(
        target=admissions,
        body=org.cell,
        value="5",
        on=dt.date(2025, 11, 30),
        note="Báo cáo tháng 11",
    )
    return admissions


class TestAssembly:
    def test_targets_carry_figure_standing_last_year_and_who_entered(self, org, tree):
        draft = review_assemble((org.region, "2025", "tong_ket"), today=TODAY)
        (line,) = draft.targets
        assert line.figure == Decimal(5)
        assert line.target_value == Decimal(12)
        assert line.last_year == Decimal(10)
        assert line.same_period == "đạt 50% so với cùng kỳ năm 2024"
        assert (line.bodies_handed, line.bodies_entered) == (3, 1)
        assert line.bodies_behind == ("Đảng ủy Lữ đoàn 657",)  # 5 of its 8 in late December
        assert any("Chi bộ Đại đội 2" in g and "chưa nhập số liệu" in g for g in draft.gaps)

    def test_the_history_is_the_rolled_up_figure_after_each_day_of_entries(self, org, tree):
        progress_enter(
            target=tree, body=org.other_cell, value="3", on=dt.date(2025, 12, 5), note="x"
        )
        draft = review_assemble((org.region, "2025", "tong_ket"), today=TODAY)
        assert draft.targets[0].history == (
            (dt.date(2025, 11, 30), Decimal(5)),
            (dt.date(2025, 12, 5), Decimal(8)),
        )

    def test_the_brigades_share_has_no_figure_a_year_earlier_and_says_so(self, org, tree):
        draft = review_assemble((org.brigade, "2025", "tong_ket"), today=TODAY)
        (line,) = draft.targets
        assert line.last_year is None and line.same_period == ""
        assert "Chỉ tiêu “Kết nạp đảng viên mới” chưa có số liệu cùng kỳ năm 2024." in draft.gaps

    def test_a_target_of_another_year_is_left_out(self, org, tree, resolution):
        target_add(
            resolution=resolution,
            title="Chỉ tiêu quý",
            measure="count",
            target_value=1,
            rollup="sum",
            period="2025-Q4",
        )
        draft = review_assemble((org.region, "2025-H1", "so_ket"), today=TODAY)
        assert draft.targets == ()
        assert "Chưa có chỉ tiêu nào của 6 tháng đầu năm 2025." in draft.gaps

    def test_directives_give_the_bodys_step_and_the_subtrees_counts(self, org):
        directive = make_document(
            issuer=org.region, subtree_of=org.brigade, issued_on=dt.date(2025, 2, 3)
        )
        advance_recipient(
            recipient=recipient_of(document=directive, body=org.brigade), to=Step.REPORTED
        )
        advance_recipient(
            recipient=recipient_of(document=directive, body=org.cell), to=Step.RECEIVED
        )
        draft = review_assemble((org.brigade, "2025", "tong_ket"), today=TODAY)
        (line,) = draft.directives
        assert line.own_step == "Đã báo cáo"
        assert "của Đảng ủy Quân khu 8" in line.citation
        assert dict(line.step_counts) == {"Chưa tiếp nhận": 1, "Đã tiếp nhận": 1}
        assert line.bodies_total == 2

    def test_a_directive_the_body_issued_down_its_subtree_says_how_far_it_went(self, org):
        directive = make_document(
            issuer=org.region, subtree_of=org.brigade, issued_on=dt.date(2025, 2, 3)
        )
        advance_recipient(
            recipient=recipient_of(document=directive, body=org.cell), to=Step.DISSEMINATED
        )
        draft = review_assemble((org.region, "2025", "tong_ket"), today=TODAY)
        (line,) = draft.directives
        assert line.own_step == "Đã ban hành"
        assert dict(line.step_counts)["Đã quán triệt"] == 1
        assert line.bodies_total == 3  # the brigade and its two cells

    def test_conferences_requirements_and_awards_of_the_subtree(self, org):
        own = make_conference(body=org.brigade, kind="so_ket", held_on=dt.date(2025, 6, 20))
        make_conference(body=org.cell, kind="thuong_ky", held_on=dt.date(2025, 7, 1))
        make_conference(body=org.cell, kind="thuong_ky", held_on=dt.date(2024, 7, 1))
        make_conclusion(conference=own, assignee=org.cell, text="Rà soát đảng viên")
        make_award(conference=own, body=org.cell, reason="năm 2025")
        draft = review_assemble((org.brigade, "2025", "tong_ket"), today=TODAY)
        assert [c.kind_label for c in draft.conferences] == [
            "Hội nghị sơ kết",
            "Hội nghị thường kỳ",
        ]
        assert draft.conference_counts == (("Hội nghị thường kỳ", 1),)
        (req,) = draft.requirements
        assert (req.text, req.assignee) == ("Rà soát đảng viên", "Chi bộ Đại đội 1")
        assert (draft.requirements_total, draft.requirements_done) == (1, 0)
        (awards,) = draft.extra
        assert awards.key == "awards" and "Giấy khen" in awards.lines[0]

    def test_a_registered_section_is_added_without_resolutions_knowing_its_app(self, org):
        review_sections.register(
            "ratings", "Đánh giá, xếp loại", lambda b, s, e: [f"{b.name}: tốt"]
        )
        try:
            draft = review_assemble((org.cell, "2025", "tong_ket"), today=TODAY)
        finally:
            review_sections.unregister("ratings")
        assert ("ratings", ("Chi bộ Đại đội 1: tốt",)) in [(x.key, x.lines) for x in draft.extra]

    def test_the_header_names_the_superior_and_the_secretary_or_says_it_is_missing(self, org):
        draft = review_assemble((org.brigade, "2025", "tong_ket"), today=TODAY)
        assert draft.superior_name == "Đảng ủy Quân khu 8"
        assert (draft.signer, draft.signer_title) == ("Đại tá Bùi Hữu Ba", "BÍ THƯ")
        assert draft.period_words == "năm 2025"
        top = review_assemble((org.region, "2025", "tong_ket"), today=TODAY)
        assert top.superior_name == "" and top.signer == ""
        assert "Chưa ghi nhận bí thư của Đảng ủy Quân khu 8: phần chữ ký để trống." in top.gaps

    def test_empty_staff_sections_are_gaps_and_a_saved_version_fills_them(self, org):
        review = make_review(body=org.cell)
        assert "Chưa viết phần “Ưu điểm”." in review_assemble(review, today=TODAY).gaps
        make_review_version(review=review, strengths="Đoàn kết")
        draft = review_assemble(review, today=TODAY)
        assert draft.version == 1 and draft.staff.strengths == "Đoàn kết"
        assert "Chưa viết phần “Ưu điểm”." not in draft.gaps
        make_review_version(review=review, strengths="Đoàn kết, thống nhất")
        assert review_assemble(review, version=1, today=TODAY).staff.strengths == "Đoàn kết"

    def test_the_number_of_queries_does_not_grow_with_the_subtree(
        self, org, tree, django_assert_num_queries
    ):
        directive = make_document(
            issuer=org.region, subtree_of=org.region, issued_on=dt.date(2025, 2, 3)
        )
        conf = make_conference(body=org.region, kind="so_ket", held_on=dt.date(2025, 6, 20))
        make_conclusion(conference=conf, assignee=org.cell)
        make_award(conference=conf, body=org.cell)
        review = make_review(body=org.region)
        review = Review.objects.select_related("body", "document").get(pk=review.pk)
        with CaptureQueriesContext(connection) as small:
            review_assemble(review, today=TODAY)
        # many more bodies below, each handed the target, addressed, meeting and assigned
        for i in range(25):
            cell = make_cell(parent=org.brigade)
            target_hand_down(
                target=tree, values={cell: 1}, via=tree.assignments.get(body=org.brigade)
            )
            progress_enter(target=tree, body=cell, value="1", on=dt.date(2025, 11, 1), note="x")
            c = make_conference(body=cell, kind="thuong_ky", held_on=dt.date(2025, 5, 1 + i % 28))
            make_conclusion(conference=c, assignee=cell)
            make_award(conference=c, body=cell)
        from ctct.documents.services import distribution_create

        distribution_create(document=directive, subtree_of=org.brigade)
        with django_assert_num_queries(len(small.captured_queries)):
            draft = review_assemble(review, today=TODAY)
        assert draft.targets[0].bodies_handed == 28
        assert len(draft.conferences) == 26
