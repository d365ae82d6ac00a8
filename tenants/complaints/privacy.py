"""A person's complaints as the privacy export (shared/accounts/privacy.py) shows them: what
they wrote, the consents they gave, the documents (metadata) and the timeline they can see.
Read in the current Procon's schema; `settings.PRIVACY_EXPORT_COMPLAINTS` names this function."""

from django.db.models import Prefetch

from shared.accounts.models import User
from tenants.complaints.models import Attachment, Complaint, ComplaintEvent, Thread
from tenants.narratives.models import NarrativeStatus

# The Procon–company thread is not the consumer's to read, in the export as on the pages.
_CONSUMER_EVENTS = ComplaintEvent.objects.exclude(case_message__thread=Thread.COMPANY)
_CONSUMER_DOCUMENTS = Attachment.objects.exclude(event__case_message__thread=Thread.COMPANY)


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


def _narrative(complaint: Complaint) -> dict[str, object] | None:
    """The consent to publish the facts and where it stands; the text only while it stands (a
    withdrawn narrative's text was erased, a refused one's is not the consumer's to publish)."""
    narrative = getattr(complaint, "narrative", None)
    if narrative is None:
        return None
    live = narrative.status in (NarrativeStatus.PENDING, NarrativeStatus.PUBLISHED)
    return {
        "purpose": "publication of the facts, without personal data, after moderation",
        "status": narrative.status,
        "consented_at": _iso(narrative.consented_at),
        "published_at": _iso(narrative.published_at),
        "withdrawn_at": _iso(narrative.withdrawn_at),
        "refusal_reason": narrative.refusal_reason
        if narrative.status == NarrativeStatus.REFUSED
        else "",
        "text": narrative.text if live else "",
    }


def complaints_for_export(*, user: User, numbers: list[str]) -> list[dict[str, object]]:
    complaints = (
        Complaint.objects.filter(consumer=user, number__in=numbers)
        .select_related("company", "subject", "problem", "purchase_channel", "narrative")
        .prefetch_related(
            Prefetch("attachments", queryset=_CONSUMER_DOCUMENTS),
            Prefetch("events", queryset=_CONSUMER_EVENTS),
        )
        .order_by("created_at", "id")
    )
    return [
        {
            "number": complaint.number,
            "company": {
                "cnpj": complaint.company.cnpj,
                "legal_name": complaint.company.legal_name,
            },
            "subject": str(complaint.subject),
            "problem": str(complaint.problem),
            "purchase_channel": str(complaint.purchase_channel or ""),
            "contacted_company_first": complaint.contacted_company_first,
            "company_protocol": complaint.company_protocol,
            "customer_reference": complaint.customer_reference,
            "priority_service": {
                "birth_date": _iso(complaint.consumer_birth_date),
                "disability": complaint.priority_disability,
                "pregnancy": complaint.priority_pregnancy,
            },
            # What the consumer chose to give for the statistics (SINDEC, open data).
            "demographics": {"cep": complaint.consumer_cep, "sex": complaint.consumer_sex},
            "channel": complaint.channel,
            "facts": complaint.facts,
            "request": complaint.request,
            "status": complaint.status,
            "classification": complaint.classification,
            "resolved": complaint.resolved,
            "satisfaction": complaint.satisfaction,
            "rating_comment": complaint.rating_comment,
            "filed_at": _iso(complaint.created_at),
            "closed_at": _iso(complaint.closed_at),
            "consent": {
                "purpose": "processing of the complaint by the Procon",
                "given_at": _iso(complaint.lgpd_consent_at),
            },
            "narrative": _narrative(complaint),
            "documents": [
                {
                    "name": a.original_name,
                    "content_type": a.content_type,
                    "size": a.size,
                    "sha256": a.sha256,
                    "sent_by_you": a.uploaded_by_id == user.pk,
                    "sent_at": _iso(a.created_at),
                }
                for a in complaint.attachments.all()
            ],
            "timeline": [
                {"step": e.step, "at": _iso(e.at), "note": e.note}
                for e in complaint.events.all()
                if e.visible_to_consumer
            ],
        }
        for complaint in complaints
    ]
