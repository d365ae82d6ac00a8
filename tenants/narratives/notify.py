"""The e-mails of the moderation: the consumer learns whether their narrative was published (or
why not), the company's agents whether their own words were."""

from django.db import connection
from django.utils.translation import gettext as _

from shared.accounts.selectors import company_agent_emails
from shared.notifications.actions import do_queue_email
from shared.procons.models import host_url
from tenants.complaints.models import Complaint
from tenants.configuration.selectors import email_sender_name


def _send(key: str, to: list[str], subject: str, template: str, **context: object) -> None:
    if not to:
        return
    procon = connection.tenant
    complaint = context["complaint"]
    do_queue_email(
        key=key,
        to=to,
        subject=subject,
        template=template,
        context={
            **context,
            "procon": procon,
            "case_url": host_url(procon.host, f"/reclamacoes/{complaint.number}/"),
        },
        from_name=email_sender_name(procon_name=procon.name),
    )


def narrative_decided(complaint: Complaint, narrative: object) -> None:
    """The consumer learns the moderator's decision: the text as published, or the reason."""
    published = narrative.status == "published"
    at = narrative.published_at if published else narrative.moderated_at
    _send(
        f"narrative:{complaint.number}:{narrative.status}:{narrative.pk}:{at:%s}",
        [complaint.consumer.email] if complaint.consumer.email else [],
        f"[{complaint.number}] "
        + (
            _("Your narrative was published")
            if published
            else _("Your narrative was not published")
        ),
        "narratives/email/narrative_decided.txt",
        complaint=complaint,
        narrative=narrative,
    )


def response_moderated(complaint: Complaint, response: object) -> None:
    _send(
        f"narrative:{complaint.number}:response:{response.pk}:{response.moderated_at:%s}",
        company_agent_emails(complaint.company),
        f"[{complaint.number}] " + _("Your public response was moderated"),
        "narratives/email/response_moderated.txt",
        complaint=complaint,
        response=response,
    )
