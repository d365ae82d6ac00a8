"""The calendar invitation (.ics, iTIP METHOD:REQUEST) of a hearing and the e-mails that carry it.
The UID is stable across reschedules and SEQUENCE grows, so calendars move the same entry."""

from datetime import UTC

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from shared.accounts.selectors import company_agent_emails
from shared.notifications.actions import do_queue_email
from shared.procons.models import Procon, host_url
from tenants.configuration.selectors import get_procon_settings
from tenants.hearings.models import ConciliationHearing

ICS_FILENAME = "audiencia.ics"
ICS_CONTENT_TYPE = "text/calendar"


def _organizer_address() -> str:
    contact = getattr(get_procon_settings(), "contact_email", "")
    return contact or settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()


def hearing_title(hearing: ConciliationHearing) -> str:
    return _("Conciliation hearing – %(number)s") % {"number": hearing.complaint.number}


def invitation_ics(
    hearing: ConciliationHearing, *, procon: Procon | None = None, cancelled: bool = False
) -> str:
    """The .ics text of `hearing`, addressed to the consumer and the company's agents; with
    `cancelled`, the iTIP cancellation (METHOD:CANCEL) that removes it from their calendars."""
    procon = procon or connection.tenant
    complaint = hearing.complaint
    calendar = Calendar()
    calendar.add("prodid", "-//Procon Digital//Conciliation hearings//PT-BR")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    calendar.add("calscale", "GREGORIAN")

    event = Event()
    event.add("uid", hearing.ics_uid)
    event.add("sequence", hearing.ics_sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", hearing.starts_at.astimezone(UTC))
    event.add("dtend", hearing.ends_at.astimezone(UTC))
    event.add("summary", hearing_title(hearing))
    event.add("location", hearing.room_url)
    event.add("url", hearing.room_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add(
        "description",
        _(
            "Online conciliation hearing of complaint %(number)s at %(procon)s.\nRoom: %(url)s\nCase: %(case)s"
        )
        % {
            "number": complaint.number,
            "procon": procon.name,
            "url": hearing.room_url,
            "case": host_url(procon.host, f"/reclamacoes/{complaint.number}/"),
        },
    )
    organizer = vCalAddress(f"mailto:{_organizer_address()}")
    organizer.params["cn"] = vText(procon.name)
    event.add("organizer", organizer)
    for email in [complaint.consumer.email, *company_agent_emails(complaint.company)]:
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def queue_invitations(hearing: ConciliationHearing) -> None:
    """One e-mail per recipient (consumer, each company agent), keyed by hearing and recipient, so
    a retried action never sends twice; sent after the caller's transaction commits."""
    _queue_calendar_emails(
        hearing,
        purpose="invitation",
        subject=hearing_title(hearing),
        rescheduled=hearing.ics_sequence > 0,
    )


def queue_cancellations(hearing: ConciliationHearing) -> None:
    """The cancellation (METHOD:CANCEL, the hearing's UID and its bumped SEQUENCE) to everyone
    invited, keyed as the invitations are; sent after the caller's transaction commits."""
    _queue_calendar_emails(
        hearing,
        purpose="cancellation",
        subject=_("Cancelled: %(title)s") % {"title": hearing_title(hearing)},
        cancelled=True,
    )


def _queue_calendar_emails(
    hearing: ConciliationHearing,
    *,
    purpose: str,
    subject: str,
    cancelled: bool = False,
    **context: object,
) -> None:
    """The hearing's calendar file to the consumer and each company agent, with the e-mail
    template named after `purpose`."""
    procon = connection.tenant
    complaint = hearing.complaint
    ics_text = invitation_ics(hearing, procon=procon, cancelled=cancelled)
    sender = getattr(get_procon_settings(), "email_sender_name", "") or procon.name
    context = {
        "hearing": hearing,
        "complaint": complaint,
        "procon": procon,
        "case_url": host_url(procon.host, f"/reclamacoes/{complaint.number}/"),
        **context,
    }
    recipients = [("consumer", complaint.consumer.email)]
    recipients += [("company", email) for email in company_agent_emails(complaint.company)]
    for kind, email in recipients:
        do_queue_email(
            key=f"hearing:{hearing.pk}:{purpose}:{kind}:{email.lower()}",
            to=[email],
            subject=f"[{complaint.number}] {subject}",
            template=f"hearings/email/{purpose}.txt",
            context=context | {"for_consumer": kind == "consumer"},
            from_name=sender,
            attachments=[
                {"filename": ICS_FILENAME, "content_type": ICS_CONTENT_TYPE, "content": ics_text}
            ],
        )
