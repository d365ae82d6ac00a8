"""Timeline entries: one per step, saying who acted and whether the consumer sees it."""

from django.utils.translation import gettext as _

from shared.accounts.models import User
from tenants.complaints.lifecycle import Step
from tenants.complaints.models import Complaint, ComplaintEvent


def actor_label(*, actor: User | None, as_role: str, complaint: Complaint) -> str:
    if actor is None or as_role == "system":
        return _("System")
    if as_role == "consumer":
        return _("Consumer")
    if as_role == "company":
        return str(complaint.company)
    return _("%(name)s (Procon staff)") % {"name": actor.full_name}


def record_event(
    complaint: Complaint,
    *,
    step: Step,
    actor: User | None,
    as_role: str,
    note: str = "",
    data: dict[str, object] | None = None,
    visible_to_consumer: bool = True,
) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint,
        step=step,
        actor=actor,
        actor_label=actor_label(actor=actor, as_role=as_role, complaint=complaint),
        status_after=complaint.status,
        note=note,
        data=data or {},
        visible_to_consumer=visible_to_consumer,
    )
