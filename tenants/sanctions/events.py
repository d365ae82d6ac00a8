"""Timeline entries of a sanction process: one per step, saying who acted."""

from shared.accounts.models import User
from shared.timeline import ActorKind, actor_kind_for
from tenants.sanctions.lifecycle import Step
from tenants.sanctions.models import InfractionNotice, SanctionEvent


def actor_fields(*, actor: User | None, as_role: str, notice: InfractionNotice) -> dict[str, str]:
    """The kind of actor and the name kept with the entry (the words around it are translated
    when it is shown: shared.timeline)."""
    kind = actor_kind_for(as_role, has_actor=actor is not None)
    if kind == ActorKind.COMPANY:
        return {"actor_kind": kind, "actor_name": str(notice.company)}
    if kind == ActorKind.STAFF:
        return {"actor_kind": kind, "actor_name": actor.full_name}
    return {"actor_kind": kind, "actor_name": ""}


def record_event(
    notice: InfractionNotice,
    *,
    step: Step,
    actor: User | None,
    as_role: str,
    note: str = "",
    data: dict[str, object] | None = None,
) -> SanctionEvent:
    return SanctionEvent.objects.create(
        notice=notice,
        step=step,
        actor=actor,
        **actor_fields(actor=actor, as_role=as_role, notice=notice),
        status_after=notice.status,
        note=note,
        data=data or {},
    )
