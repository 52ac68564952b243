"""A background task reads, matches and looks for copies before it takes the import lock,
side by side with the other workers; what another worker writes while the task waits for the
lock must still be seen. Here "another worker" writes just before the task gets the lock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ctct.conferences.models import Conference
from ctct.imports import review, tasks, worker
from ctct.imports.models import ImportItem, ItemStatus
from ctct.imports.tests.test_services import BRIGADE_REPORT, report, run, write
from ctct.people.models import Person

pytestmark = pytest.mark.django_db

NEWCOMER = "Đại úy Trần Văn Mới, Bí thư Chi bộ Đại đội 1"  # nobody of that name is on record


@pytest.fixture
def queued(org, users, settings, tmp_path):
    """Upload ``text`` and list it into a waiting item (as the expand task does); its id."""
    settings.CTCT_IMPORT_DIR = tmp_path / "imports"

    def make(text: str) -> int:
        upload = SimpleUploadedFile("r.txt", text.encode(), "text/plain")
        batch = tasks.upload_start(root=org.region, user=users.officer, files=[upload])
        tasks.batch_expand(batch)
        return batch.items.get().pk

    return make


@pytest.fixture
def while_waiting(monkeypatch):
    """Run ``action`` once, when a task asks for the import lock (before it has it)."""
    real = worker.import_lock

    def set_action(action) -> None:
        pending = [action]

        def lock() -> None:
            if pending:
                pending.pop()()
            real()

        monkeypatch.setattr(worker, "import_lock", lock)

    return set_action


def test_a_copy_written_by_another_worker_while_waiting_is_a_duplicate(
    tmp_path, org, queued, while_waiting
):
    pk = queued(BRIGADE_REPORT)
    saved_again = BRIGADE_REPORT.replace("\n", "\r\n")  # the same text, other bytes
    while_waiting(lambda: run(tmp_path, org, write(tmp_path, "other.txt", saved_again)))
    worker.process_many([pk])
    assert ImportItem.objects.get(pk=pk).status == ItemStatus.DUPLICATE
    assert ImportItem.objects.filter(status=ItemStatus.APPLIED).count() == 1
    assert Conference.objects.count() == 1


def test_a_person_created_by_another_worker_while_waiting_is_matched_not_created_again(
    tmp_path, org, queued, while_waiting
):
    pk = queued(report(organizer="Chi bộ Đại đội 1", date="19/6/2025", chair=NEWCOMER))
    earlier = report(organizer="Chi bộ Đại đội 1", date="20/12/2024", chair=NEWCOMER)
    while_waiting(lambda: run(tmp_path, org, write(tmp_path, "earlier.txt", earlier)))
    worker.process_many([pk])
    assert ImportItem.objects.get(pk=pk).status == ItemStatus.APPLIED
    assert Person.objects.filter(full_name="Trần Văn Mới").count() == 1
    assert Conference.objects.count() == 2


def test_a_person_created_before_the_task_began_is_matched_as_usual(tmp_path, org, queued):
    run(tmp_path, org, write(tmp_path, "earlier.txt", report(date="20/12/2024", chair=NEWCOMER)))
    pk = queued(report(date="19/6/2025", chair=NEWCOMER))
    worker.process_many([pk])
    assert Person.objects.filter(full_name="Trần Văn Mới").count() == 1


def test_an_original_discarded_while_waiting_no_longer_makes_the_report_a_copy(
    tmp_path, org, queued, while_waiting, users
):
    from ctct.people.services import person_create

    person_create(
        full_name="Nguyễn Văn An",
        body=org.other_cell,
        rank="Trung úy",
        rank_conferred_on=dt.date(2023, 1, 1),
    )
    text = report(extra="Trung úy Nguyễn Văn An phát biểu tham luận tại hội nghị.")
    run(tmp_path, org, write(tmp_path, "first.txt", text))
    first = ImportItem.objects.get()
    assert first.status == ItemStatus.NEEDS_REVIEW  # two people of that name and rank
    pk = queued(text)
    while_waiting(lambda: review.item_discard(item=first, user=users.officer))
    worker.process_many([pk])
    assert ImportItem.objects.get(pk=pk).status == ItemStatus.NEEDS_REVIEW


def test_a_body_name_learned_while_waiting_finds_the_organizer(
    tmp_path, org, queued, while_waiting
):
    unknown = "Đảng ủy Lữ đoàn Công binh 657"  # not a name in the tree: a person must choose
    pk = queued(report(organizer=unknown, date="20/12/2025"))

    def choose_elsewhere() -> None:
        run(tmp_path, org, write(tmp_path, "e.txt", report(organizer=unknown)))
        other = ImportItem.objects.exclude(pk=pk).get()
        review.item_choose(item=other, kind="organizer", index=0, choice=org.brigade.pk, user=None)
        review.item_confirm(item=other, user=None)

    while_waiting(choose_elsewhere)
    worker.process_many([pk])
    item = ImportItem.objects.get(pk=pk)
    assert item.status == ItemStatus.APPLIED
    assert item.conference.body == org.brigade


def test_a_later_task_of_the_batch_sees_a_person_renamed_by_hand_since_the_earlier_one(
    org, users, settings, tmp_path
):
    from ctct.people.services import person_update

    settings.CTCT_IMPORT_DIR = tmp_path / "imports"
    files = [
        SimpleUploadedFile(name, text.encode(), "text/plain")
        for name, text in [
            ("1.txt", report(organizer="Chi bộ Đại đội 1", date="20/12/2024", chair=NEWCOMER)),
            ("2.txt", report(organizer="Chi bộ Đại đội 1", date="19/6/2025", chair=NEWCOMER)),
        ]
    ]
    batch = tasks.upload_start(root=org.region, user=users.officer, files=files)
    tasks.batch_expand(batch)
    first, second = batch.items.order_by("order").values_list("pk", flat=True)
    worker.process_many([first])  # the batch's next task reads the people again
    created = Person.objects.get(full_name="Trần Văn Mới")
    person_update(person=created, full_name="Trần Văn Mớt")  # a typo fixed by hand, say
    worker.process_many([second])
    chair = Conference.objects.get(held_on=dt.date(2025, 6, 19)).participants.get(role="chair")
    assert chair.person.full_name == "Trần Văn Mới" and chair.person != created


def test_a_second_report_naming_the_same_award_adds_no_second_recipient(tmp_path, org, queued):
    from ctct.ratings.models import Award, AwardDecision

    award = "Dịp này, Ban Thường vụ Đảng ủy Quân khu tặng Bằng khen cho 12 tổ chức đảng."
    run(tmp_path, org, write(tmp_path, "first.txt", BRIGADE_REPORT + "\n" + award + "\n"))
    pk = queued(report(extra=award))  # another paper's report of it, naming the award too
    worker.process_many([pk])
    item = ImportItem.objects.get(pk=pk)
    assert item.status == ItemStatus.APPLIED
    assert Conference.objects.get() == item.conference
    assert AwardDecision.objects.count() == 1 and Award.objects.count() == 1


def test_a_second_report_of_a_conference_on_record_joins_it(tmp_path, org, queued):
    run(tmp_path, org, write(tmp_path, "first.txt", BRIGADE_REPORT))
    other_report = report(extra="Hội nghị biểu dương 12 tập thể, 25 cá nhân có thành tích.")
    pk = queued(other_report)  # another paper's report: the same brigade, kind and day
    worker.process_many([pk])
    item = ImportItem.objects.get(pk=pk)
    assert item.status == ItemStatus.APPLIED
    assert Conference.objects.get() == item.conference
