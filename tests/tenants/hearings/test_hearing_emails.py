"""One e-mail per party and change of a hearing, as people receive them: scheduled, rescheduled
and cancelled by the consumer's withdrawal, each with the hearing's calendar file (same UID,
growing SEQUENCE, METHOD:CANCEL when cancelled) and saying what changed; a retried action or a
redelivered message sends nothing more."""

from collections import Counter
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import OperationalError
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from shared import formats
from shared.accounts.models import User
from shared.notifications.models import OutboundEmail
from shared.notifications.tasks import send_email
from tenants.complaints.actions.closing import do_withdraw_complaint
from tenants.complaints.models import Complaint
from tenants.hearings import actions as hearing_actions
from tenants.hearings.actions import do_reschedule_hearing
from tenants.hearings.invitations import feed_ics, queue_cancellations, queue_invitations
from tenants.hearings.lifecycle import HearingFormat
from tenants.hearings.models import ConciliationHearing
from tests.factories import company_agent
from tests.tenants.hearings.factories import (
    at_hearing_scheduled,
    at_not_resolved,
    free_slot,
    hearing_room,
    hearing_scheduled,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("santos")]

ADDRESS = "Rua XV de Novembro, 100, 2º andar"


@pytest.fixture
def agents(company, agent) -> list[User]:
    """The company's two agents: each receives their own e-mail."""
    return [agent, company_agent(company)]


@pytest.fixture
def complaint(attendant, company, agents) -> Complaint:
    complaint = at_not_resolved(attendant, company=company)
    delivered()
    mail.outbox.clear()
    return complaint


def delivered() -> list[EmailMessage]:
    """Send every queued e-mail as the worker does; the messages sent so far."""
    unsent = OutboundEmail.objects.filter(sent_at__isnull=True).order_by("pk")
    for pk in unsent.values_list("pk", flat=True):
        send_email.apply(args=[pk])
    return list(mail.outbox)


def sent_after(messages_before: int = 0) -> list[EmailMessage]:
    return delivered()[messages_before:]


def per_person(messages: list[EmailMessage]) -> Counter[str]:
    """How many of `messages` each address received."""
    return Counter(address for message in messages for address in message.to)


def parties(complaint: Complaint, agents: list[User]) -> Counter[str]:
    return Counter([complaint.consumer.email, *(agent.email for agent in agents)])


def calendar_of(message: EmailMessage) -> tuple[str, Event]:
    """The METHOD and the one VEVENT of the message's one .ics attachment."""
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    calendar = Calendar.from_ical(content)
    # the iTIP method is in the part's type too (Outlook acts on it there)
    assert (filename, mimetype) == ("audiencia.ics", f"text/calendar; method={calendar['METHOD']}")
    (event,) = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


def calendars_to_each_party(
    complaint: Complaint, agents: list[User], method: str, *, messages_before: int = 0
) -> list[tuple[EmailMessage, Event]]:
    """The e-mails sent since `messages_before`, one for each party, each carrying a `method`
    calendar: their (message, VEVENT)."""
    messages = sent_after(messages_before)
    assert per_person(messages) == parties(complaint, agents)
    calendars = [(message, *calendar_of(message)) for message in messages]
    assert [got for _message, got, _event in calendars] == [method] * len(messages)
    return [(message, event) for message, _got, event in calendars]


def schedule(complaint: Complaint, conciliator: User, **place: object) -> ConciliationHearing:
    starts_at = free_slot(conciliator, room=place.get("room"))
    return hearing_scheduled(complaint, conciliator, starts_at, **place)


@pytest.mark.parametrize("format", HearingFormat.values)
def test_scheduling_sends_each_party_one_email_with_the_invitation_placed_by_format(
    complaint, agents, conciliator, format
) -> None:
    # given
    room = None if format == HearingFormat.ONLINE else hearing_room(address=ADDRESS)
    # when
    hearing = schedule(complaint, conciliator, format=format, room=room)
    # then
    link = hearing.room_url
    for message, event in calendars_to_each_party(complaint, agents, "REQUEST"):
        assert (str(event["UID"]), int(event["SEQUENCE"])) == (hearing.ics_uid, 0)
        location = str(event["LOCATION"])
        description = str(event["DESCRIPTION"])
        if format == HearingFormat.IN_PERSON:
            assert (link, "URL" in event) == ("", False)
            assert location == f"Sala 1 – {ADDRESS}"
        elif format == HearingFormat.ONLINE:
            assert location == str(event["URL"]) == link != ""
        else:
            assert location == f"Sala 1 – {ADDRESS} · {link}"
            assert str(event["URL"]) == link
        assert complaint.number in description
        if room is not None:
            assert ADDRESS in description and ADDRESS in message.body
        if link:
            assert link in description and link in message.body
        # the body says when (pt-BR), the format and the case's link
        assert formats.long_date_time(hearing.starts_at) in message.body
        assert hearing.get_format_display() in message.body
        assert f"/reclamacoes/{complaint.number}/" in message.body
        assert complaint.number in message.subject


def test_the_date_reads_in_portuguese(complaint, conciliator) -> None:
    hearing = schedule(complaint, conciliator)

    (message, *_rest) = sent_after()
    when = formats.long_date_time(hearing.starts_at)
    assert " de " in when and " às " in when
    assert when in message.body
    assert "On-line" in message.body
    assert "horário de Brasília" in message.body


