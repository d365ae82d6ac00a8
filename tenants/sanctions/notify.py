"""Which steps the company's agents are told of by e-mail; queued in the step's transaction,
sent after commit by the outbox."""

from django.db import connection

from shared.accounts.selectors import company_agent_emails
from shared.notifications.actions import do_queue_email
from shared.procons.models import host_url, platform_url
from shared.webhooks.actions import do_emit_company_event
from shared.webhooks.lifecycle import EventType
from shared.webhooks.payloads import data_for
from tenants.configuration.selectors import email_sender_name
from tenants.sanctions.lifecycle import Step
from tenants.sanctions.models import InfractionNotice, SanctionEvent

COMPANY_STEPS = frozenset(
    {
        Step.NOTIFY,
        Step.LAPSE_DEFENCE,
        Step.DECIDE,
        Step.LAPSE_APPEAL,
        Step.DECIDE_APPEAL,
        Step.RECORD_PAYMENT,
        Step.SEND_TO_COLLECTION,
    }
)


# Steps that company systems hear of by webhook (the company sees a process once notified).
WEBHOOK_EVENTS = {
    Step.NOTIFY: EventType.NOTICE_NOTIFIED,
    Step.DECIDE: EventType.DECISION_ISSUED,
    Step.DECIDE_APPEAL: EventType.APPEAL_DECIDED,
}


def emit_company_webhook(notice: InfractionNotice, event: SanctionEvent) -> None:
    """The webhook deliveries of this step for the company's systems."""
    event_type = WEBHOOK_EVENTS.get(event.step)
    if event_type is None:
        return
    procon = connection.tenant
    do_emit_company_event(
        company=notice.company,
        event_type=event_type,
        payload=data_for(
            event_type,
            {
                "process_number": notice.number,
                "procon": procon.slug,
                "procon_name": procon.name,
                "company_cnpj": notice.company.cnpj,
                "step": event.step,
                "status": notice.status,
                "process_url": platform_url(
                    f"/empresa/caixa/{procon.slug}/processos/{notice.number}/"
                ),
            },
        ),
    )


def notify_company(
    notice: InfractionNotice, event: SanctionEvent, *, access_code: str = ""
) -> None:
    emit_company_webhook(notice, event)
    if event.step not in COMPANY_STEPS:
        return
    recipients = company_agent_emails(notice.company)
    if not recipients and notice.company.contact_email:
        recipients = [notice.company.contact_email]
    if not recipients:
        return
    procon = connection.tenant
    do_queue_email(
        key=f"sanction:{notice.number}:event:{event.pk}:company",
        to=recipients,
        subject=f"[{notice.number}] {event.get_step_display()}",
        template="sanctions/email/company_step.txt",
        context={
            "notice": notice,
            "event": event,
            "procon": procon,
            "access_code": access_code,
            "inbox_url": platform_url("/"),
            "code_url": host_url(procon.host, "/processos/acesso/"),
            "join_url": platform_url("/empresas/adesao/"),
            "lookup_url": host_url(procon.host, f"/processos/?numero={notice.number}"),
        },
        from_name=email_sender_name(procon_name=procon.name),
    )
