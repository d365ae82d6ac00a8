"""A hearing's calendar entry (.ics, iTIP) and the one e-mail per party and change that carries it:
scheduled or rescheduled (METHOD:REQUEST), cancelled (METHOD:CANCEL). The UID is stable from the
first invitation to the cancellation and SEQUENCE grows with each change, so calendars update the
same entry. These e-mails replace the complaint's step e-mail for the hearing's steps
(tenants.complaints.notify sends none for them)."""

from collections.abc import Iterable
from datetime import UTC

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from shared import formats
from shared.accounts.selectors import company_agent_emails
from shared.notifications.actions import do_queue_email
from shared.procons.models import Procon, host_url
from tenants.complaints.lifecycle import Classification, ComplaintStatus, Step
from tenants.complaints.models import Complaint
from tenants.configuration.selectors import email_sender_name, get_procon_settings
from tenants.hearings.lifecycle import HearingFormat, HearingStatus
from tenants.hearings.models import ConciliationHearing

ICS_FILENAME = "audiencia.ics"
ICS_CONTENT_TYPE = "text/calendar"
PRODID = "-//Procon Digital//Conciliation hearings//PT-BR"


def _organizer_address() -> str:
    contact = getattr(get_procon_settings(), "contact_email", "")
    return contact or settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()


def case_url(complaint: Complaint, procon: Procon | None = None) -> str:
    procon = procon or connection.tenant
    return host_url(procon.host, f"/reclamacoes/{complaint.number}/")


def hearing_title(hearing: ConciliationHearing) -> str:
    return _("Conciliation hearing – %(number)s") % {"number": hearing.complaint.number}


def hearing_place(hearing: ConciliationHearing) -> str:
    """The room the parties go to, as the invitation names it: its name and address."""
    room = hearing.room
    return f"{room.name} – {room.address}" if room is not None else ""


def hearing_location(hearing: ConciliationHearing) -> str:
    """The calendar's LOCATION: the room in person, the link online, both for a mixed hearing."""
    return " · ".join(part for part in (hearing_place(hearing), hearing.room_url) if part)


def how_to_attend(hearing: ConciliationHearing) -> list[str]:
    """What a party does to take part, one sentence per way of attending the hearing's format."""
    lines = []
    if hearing.format in (HearingFormat.IN_PERSON, HearingFormat.MIXED):
        lines.append(
            _(
                "In person, at this address: %(place)s. Bring an identity document and arrive a "
                "few minutes early."
            )
            % {"place": hearing_place(hearing)}
        )
    if hearing.format in (HearingFormat.ONLINE, HearingFormat.MIXED):
        lines.append(
            _(
                "Online, at this link: %(url)s, from a computer or phone with a camera and "
                "microphone."
            )
            % {"url": hearing.room_url}
        )
    lines.append(
        _(
            "The company is represented by someone holding a letter of authorisation "
            "(carta de preposição)."
        )
    )
    return lines