def test_rescheduling_sends_each_party_one_email_with_the_old_and_new_date_format_and_place(
    complaint, agents, conciliator
) -> None:
    # given an online hearing whose invitations went out
    first = schedule(complaint, conciliator)
    before = len(delivered())
    room = hearing_room(address=ADDRESS)
    # when it moves to a room at the Procon, on another day
    second = do_reschedule_hearing(
        first,
        actor=conciliator,
        as_role="conciliator",
        starts_at=free_slot(conciliator, room=room, nth=3),
        format=HearingFormat.IN_PERSON,
        room=room,
    )
    # then
    for message, event in calendars_to_each_party(
        complaint, agents, "REQUEST", messages_before=before
    ):
        assert (str(event["UID"]), int(event["SEQUENCE"])) == (first.ics_uid, 1)
        assert str(event["LOCATION"]) == f"Sala 1 – {ADDRESS}"
        assert "URL" not in event
        body = message.body
        old_when, new_when = (formats.long_date_time(h.starts_at) for h in (first, second))
        assert old_when != new_when
        assert body.index(new_when) < body.index(old_when)  # the new date first
        assert first.room_url in body and ADDRESS in body
        assert (
            str(HearingFormat.ONLINE.label) in body and str(HearingFormat.IN_PERSON.label) in body
        )
        assert _("date and time") in body and _("format") in body
        assert formats.date_time(second.starts_at) in message.subject
    # a reschedule's e-mails are new ones, not the first invitation's
    emails = OutboundEmail.objects.values_list("key", flat=True)
    first_keys = set(emails.filter(key__startswith=f"hearing:{first.pk}:"))
    second_keys = set(emails.filter(key__startswith=f"hearing:{second.pk}:"))
    assert len(first_keys) == len(second_keys) == 3 and not first_keys & second_keys


def test_withdrawing_with_a_hearing_scheduled_sends_each_party_one_cancellation(
    complaint, agents, conciliator
) -> None:
    # given
    hearing = schedule(complaint, conciliator)
    before = len(delivered())
    # when
    do_withdraw_complaint(complaint, actor=complaint.consumer, reason="Resolvi com a loja.")
    # then: the cancellation is the only e-mail, for the consumer and for each agent
    for message, event in calendars_to_each_party(
        complaint, agents, "CANCEL", messages_before=before
    ):
        assert (str(event["UID"]), int(event["SEQUENCE"])) == (hearing.ics_uid, 1)
        assert str(event["STATUS"]) == "CANCELLED"
        why = _("Cancelled: %(reason)s") % {"reason": _("the consumer withdrew the complaint")}
        assert str(event["DESCRIPTION"]).startswith(why)
        assert formats.long_date_time(hearing.starts_at) in message.body
        for_consumer = message.to == [complaint.consumer.email]
        withdrawn = "Você desistiu" if for_consumer else "O consumidor desistiu"
        assert f"{withdrawn} da reclamação {complaint.number}" in message.body
        reason = _("The consumer's reason: %(reason)s") % {"reason": "Resolvi com a loja."}
        assert (reason in message.body) is not for_consumer


def test_withdrawing_without_a_hearing_still_tells_the_company_once(complaint, agents) -> None:
    do_withdraw_complaint(complaint, actor=complaint.consumer, reason="Resolvi com a loja.")

    (message,) = sent_after()
    assert sorted(message.to) == sorted(agent.email for agent in agents)
    assert message.attachments == []


def test_a_retried_action_or_redelivered_message_sends_nothing_more(
    complaint, agents, conciliator
) -> None:
    # given an attempt to schedule that failed after queuing its e-mails: it queued nothing
    real = hearing_actions.queue_invitations

    def queue_then_fail(hearing: ConciliationHearing) -> None:
        real(hearing)
        raise OperationalError("connection lost")

    with (
        mock.patch.object(hearing_actions, "queue_invitations", queue_then_fail),
        pytest.raises(OperationalError),
    ):
        schedule(complaint, conciliator)
    assert not OutboundEmail.objects.filter(key__startswith="hearing:").exists()
    # when it is tried again, its e-mails queued again, and the messages delivered twice
    hearing = schedule(complaint, conciliator)
    queue_invitations(hearing)
    messages = delivered()
    for pk in OutboundEmail.objects.values_list("pk", flat=True):
        send_email.apply(args=[pk])
    # then each party received one e-mail
    assert per_person(messages) == parties(complaint, agents)
    assert len(mail.outbox) == len(messages)
    # and so for the cancellation
    do_withdraw_complaint(complaint, actor=complaint.consumer)
    hearing.refresh_from_db()
    queue_cancellations(hearing)
    cancellations = sent_after(len(messages))
    assert per_person(cancellations) == parties(complaint, agents)


def test_a_feed_lists_each_hearing_once_without_the_parties_addresses(
    attendant, conciliator
) -> None:
    room = hearing_room(address=ADDRESS)
    online = at_hearing_scheduled(attendant, conciliator)
    in_person = at_hearing_scheduled(
        attendant, conciliator, format=HearingFormat.IN_PERSON, room=room
    )

    calendar = Calendar.from_ical(feed_ics([online, in_person], name="Agenda de Clara"))

    assert "METHOD" not in calendar
    assert str(calendar["X-WR-CALNAME"]) == "Agenda de Clara"
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {online.ics_uid, in_person.ics_uid}
    assert str(events[online.ics_uid]["LOCATION"]) == online.room_url
    assert str(events[in_person.ics_uid]["LOCATION"]) == f"Sala 1 – {ADDRESS}"
    assert not any("ATTENDEE" in event for event in events.values())
