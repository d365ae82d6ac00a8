"""Scheduling, rescheduling and the minutes through the domain services, and their refusals."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from icalendar import Calendar, Event

from kernel.errors import IllegalStep
from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.caseindex.models import CaseIndexEntry
from shared.notifications.models import OutboundEmail
from tenants.complaints.actions.closing import do_confirm_agreement
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.hearings.actions import do_reschedule_hearing, do_schedule_hearing
from tenants.hearings.errors import HearingErrorCode
from tenants.hearings.lifecycle import HearingStatus
from tenants.hearings.minutes import do_record_minutes
from tenants.hearings.models import ConciliationHearing, HearingMinutes
from tests.factories import ConsumerFactory, staff
from tests.tenants.complaints.factories import file_complaint
from tests.tenants.hearings.factories import (
    at_hearing_scheduled,
    at_not_resolved,
    hearing_scheduled,
    hearing_time_arrives,
    in_days,
    record_minutes,
)

pytestmark = pytest.mark.django_db


def invitations(hearing: ConciliationHearing) -> list[OutboundEmail]:
    return list(
        OutboundEmail.objects.filter(key__startswith=f"hearing:{hearing.pk}:invitation:").order_by(
            "key"
        )
    )


def parsed_event(email: OutboundEmail) -> Event:
    (attachment,) = email.attachments
    assert (attachment["filename"], attachment["content_type"]) == (
        "audiencia.ics",
        "text/calendar; method=REQUEST",
    )
    calendar = Calendar.from_ical(attachment["content"])
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    return event


def test_scheduling_moves_the_complaint_records_the_event_and_sends_calendar_invitations(
    santos, attendant, conciliator, company, agent
) -> None:
    # given
    complaint = at_not_resolved(attendant, company=company)
    starts_at = in_days(3)
    # when
    hearing = hearing_scheduled(complaint, conciliator, starts_at)
    # then
    complaint.refresh_from_db()
    assert complaint.status == S.HEARING_SCHEDULED
    last = complaint.events.last()
    assert (last.step, last.data["hearing_id"]) == ("schedule_hearing", hearing.pk)
    assert CaseIndexEntry.objects.get(number=complaint.number).status == "hearing_scheduled"
    assert hearing.status == HearingStatus.SCHEDULED
    assert hearing.duration_minutes == 60
    assert hearing.room_url.startswith("https://meet.jit.si/")
    assert len(hearing.room_url.removeprefix("https://meet.jit.si/")) >= 22
    emails = invitations(hearing)
    assert sorted(e.to[0] for e in emails) == sorted([complaint.consumer.email, agent.email])
    for email in emails:
        event = parsed_event(email)
        assert str(event["UID"]) == hearing.ics_uid
        assert int(event["SEQUENCE"]) == 0
        assert event["DTSTART"].dt == starts_at.astimezone(UTC)
        assert event["DTSTART"].dt.utcoffset() == timedelta(0)
        assert event["DTEND"].dt == (starts_at + timedelta(minutes=60)).astimezone(UTC)
        assert complaint.number in str(event["SUMMARY"])
        assert str(event["LOCATION"]) == hearing.room_url
        assert str(event["URL"]) == hearing.room_url
        assert "ORGANIZER" in event
    # the invitation is the step's only e-mail: the complaint's step e-mail is not sent as well
    assert not OutboundEmail.objects.filter(
        key__startswith=f"complaint:{complaint.number}:event:{last.pk}:"
    ).exists()


def test_rescheduling_keeps_the_uid_bumps_the_sequence_and_supersedes_the_old_hearing(
    santos, attendant, conciliator
) -> None:
    first = at_hearing_scheduled(attendant, conciliator)
    new_time = in_days(5, hour=10)

    second = do_reschedule_hearing(first, actor=attendant, as_role="attendant", starts_at=new_time)

    first.refresh_from_db()
    assert first.status == HearingStatus.RESCHEDULED
    assert (second.status, second.supersedes_id) == (HearingStatus.SCHEDULED, first.pk)
    assert (second.ics_uid, second.ics_sequence) == (first.ics_uid, first.ics_sequence + 1)
    assert second.room_url == first.room_url
    assert second.conciliator_id == conciliator.pk
    second.complaint.refresh_from_db()
    assert second.complaint.status == S.HEARING_SCHEDULED
    assert second.complaint.events.last().step == "reschedule_hearing"
    event = parsed_event(invitations(second)[0])
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (first.ics_uid, 1)
    assert event["DTSTART"].dt == new_time.astimezone(UTC)
    # the superseded hearing can no longer be rescheduled or minuted
    with pytest.raises(IllegalStep):
        do_reschedule_hearing(first, actor=attendant, as_role="attendant", starts_at=in_days(6))


def test_a_past_date_and_someone_who_is_not_a_conciliator_here_are_field_errors(
    santos, attendant, conciliator, other_procon
) -> None:
    complaint = at_not_resolved(attendant)
    outsider = staff(other_procon, StaffRole.CONCILIATOR)

    def refused(chosen: User, starts_at: datetime) -> dict:
        with pytest.raises(ValidationError) as error:
            do_schedule_hearing(
                complaint,
                actor=conciliator,
                as_role="conciliator",
                conciliator=chosen,
                starts_at=starts_at,
            )
        return error.value.error_dict

    errors = refused(attendant, timezone.now() - timedelta(hours=1))
    assert set(errors) == {"conciliator", "starts_at"}
    assert errors["starts_at"][0].code == HearingErrorCode.PAST_DATE
    assert errors["conciliator"][0].code == HearingErrorCode.NOT_CONCILIATOR
    assert set(refused(outsider, in_days(2))) == {"conciliator"}
    complaint.refresh_from_db()
    assert complaint.status == S.NOT_RESOLVED
    assert not ConciliationHearing.objects.exists()


def test_scheduling_a_registered_complaint_or_by_the_consumer_is_an_illegal_step(
    santos, attendant, conciliator
) -> None:
    registered = file_complaint()
    complaint = at_not_resolved(attendant)
    tries = [
        (registered, conciliator, "conciliator"),  # not yet at a hearing's state
        (complaint, complaint.consumer, "consumer"),
        (complaint, complaint.consumer, "conciliator"),  # claiming a role one does not hold
    ]
    for case, actor, as_role in tries:
        with pytest.raises(IllegalStep):
            do_schedule_hearing(
                case, actor=actor, as_role=as_role, conciliator=conciliator, starts_at=in_days(2)
            )
    assert not ConciliationHearing.objects.exists()


def test_minutes_with_an_agreement_wait_for_the_consumer_who_confirms_it(
    santos, attendant, conciliator
) -> None:
    hearing = hearing_time_arrives(at_hearing_scheduled(attendant, conciliator))
    due = timezone.localdate() + timedelta(days=15)

    minutes = record_minutes(
        hearing,
        conciliator,
        "agreement",
        "As partes chegaram a um acordo.",
        terms="A empresa troca a geladeira.",
        due_in_days=15,
    )

    hearing.refresh_from_db()
    complaint = hearing.complaint
    complaint.refresh_from_db()
    assert hearing.status == HearingStatus.HELD
    assert (minutes.outcome, minutes.agreement_due_on) == ("agreement", due)
    assert (complaint.status, complaint.agreement_due_on) == (S.AGREEMENT, due)
    assert complaint.events.last().step == "record_minutes"
    complaint = do_confirm_agreement(complaint, actor=complaint.consumer, fulfilled=True)
    assert (complaint.status, complaint.classification) == (S.CLOSED, "agreement")


# The consumer's absence archives the complaint where the Procon says so: test_attendance.py.
@pytest.mark.parametrize("outcome", ["no_agreement", "company_absent"])
def test_absences_and_no_agreement_leave_the_complaint_without_agreement(
    santos, attendant, conciliator, outcome
) -> None:
    hearing = hearing_time_arrives(at_hearing_scheduled(attendant, conciliator))
    minutes = do_record_minutes(
        hearing,
        actor=conciliator,
        as_role="conciliator",
        outcome=outcome,
        summary="Sem acordo.",
        agreement_terms="ignored",
        agreement_due_on=timezone.localdate(),
    )
    hearing.complaint.refresh_from_db()
    assert hearing.complaint.status == S.NO_AGREEMENT
    assert hearing.complaint.agreement_due_on is None
    assert (minutes.agreement_terms, minutes.agreement_due_on) == ("", None)


def test_a_new_hearing_may_follow_one_without_agreement(santos, attendant, conciliator) -> None:
    hearing = hearing_time_arrives(at_hearing_scheduled(attendant, conciliator))
    record_minutes(hearing, conciliator, "company_absent", "Ausente.")
    again = hearing_scheduled(hearing.complaint, conciliator, in_days(4))
    assert again.ics_uid != hearing.ics_uid
    assert list(hearing.complaint.hearings.values_list("status", flat=True)) == [
        "held",
        "scheduled",
    ]


def test_an_agreement_needs_terms_and_a_due_date(santos, attendant, conciliator) -> None:
    hearing = hearing_time_arrives(at_hearing_scheduled(attendant, conciliator))
    with pytest.raises(ValidationError) as error:
        do_record_minutes(
            hearing, actor=conciliator, as_role="conciliator", outcome="agreement", summary=" "
        )
    assert set(error.value.error_dict) == {"summary", "agreement_terms", "agreement_due_on"}
    with pytest.raises(ValidationError) as error:
        do_record_minutes(
            hearing, actor=conciliator, as_role="conciliator", outcome="maybe", summary="x"
        )
    assert set(error.value.error_dict) == {"outcome"}
    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.SCHEDULED


def test_minutes_wait_for_the_hearing_and_are_the_conciliators_step(
    santos, attendant, conciliator
) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator)
    with pytest.raises(IllegalStep):
        do_record_minutes(
            hearing, actor=conciliator, as_role="conciliator", outcome="no_agreement", summary="x"
        )
    hearing = hearing_time_arrives(hearing)
    with pytest.raises(IllegalStep):
        do_record_minutes(
            hearing, actor=attendant, as_role="attendant", outcome="no_agreement", summary="x"
        )
    with pytest.raises(IllegalStep):
        do_record_minutes(
            hearing,
            actor=ConsumerFactory(),
            as_role="consumer",
            outcome="no_agreement",
            summary="x",
        )
    assert not HearingMinutes.objects.exists()


def test_the_database_keeps_one_scheduled_hearing_per_complaint_and_agreements_complete(
    santos, attendant, conciliator
) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator)
    minutes = {"hearing": hearing, "summary": "x", "recorded_by": conciliator}
    refused = [
        # a second scheduled hearing for the same complaint
        (
            ConciliationHearing,
            {
                "complaint": hearing.complaint,
                "conciliator": conciliator,
                "starts_at": in_days(9),
                "duration_minutes": 30,
                "room_url": "https://meet.jit.si/x",
                "ics_uid": "other@x",
                "scheduled_by": conciliator,
            },
        ),
        # an agreement without its terms
        (HearingMinutes, {**minutes, "outcome": "agreement", "agreement_terms": ""}),
        # a due date without an agreement
        (
            HearingMinutes,
            {**minutes, "outcome": "no_agreement", "agreement_due_on": timezone.localdate()},
        ),
    ]
    for model, fields in refused:
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.create(**fields)