def new_calendar(*, method: str | None) -> Calendar:
    """An empty VCALENDAR of this platform; `method` is the iTIP method (REQUEST, CANCEL), or
    None for a subscribed feed, which carries no method."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method is not None:
        calendar.add("method", method)
    calendar.add("calscale", "GREGORIAN")
    return calendar


def hearing_event(
    hearing: ConciliationHearing,
    *,
    procon: Procon | None = None,
    cancelled: bool = False,
    reason: str = "",
    attendees: Iterable[str] | None = None,
) -> Event:
    """The VEVENT of `hearing` (UID, SEQUENCE, times in UTC, place by format, how to attend in
    the active language; when `cancelled`, STATUS:CANCELLED and why, `reason`, first in the
    description). `attendees` are e-mail addresses; None means the parties (the consumer and
    the company's agents), an empty list none (a conciliator's feed)."""
    procon = procon or connection.tenant
    complaint = hearing.complaint
    event = Event()
    event.add("uid", hearing.ics_uid)
    event.add("sequence", hearing.ics_sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", hearing.starts_at.astimezone(UTC))
    event.add("dtend", hearing.ends_at.astimezone(UTC))
    event.add("summary", hearing_title(hearing))
    event.add("location", hearing_location(hearing))
    if hearing.room_url:
        event.add("url", hearing.room_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    lines = [
        _("Conciliation hearing of complaint %(number)s at %(procon)s.")
        % {"number": complaint.number, "procon": procon.name},
        _("Format: %(format)s") % {"format": hearing.get_format_display()},
        *how_to_attend(hearing),
        _("Case: %(url)s") % {"url": case_url(complaint, procon)},
    ]
    if cancelled:
        lines.insert(
            0, _("Cancelled: %(reason)s") % {"reason": reason} if reason else _("Cancelled.")
        )
    event.add("description", "\n".join(lines))
    organizer = vCalAddress(f"mailto:{_organizer_address()}")
    organizer.params["cn"] = vText(procon.name)
    event.add("organizer", organizer)
    for email in _parties(complaint) if attendees is None else attendees:
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    return event


def invitation_ics(
    hearing: ConciliationHearing,
    *,
    procon: Procon | None = None,
    cancelled: bool = False,
    reason: str = "",
) -> str:
    """The .ics text of `hearing`, addressed to the consumer and the company's agents; with
    `cancelled`, the iTIP cancellation (METHOD:CANCEL) that removes it from their calendars,
    saying why (`reason`)."""
    calendar = new_calendar(method="CANCEL" if cancelled else "REQUEST")
    calendar.add_component(
        hearing_event(hearing, procon=procon, cancelled=cancelled, reason=reason)
    )
    return calendar.to_ical().decode("utf-8")


def feed_ics(
    hearings: Iterable[ConciliationHearing], *, name: str, procon: Procon | None = None
) -> str:
    """A subscribed calendar (no iTIP method) named `name` with one VEVENT per hearing, without
    attendees (the feed's secret link is all that guards it); a cancelled hearing reads
    CANCELLED. Give it the current rows only: a rescheduled row shares its UID with the row that
    superseded it. Select the hearings' complaint and room with them."""
    calendar = new_calendar(method=None)
    calendar.add("x-wr-calname", name)
    for hearing in hearings:
        cancelled = hearing.status == HearingStatus.CANCELLED
        calendar.add_component(
            hearing_event(hearing, procon=procon, cancelled=cancelled, attendees=())
        )
    return calendar.to_ical().decode("utf-8")


def _parties(complaint: Complaint) -> list[str]:
    return [email for _kind, email in _recipients(complaint)]


def _recipients(complaint: Complaint) -> list[tuple[str, str]]:
    """(party, address): the consumer, then each active agent of the company; one entry per
    address, so someone who is both receives one e-mail."""
    seen: set[str] = set()
    recipients = []
    candidates = [("consumer", complaint.consumer.email)]
    candidates += [("company", email) for email in company_agent_emails(complaint.company)]
    for kind, email in candidates:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            recipients.append((kind, email))
    return recipients


def _changes(before: ConciliationHearing, after: ConciliationHearing) -> list[str]:
    """What a reschedule changed, named as the e-mail lists it."""
    compared = [
        (_("date and time"), before.starts_at != after.starts_at),
        (_("duration"), before.duration_minutes != after.duration_minutes),
        (_("format"), before.format != after.format),
        (_("place"), before.room_id != after.room_id),
        (_("online room"), before.room_url != after.room_url),
        (_("conciliator"), before.conciliator_id != after.conciliator_id),
    ]
    return [label for label, changed in compared if changed]


def queue_invitations(
    hearing: ConciliationHearing, *, previous: ConciliationHearing | None = None
) -> None:
    """The one e-mail per party of a scheduled or rescheduled hearing, with its .ics: for a
    reschedule (`previous`, by default the hearing it supersedes) the e-mail shows the old and
    the new date, format and place. Sent after the caller's transaction commits."""
    if previous is None and hearing.supersedes_id is not None:
        previous = hearing.supersedes
    when = formats.date_time(hearing.starts_at)
    if previous is None:
        subject = _("Conciliation hearing scheduled for %(when)s") % {"when": when}
        context: dict[str, object] = {}
    else:
        subject = _("Conciliation hearing rescheduled to %(when)s") % {"when": when}
        context = {"previous": previous, "changes": _changes(previous, hearing)}
    _queue_calendar_emails(hearing, purpose="invitation", subject=subject, **context)


def queue_cancellations(hearing: ConciliationHearing, *, reason: str = "") -> None:
    """The one e-mail per party of a cancelled hearing, with the cancellation (METHOD:CANCEL, the
    hearing's UID and its bumped SEQUENCE), saying why: the consumer's withdrawal (with the
    reason they gave) when the complaint was withdrawn, else `reason`. Sent after the caller's
    transaction commits."""
    complaint = hearing.complaint
    withdrawn = (
        complaint.status == ComplaintStatus.CLOSED
        and complaint.classification == Classification.WITHDRAWN
    )
    if withdrawn:
        withdrawal = complaint.events.filter(step=Step.WITHDRAW).order_by("pk").last()
        reason = withdrawal.note if withdrawal is not None else ""
    subject = _("Conciliation hearing of %(when)s cancelled") % {
        "when": formats.date_time(hearing.starts_at)
    }
    _queue_calendar_emails(
        hearing,
        purpose="cancellation",
        subject=subject,
        cancelled=True,
        why=_("the consumer withdrew the complaint") if withdrawn else reason.strip(),
        withdrawn=withdrawn,
        reason=reason.strip(),
    )


def _queue_calendar_emails(
    hearing: ConciliationHearing,
    *,
    purpose: str,
    subject: str,
    cancelled: bool = False,
    why: str = "",
    **context: object,
) -> None:
    """The hearing's calendar file to the consumer and each company agent, one e-mail each with
    the template named after `purpose` (a cancellation's calendar says `why`). Keyed by
    hearing, change (purpose and SEQUENCE) and address: a retried action queues nothing more,
    and a later change is a new e-mail."""
    procon = connection.tenant
    complaint = hearing.complaint
    ics_text = invitation_ics(hearing, procon=procon, cancelled=cancelled, reason=why)
    method = "CANCEL" if cancelled else "REQUEST"
    sender = email_sender_name(procon_name=procon.name)
    context = {
        "hearing": hearing,
        "complaint": complaint,
        "procon": procon,
        "case_url": case_url(complaint, procon),
        "how_to_attend": how_to_attend(hearing),
        **context,
    }
    for kind, email in _recipients(complaint):
        do_queue_email(
            key=f"hearing:{hearing.pk}:{purpose}:{hearing.ics_sequence}:{kind}:{email.lower()}",
            to=[email],
            subject=f"[{complaint.number}] {subject}",
            template=f"hearings/email/{purpose}.txt",
            context=context | {"for_consumer": kind == "consumer"},
            from_name=sender,
            attachments=[
                {
                    "filename": ICS_FILENAME,
                    # The iTIP method in the part's type too, as Outlook wants it to act on it.
                    "content_type": f"{ICS_CONTENT_TYPE}; method={method}",
                    "content": ics_text,
                }
            ],
        )
