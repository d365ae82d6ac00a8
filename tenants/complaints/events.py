"""Timeline entries: one per step, saying who acted and whether the consumer sees it."""

from shared.accounts.models import User
from shared.timeline import ActorKind, actor_kind_for
from tenants.complaints.lifecycle import Step
from tenants.complaints.models import Complaint, ComplaintEvent


def actor_fields(*, actor: User | None, as_role: str, complaint: Complaint) -> dict[str, str]:
    """The kind of actor and the name kept with the entry (the words around it are translated
    when it is shown: shared.timeline)."""
    kind = actor_kind_for(as_role, has_actor=actor is not None)
    if kind == ActorKind.COMPANY:
        return {"actor_kind": kind, "actor_name": str(complaint.company)}
    if kind == ActorKind.STAFF:
        return {"actor_kind": kind, "actor_name": actor.full_name}
    return {"actor_kind": kind, "actor_name": ""}


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
        **actor_fields(actor=actor, as_role=as_role, complaint=complaint),
        status_after=complaint.status,
        note=note,
        data=data or {},
        visible_to_consumer=visible_to_consumer,
    )
