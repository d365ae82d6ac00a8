"""The time-driven reminders: 24 hours before a hearing, and the day before an agreement is due,
one e-mail and one text message per accepted channel, never two however often the sweep runs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shared.notifications.models import OutboundEmail
from tenants.complaints.lifecycle import ComplaintStatus
from tenants.complaints.models import Complaint
from tenants.hearings.lifecycle import HearingStatus
from tenants.hearings.models import ConciliationHearing
from tenants.hearings.reminders import (
    agreements_to_remind,
    hearings_to_remind,
    remind_agreement_due,
    remind_hearing,
)
from tenants.textmessages.models import TextMessage
from tests.tenants.hearings.factories import at_hearing_scheduled
from tests.tenants.textmessages.helpers import opted_in_consumer

pytestmark = pytest.mark.usefixtures("santos")


def _hearing_in(hours: float, attendant, conciliator, **kwargs) -> ConciliationHearing:  # type: ignore[no-untyped-def]
    """A scheduled hearing moved to `hours` from now, as time passing would bring it."""
    hearing = at_hearing_scheduled(attendant, conciliator, **kwargs)
    ConciliationHearing.objects.filter(pk=hearing.pk).update(
        starts_at=timezone.now() + timedelta(hours=hours)
    )
    hearing.refresh_from_db()
    return hearing


def test_a_hearing_within_24_hours_is_reminded_once_by_email_and_sms(
    attendant, conciliator
) -> None:
    # given a consumer who accepted SMS, whose hearing is in 20 hours
    consumer = opted_in_consumer()
    hearing = _hearing_in(20, attendant, conciliator, consumer=consumer)
    assert ("procon_santos", hearing.pk) in hearings_to_remind(now=timezone.now())

    # when the reminder runs twice
    assert remind_hearing.apply(args=[hearing.pk]).get() is True
    remind_hearing.apply(args=[hearing.pk]).get()

    # then one e-mail and one SMS were queued, and the sweep no longer finds the hearing
    [email] = OutboundEmail.objects.filter(key=f"hearing:{hearing.pk}:reminder")
    assert email.to == [consumer.email]
    assert hearing.complaint.number in email.subject
    [sms] = TextMessage.objects.filter(key__startswith=f"hearing:{hearing.pk}:reminder")
    assert (sms.channel, sms.to) == ("sms", consumer.text_phone)
    assert hearing.complaint.number in sms.body
    assert ("procon_santos", hearing.pk) not in hearings_to_remind(now=timezone.now())


def test_hearings_further_away_past_or_cancelled_are_not_reminded(attendant, conciliator) -> None:
    later = _hearing_in(30, attendant, conciliator)
    past = _hearing_in(-1, attendant, conciliator)
    cancelled = _hearing_in(5, attendant, conciliator)
    ConciliationHearing.objects.filter(pk=cancelled.pk).update(status=HearingStatus.CANCELLED)

    due = hearings_to_remind(now=timezone.now())

    for hearing in (later, past, cancelled):
        assert ("procon_santos", hearing.pk) not in due
    assert remind_hearing.apply(args=[cancelled.pk]).get() is False
    assert not OutboundEmail.objects.filter(key=f"hearing:{cancelled.pk}:reminder").exists()


def test_a_consumer_without_text_messages_gets_the_email_only(attendant, conciliator) -> None:
    hearing = _hearing_in(3, attendant, conciliator)

    remind_hearing.apply(args=[hearing.pk])

    assert OutboundEmail.objects.filter(key=f"hearing:{hearing.pk}:reminder").count() == 1
    assert not TextMessage.objects.filter(key__startswith=f"hearing:{hearing.pk}:").exists()


def test_an_agreement_due_tomorrow_is_reminded_once(attendant, conciliator) -> None:
    # given an agreement due tomorrow (as the minutes record it)
    consumer = opted_in_consumer()
    hearing = _hearing_in(30, attendant, conciliator, consumer=consumer)
    tomorrow = timezone.localdate() + timedelta(days=1)
    Complaint.objects.filter(pk=hearing.complaint_id).update(
        status=ComplaintStatus.AGREEMENT, agreement_due_on=tomorrow
    )
    complaint = Complaint.objects.get(pk=hearing.complaint_id)
    assert ("procon_santos", complaint.pk) in agreements_to_remind(today=timezone.localdate())

    # when the reminder runs twice
    assert remind_agreement_due.apply(args=[complaint.pk]).get() is True
    remind_agreement_due.apply(args=[complaint.pk]).get()

    # then one e-mail and one SMS
    key = f"complaint:{complaint.number}:agreement-due:{tomorrow.isoformat()}"
    assert OutboundEmail.objects.filter(key=key).count() == 1
    [sms] = TextMessage.objects.filter(key__startswith=key)
    assert complaint.number in sms.body
    assert ("procon_santos", complaint.pk) not in agreements_to_remind(today=timezone.localdate())


def test_a_complaint_no_longer_waiting_on_its_agreement_is_not_reminded(
    attendant, conciliator
) -> None:
    hearing = _hearing_in(30, attendant, conciliator)
    Complaint.objects.filter(pk=hearing.complaint_id).update(
        status=ComplaintStatus.NO_AGREEMENT,
        agreement_due_on=timezone.localdate() + timedelta(days=1),
    )
    assert ("procon_santos", hearing.complaint_id) not in agreements_to_remind(
        today=timezone.localdate()
    )
    assert remind_agreement_due.apply(args=[hearing.complaint_id]).get() is False
