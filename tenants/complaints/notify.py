"""Which e-mails each step sends, to whom; queued in the step's transaction, sent after commit."""

from django.db import connection

from shared.accounts.selectors import company_agent_emails
from shared.notifications.actions import do_queue_email
from shared.procons.models import host_url
from shared.webhooks.actions import do_emit_company_event
from shared.webhooks.lifecycle import EventType
from shared.webhooks.payloads import data_for
from tenants.complaints.api.links import API, invitation_url, minutes_pdf_url
from tenants.complaints.lifecycle import ComplaintStatus, Step
from tenants.complaints.models import CaseMessage, Complaint, ComplaintEvent, Thread
from tenants.configuration.selectors import email_sender_name
from tenants.hearings.lifecycle import HearingStatus
from tenants.hearings.models import ConciliationHearing, HearingMinutes
from tenants.textmessages.texts import text_step

# Steps the consumer is told of by e-mail, and steps the company's agents are told of. A hearing
# scheduled or rescheduled is told by its calendar invitation (tenants.hearings.invitations), one
# e-mail per party carrying the .ics, and not also here.
CONSUMER_STEPS = frozenset(
    {
        Step.FILE,
        Step.REQUEST_INFO,
        Step.REJECT,
        Step.SEND_CIP,
        Step.ANSWER,
        Step.LAPSE_CIP,
        Step.RECORD_MINUTES,
        Step.CLOSE,
        Step.REOPEN,
    }
)
COMPANY_STEPS = frozenset(
    {
        Step.SEND_CIP,
        Step.RATE,
        Step.RECORD_MINUTES,
        Step.CLOSE,
        Step.WITHDRAW,
        Step.REOPEN,
        Step.CONFIRM_AGREEMENT,
        Step.REPORT_BREACH,
    }
)


# Steps that company systems hear of by webhook; a step that closes a case the company was sent
# a CIP for emits complaint.closed. Nothing is emitted before the CIP: the company does not see
# the complaint until then.
WEBHOOK_EVENTS = {
    Step.SEND_CIP: EventType.CIP_SENT,
    Step.LAPSE_CIP: EventType.DEADLINE_LAPSED,
    Step.RATE: EventType.RATED,
    Step.SCHEDULE_HEARING: EventType.HEARING_SCHEDULED,
    Step.RESCHEDULE_HEARING: EventType.HEARING_RESCHEDULED,
    Step.RECORD_MINUTES: EventType.MINUTES_RECORDED,
    Step.CONFIRM_AGREEMENT: EventType.AGREEMENT_CONFIRMED,
    Step.REPORT_BREACH: EventType.AGREEMENT_BREACHED,
    Step.REOPEN: EventType.REOPENED,
}


def _case_data(complaint: Complaint, event: ComplaintEvent) -> dict[str, object]:
    procon = connection.tenant
    return {
        "case_number": complaint.number,
        "procon": procon.slug,
        "procon_name": procon.name,
        "company_cnpj": complaint.company.cnpj,
        "step": event.step,
        "status": complaint.status,
        "classification": complaint.classification,
        "subject": str(complaint.subject) if complaint.subject_id else "",
        "cip_due_on": complaint.cip_due_on,
        "rating_due_on": complaint.rating_due_on,
        "agreement_due_on": complaint.agreement_due_on,
        "opened_at": complaint.created_at,
        "closed_at": complaint.closed_at,
        "case_url": host_url(procon.host, f"/reclamacoes/{complaint.number}/"),
        "api_url": host_url(procon.host, f"{API}/complaints/{complaint.number}/"),
    }


def _hearing_data(hearing: ConciliationHearing) -> dict[str, object]:
    data: dict[str, object] = {
        "hearing": {
            "id": hearing.pk,
            "status": hearing.status,
            "starts_at": hearing.starts_at,
            "ends_at": hearing.ends_at,
            "room_url": hearing.room_url,
            "ics_url": invitation_url(hearing.pk),
            "previous_hearing_id": hearing.supersedes_id,
        }
    }
    minutes = HearingMinutes.objects.filter(hearing=hearing).first()
    if minutes is not None:
        data["minutes"] = {
            "outcome": minutes.outcome,
            "agreement_due_on": minutes.agreement_due_on,
            "pdf_url": minutes_pdf_url(hearing.pk),
        }
    return data


