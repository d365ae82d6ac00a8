"""Timeline entries of a sanction process: one per step, saying who acted."""

from django.utils.translation import gettext as _

from shared.accounts.models import User
from tenants.sanctions.lifecycle import Step
from tenants.sanctions.models import InfractionNotice, SanctionEvent


def actor_label(*, actor: User | None, as_role: str, notice: InfractionNotice) -> str:
    if actor is None or as_role == "system":
        return _("System")
    if as_role == "company":
        return str(notice.company)
    return _("%(name)s (Procon staff)") % {"name": actor.full_name}


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
        actor_label=actor_label(actor=actor, as_role=as_role, notice=notice),
        status_after=notice.status,
        note=note,
        data=data or {},
    )
