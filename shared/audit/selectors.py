"""Who may read the audit log, and what: a Procon administrator their Procon's entries, the state
supervisor (on the state Procon's host) every entry; anyone else gets 404."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from shared.accounts.models import StaffMembership, User
from shared.accounts.roles import StaffRole
from shared.audit.models import AuditEntry
from shared.procons.models import Procon


@dataclass(frozen=True)
class AuditScope:
    """`procon` is None when the viewer sees every Procon's entries."""

    procon: Procon | None

    @property
    def everything(self) -> bool:
        return self.procon is None


@dataclass(frozen=True)
class AuditFilters:
    procon_slug: str = ""
    user_email: str = ""
    method: str = ""
    route: str = ""
    date_from: date | None = None
    date_to: date | None = None


def is_audited(*, user: User) -> bool:
    """Staff of any Procon and supervisors: their state-changing requests are logged."""
    return StaffMembership.objects.filter(user=user).exists()


def audit_scope(*, viewer: User, procon: Procon | None) -> AuditScope | None:
    """None means "no audit log here" (the caller answers 404)."""
    if procon is None or not viewer.is_authenticated:
        return None
    roles = set(
        StaffMembership.objects.filter(user=viewer, procon=procon).values_list("role", flat=True)
    )
    if procon.is_state and StaffRole.SUPERVISOR in roles:
        return AuditScope(procon=None)
    if StaffRole.TENANT_ADMIN in roles:
        return AuditScope(procon=procon)
    return None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_entry_list(*, scope: AuditScope, filters: AuditFilters) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if not scope.everything:
        entries = entries.filter(procon=scope.procon)
    elif filters.procon_slug:
        entries = entries.filter(procon_slug=filters.procon_slug)
    if filters.user_email:
        entries = entries.filter(user_email__icontains=filters.user_email.strip())
    if filters.method:
        entries = entries.filter(method=filters.method)
    if filters.route:
        entries = entries.filter(route__icontains=filters.route.strip())
    if filters.date_from:
        entries = entries.filter(created_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        entries = entries.filter(created_at__lt=_day_start(filters.date_to + timedelta(days=1)))
    return entries.order_by("-created_at", "-id")


def procon_choices() -> list[tuple[str, str]]:
    """Every Procon the supervisor may filter on (suspended ones keep their entries)."""
    return [
        (slug, name) for slug, name in Procon.objects.order_by("name").values_list("slug", "name")
    ]
