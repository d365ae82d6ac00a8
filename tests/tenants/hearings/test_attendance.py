"""Attendance recorded with the minutes: who came for each party and in what capacity, the
preposto's carta de preposição (checked by content), and what each absence does to the case."""

import pytest
from django.core.exceptions import ValidationError

from shared.caseindex.models import CaseIndexEntry
from tenants.complaints.lifecycle import Classification, Step
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.configuration.actions import do_update_procon_settings
from tenants.hearings.lifecycle import HearingStatus
from tenants.hearings.models import AuthorisationLetter, HearingAttendance, HearingMinutes
from tests.tenants.hearings.attendance_factories import (
    ABSENT,
    CONSUMER_CAME,
    PARTNER_CAME,
    PREPOSTO_CAME,
    letter,
    minutes_with,
)
from tests.tenants.hearings.factories import at_hearing_scheduled, hearing_time_arrives

pytestmark = pytest.mark.django_db


@pytest.fixture
def hearing(santos, attendant, conciliator):
    return hearing_time_arrives(at_hearing_scheduled(attendant, conciliator))


def refused(hearing, conciliator, **attendance) -> dict[str, list[str]]:
    """The field errors of minutes with this attendance; nothing is recorded."""
    with pytest.raises(ValidationError) as refusal:
        minutes_with(hearing, conciliator, **attendance)
    assert not HearingMinutes.objects.filter(hearing=hearing).exists()
    assert not HearingAttendance.objects.filter(hearing=hearing).exists()
    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.SCHEDULED
    return refusal.value.message_dict


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_both_parties_present_with_the_preposto_and_the_letter(hearing, conciliator) -> None:
    minutes = minutes_with(hearing, conciliator, company=PREPOSTO_CAME, with_letter=True)

    assert minutes.outcome == "agreement"
    rows = {row.party: row for row in hearing.attendance.all()}
    assert (rows["consumer"].present, rows["consumer"].name, rows["consumer"].capacity) == (
        True,
        "Maria Consumidora",
        "consumer",
    )
    assert (rows["company"].name, rows["company"].capacity) == ("Paulo Preposto", "preposto")
    stored = AuthorisationLetter.objects.get(attendance=rows["company"])
    assert (stored.content_type, stored.uploaded_by_id) == ("application/pdf", conciliator.pk)
    assert stored.file.read().startswith(b"%PDF-")
    hearing.complaint.refresh_from_db()
    assert hearing.complaint.status == S.AGREEMENT


@pytest.mark.parametrize("archives", [True, False], ids=["archives", "stays-open"])
def test_an_absent_consumer_archives_the_complaint_or_not_as_the_procon_says(
    hearing, conciliator, archives
) -> None:
    do_update_procon_settings(consumer_absence_archives=archives)

    # the conciliator chose "no agreement": the absence is what the minutes record
    minutes = minutes_with(hearing, conciliator, consumer=ABSENT, outcome="no_agreement")

    assert minutes.outcome == "consumer_absent"
    assert hearing.attendance.get(party="consumer").present is False
    complaint = hearing.complaint
    complaint.refresh_from_db()
    event = complaint.events.last()
    assert event.step == Step.RECORD_MINUTES
    index = CaseIndexEntry.objects.get(number=complaint.number)
    if archives:
        assert (complaint.status, complaint.classification) == (
            S.CLOSED,
            Classification.WITHDRAWN,
        )
        assert complaint.closed_at is not None
        assert event.data["archived"] == "consumer_absent"
        assert event.status_after == S.CLOSED
        assert "o consumidor não compareceu à audiência" in event.note
        assert (index.status, index.classification) == ("closed", "withdrawn")
    else:
        assert (complaint.status, complaint.classification) == (S.NO_AGREEMENT, "")
        assert "archived" not in event.data
        assert (index.status, index.classification) == ("no_agreement", "")


def test_an_absent_company_is_recorded_and_the_case_goes_on(hearing, conciliator) -> None:
    minutes = minutes_with(hearing, conciliator, company=ABSENT, outcome="")

    assert minutes.outcome == "company_absent"
    absent = hearing.attendance.get(party="company")
    assert (absent.present, absent.name, absent.capacity) == (False, "", "")
    hearing.complaint.refresh_from_db()
    assert hearing.complaint.status == S.NO_AGREEMENT
    assert hearing.complaint.events.last().data["outcome"] == "company_absent"