def emit_company_webhook(complaint: Complaint, event: ComplaintEvent) -> None:
    """The webhook deliveries of this step for the company's systems (no consumer data)."""
    if complaint.cip_sent_at is None:
        return
    events = []
    if (event_type := WEBHOOK_EVENTS.get(event.step)) is not None:
        events.append(event_type)
    elif complaint.status == ComplaintStatus.CLOSED:
        events.append(EventType.CLOSED)
    data = _case_data(complaint, event)
    hearing_id = (event.data or {}).get("hearing_id")
    hearing = None
    if hearing_id is not None:
        hearing = ConciliationHearing.objects.filter(pk=hearing_id).first()
    elif event.step == Step.WITHDRAW:
        hearing = complaint.hearings.filter(status=HearingStatus.SCHEDULED).first()
        if hearing is not None:
            events.insert(0, EventType.HEARING_CANCELLED)
    for event_type in dict.fromkeys(events):
        payload = data
        if event_type.value.startswith("hearing.") and hearing is not None:
            payload = data | _hearing_data(hearing)
            if event_type == EventType.HEARING_CANCELLED:
                payload["hearing"]["status"] = HearingStatus.CANCELLED
        do_emit_company_event(
            company=complaint.company,
            event_type=event_type,
            payload=data_for(event_type, payload),
        )


def _tells_company(event: ComplaintEvent) -> bool:
    """Whether the company's agents get this step's e-mail. A withdrawal that cancels a scheduled
    hearing is told by the hearing's cancellation, which says the consumer withdrew."""
    if event.step == Step.WITHDRAW and (event.data or {}).get("cancelled_hearing_id"):
        return False
    return event.step in COMPANY_STEPS


def notify_step(complaint: Complaint, event: ComplaintEvent) -> None:
    emit_company_webhook(complaint, event)
    text_step(complaint, event)
    procon = connection.tenant
    sender = email_sender_name(procon_name=procon.name)
    context = {
        "complaint": complaint,
        "event": event,
        "procon": procon,
        "case_url": host_url(procon.host, f"/reclamacoes/{complaint.number}/"),
    }
    subject = f"[{complaint.number}] {event.get_step_display()}"
    if event.step in CONSUMER_STEPS and event.visible_to_consumer:
        do_queue_email(
            key=f"complaint:{complaint.number}:event:{event.pk}:consumer",
            to=[complaint.consumer.email],
            subject=subject,
            template="complaints/email/consumer_step.txt",
            context=context,
            from_name=sender,
        )
    recipients = company_agent_emails(complaint.company) if _tells_company(event) else []
    if recipients:
        do_queue_email(
            key=f"complaint:{complaint.number}:event:{event.pk}:company",
            to=recipients,
            subject=subject,
            template="complaints/email/company_step.txt",
            context=context,
            from_name=sender,
        )


def _message_recipients(complaint: Complaint, message: CaseMessage) -> list[str]:
    """The other side of the message's thread: the party when staff write (the consumer, or the
    company's agents), the case's assignee when the party writes (nobody while unassigned: the
    queue shows the case)."""
    if message.author_kind == "staff":
        if message.thread == Thread.CONSUMER:
            return [complaint.consumer.email] if complaint.consumer.email else []
        return company_agent_emails(complaint.company)
    if complaint.assignee_id and complaint.assignee.email:
        return [complaint.assignee.email]
    return []


def notify_message(complaint: Complaint, message: CaseMessage) -> None:
    """One e-mail per message, to the other side of its thread only, with this message alone."""
    recipients = _message_recipients(complaint, message)
    if not recipients:
        return
    procon = connection.tenant
    do_queue_email(
        key=f"complaint:{complaint.number}:message:{message.pk}",
        to=recipients,
        subject=f"[{complaint.number}] {message.event.get_step_display()}",
        template="complaints/email/message.txt",
        context={
            "complaint": complaint,
            "message": message,
            "procon": procon,
            "case_url": host_url(procon.host, f"/reclamacoes/{complaint.number}/"),
        },
        from_name=email_sender_name(procon_name=procon.name),
    )
