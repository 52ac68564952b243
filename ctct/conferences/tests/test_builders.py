"""The checked, unsaved participants and disseminations a bulk import builds (awards:
``ratings/tests/test_announced.py``)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ctct.conferences.models import Role
from ctct.conferences.services import (
    MSG_DOC_REQUIRED,
    MSG_GUEST_NEEDS_MARK,
    MSG_NAME_REQUIRED,
    MSG_ROLE,
    conference_document_build,
    participant_build,
)


def messages(e: ValidationError) -> list[str]:
    return [str(m) for m in e.messages]


class TestParticipantBuild:
    def test_a_built_participant_is_unsaved(self, conference, org):
        p = participant_build(
            conference=conference,
            role=Role.SPOKE,
            full_name=org.commissar.full_name,
            person_id=org.commissar.pk,
            order=3,
        )
        assert p.pk is None and (p.person_id, p.order, p.role) == (org.commissar.pk, 3, Role.SPOKE)

    def test_an_unknown_role_is_refused(self, conference):
        with pytest.raises(ValidationError) as e:
            participant_build(
                conference=conference, role="host", full_name="Lê Văn Tám", is_guest=True
            )
        assert messages(e.value) == [str(MSG_ROLE)]

    def test_a_participant_without_name_is_refused(self, conference):
        with pytest.raises(ValidationError) as e:
            participant_build(
                conference=conference, role=Role.ATTENDED, full_name=" ", is_guest=True
            )
        assert messages(e.value) == [str(MSG_NAME_REQUIRED)]

    def test_someone_not_on_record_must_be_a_guest(self, conference):
        with pytest.raises(ValidationError) as e:
            participant_build(conference=conference, role=Role.ATTENDED, full_name="Lê Văn Tám")
        assert messages(e.value) == [str(MSG_GUEST_NEEDS_MARK)]


class TestConferenceDocumentBuild:
    def test_a_dissemination_without_document_is_refused(self, conference):
        with pytest.raises(ValidationError) as e:
            conference_document_build(conference=conference, document_id=None)
        assert messages(e.value) == [str(MSG_DOC_REQUIRED)]