def test_both_absent_is_the_consumers_absence_with_the_company_absence_kept(
    hearing, conciliator
) -> None:
    do_update_procon_settings(consumer_absence_archives=False)
    minutes = minutes_with(hearing, conciliator, consumer=ABSENT, company=ABSENT, outcome="")
    assert minutes.outcome == "consumer_absent"
    assert set(hearing.attendance.values_list("party", "present")) == {
        ("consumer", False),
        ("company", False),
    }


def test_a_preposto_without_the_letter_is_refused(hearing, conciliator) -> None:
    with pytest.raises(ValidationError) as refusal:
        minutes_with(hearing, conciliator, company=PREPOSTO_CAME)
    assert codes(refusal.value) == {"authorisation_letter": ["attendance_letter_required"]}
    assert not HearingMinutes.objects.filter(hearing=hearing).exists()


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00 an executable", b"%PDF-1.7 but nothing parses", b"just text\n"],
    ids=["executable", "broken-pdf", "text"],
)
def test_a_letter_that_is_not_a_pdf_or_an_image_by_content_is_refused(
    hearing, conciliator, content
) -> None:
    with pytest.raises(ValidationError) as refusal:
        from tenants.hearings.minutes import do_record_minutes

        do_record_minutes(
            hearing,
            actor=conciliator,
            as_role="conciliator",
            outcome="no_agreement",
            summary="Sem acordo.",
            consumer=CONSUMER_CAME,
            company=PREPOSTO_CAME,
            authorisation_letter=letter("carta.pdf", content),
        )
    errors = refusal.value.message_dict
    assert list(errors) == ["authorisation_letter"]
    assert "carta.pdf" in errors["authorisation_letter"][0]
    assert not AuthorisationLetter.objects.exists()
    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.SCHEDULED


def test_a_letter_without_a_preposto_is_refused(hearing, conciliator) -> None:
    with pytest.raises(ValidationError) as refusal:
        minutes_with(hearing, conciliator, company=PARTNER_CAME, with_letter=True)
    assert codes(refusal.value) == {"authorisation_letter": ["attendance_letter_not_expected"]}
    with pytest.raises(ValidationError) as refusal:
        minutes_with(hearing, conciliator, company=ABSENT, outcome="", with_letter=True)
    assert codes(refusal.value) == {"authorisation_letter": ["attendance_letter_not_expected"]}


def test_someone_present_needs_a_name_and_a_capacity_of_that_party(hearing, conciliator) -> None:
    from tenants.hearings.attendance import Attendee

    errors = refused(
        hearing,
        conciliator,
        consumer=Attendee(present=True, name=" ", capacity="preposto"),
        company=Attendee(present=None),
    )
    assert set(errors) == {"consumer_name", "consumer_capacity", "company_present"}


def test_the_outcome_must_match_who_came(hearing, conciliator) -> None:
    with pytest.raises(ValidationError) as refusal:
        minutes_with(hearing, conciliator, company=ABSENT, outcome="agreement")
    assert codes(refusal.value)["outcome"] == ["minutes_outcome_mismatch"]
    with pytest.raises(ValidationError) as refusal:
        minutes_with(hearing, conciliator, outcome="company_absent")
    assert codes(refusal.value) == {"outcome": ["minutes_outcome_mismatch"]}
    with pytest.raises(ValidationError) as refusal:
        minutes_with(hearing, conciliator, company=ABSENT, outcome="consumer_absent")
    assert codes(refusal.value) == {"outcome": ["minutes_outcome_mismatch"]}


def test_minutes_without_attendance_record_the_absence_the_outcome_names(
    hearing, conciliator
) -> None:
    """The API before attendance (no presence given): the outcome as given."""
    from tests.tenants.hearings.factories import record_minutes

    record_minutes(hearing, conciliator, "company_absent", "Ausente.")
    assert list(hearing.attendance.values_list("party", "present")) == [("company", False)]
