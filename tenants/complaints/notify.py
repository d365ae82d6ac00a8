"""Which e-mails each step sends, to whom; queued in the step's transaction, sent after commit."""

from django.db import connection

from shared.accounts.models import CompanyMembership
from shared.notifications.actions import do_queue_email
from shared.procons.models import host_url
from shared.webhooks.actions import do_emit_company_event
from shared.webhooks.lifecycle import EventType
from tenants.complaints.lifecycle import ComplaintStatus, Step
from tenants.complaints.models import Complaint, ComplaintEvent
from tenants.configuration.selectors import email_sender_name

# Steps the consumer is told of by e-mail, and steps the company's agents are told of.
CONSUMER_STEPS = frozenset(
    {
        Step.FILE,
        Step.REQUEST_INFO,
        Step.REJECT,
        Step.SEND_CIP,
        Step.ANSWER,
        Step.LAPSE_CIP,
        Step.SCHEDULE_HEARING,
        Step.RESCHEDULE_HEARING,
        Step.RECORD_MINUTES,
        Step.CLOSE,
        Step.REOPEN,
    }
)
COMPANY_STEPS = frozenset(
    {
        Step.SEND_CIP,
        Step.RATE,
        Step.SCHEDULE_HEARING,
        Step.RESCHEDULE_HEARING,
        Step.RECORD_MINUTES,
        Step.CLOSE,
        Step.WITHDRAW,
        Step.REOPEN,
        Step.CONFIRM_AGREEMENT,
        Step.REPORT_BREACH,
    }
)


def company_recipients(complaint: Complaint) -> list[str]:
    """The e-mails of the company's agents (every branch of the same CNPJ root)."""
    return sorted(
        set(
            CompanyMembership.objects.filter(
                company__cnpj__startswith=complaint.company.cnpj[:8], user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )


# Steps that company systems hear of by webhook; a step that closes a case the company was sent
# a CIP for emits complaint.closed.
WEBHOOK_EVENTS = {Step.SEND_CIP: EventType.CIP_SENT, Step.LAPSE_CIP: EventType.DEADLINE_LAPSED}


def emit_company_webhook(complaint: Complaint, event: ComplaintEvent) -> None:
    """The webhook deliveries of this step for the company's systems (no consumer data)."""
    event_type = WEBHOOK_EVENTS.get(event.step)
    if event_type is None and complaint.status == ComplaintStatus.CLOSED:
        event_type = EventType.CLOSED if complaint.cip_sent_at is not None else None
    if event_type is None:
        return
    procon = connection.tenant
    do_emit_company_event(
        company=complaint.company,
        event_type=event_type,
        payload={
            "case_number": complaint.number,
            "procon": procon.slug,
            "procon_name": procon.name,
            "company_cnpj": complaint.company.cnpj,
            "step": event.step,
            "status": complaint.status,
            "classification": complaint.classification,
            "subject": str(complaint.subject) if complaint.subject_id else "",
            "cip_due_on": complaint.cip_due_on.isoformat() if complaint.cip_due_on else None,
            "rating_due_on": (
                complaint.rating_due_on.isoformat() if complaint.rating_due_on else None
            ),
            "opened_at": complaint.created_at.isoformat(),
            "closed_at": complaint.closed_at.isoformat() if complaint.closed_at else None,
            "case_url": host_url(procon.host, f"/reclamacoes/{complaint.number}/"),
        },
    )


def notify_step(complaint: Complaint, event: ComplaintEvent) -> None:
    emit_company_webhook(complaint, event)
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
    recipients = company_recipients(complaint) if event.step in COMPANY_STEPS else []
    if recipients:
        do_queue_email(
            key=f"complaint:{complaint.number}:event:{event.pk}:company",
            to=recipients,
            subject=subject,
            template="complaints/email/company_step.txt",
            context=context,
            from_name=sender,
        )
