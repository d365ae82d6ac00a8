"""Writes on Procons: provisioning a tenant (schema, domain, default settings), and the state
supervisor's suspensions and reactivations (each with an audit row)."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.hooks import hook
from shared.geo.models import Municipality
from shared.geo.selectors import is_in_platform_uf
from shared.procons import hosts, provisioning
from shared.procons.errors import ProconErrorCode
from shared.procons.lifecycle import ProconKind, ProconStatus, can_transition
from shared.procons.models import (
    RESERVED_SLUGS,
    Domain,
    Procon,
    ProconStatusChange,
    schema_name_for,
)
from shared.procons.schemas import in_procon_schema

if TYPE_CHECKING:
    from shared.accounts.models import User


def _validate_new_procon(*, kind: str, slug: str, municipality: Municipality) -> None:
    errors: dict[str, ValidationError] = {}
    if slug in RESERVED_SLUGS:
        errors["slug"] = ValidationError(
            _("This sub-domain is reserved by the platform."), code=ProconErrorCode.SLUG_RESERVED
        )
    if not is_in_platform_uf(municipality):
        errors["municipality"] = ValidationError(
            _("The city must be in the state this platform serves."),
            code=ProconErrorCode.CITY_OUTSIDE_STATE,
        )
    elif Procon.objects.filter(municipality=municipality).exists():
        errors["municipality"] = ValidationError(
            _("This city already has a Procon on the platform."), code=ProconErrorCode.CITY_TAKEN
        )
    if kind == ProconKind.STATE and Procon.objects.filter(kind=ProconKind.STATE).exists():
        errors["kind"] = ValidationError(
            _("The platform already has its state Procon."), code=ProconErrorCode.STATE_EXISTS
        )
    if errors:
        raise ValidationError(errors)


def do_provision_procon(*, kind: str, name: str, slug: str, municipality: Municipality) -> Procon:
    """Create (or finish creating) a Procon: its schema and migrations, its host name, its default
    settings, then mark it active. Running it again for the same slug completes what is missing
    and changes nothing else."""
    procon = do_create_pending_procon(kind=kind, name=name, slug=slug, municipality=municipality)
    do_ensure_procon_schema(procon)
    with transaction.atomic():
        do_ensure_procon_domain(procon)
        do_ensure_procon_defaults(procon)
        procon = do_activate_procon(procon)
    return procon


def do_create_pending_procon(
    *, kind: str, name: str, slug: str, municipality: Municipality
) -> Procon:
    """The Procon's row, pending (its host answers 404), without its schema yet; the existing row
    when the slug is already there."""
    procon = Procon.objects.filter(slug=slug).first()
    if procon is not None:
        return procon
    _validate_new_procon(kind=kind, slug=slug, municipality=municipality)
    procon = Procon(
        kind=kind,
        name=name,
        slug=slug,
        schema_name=schema_name_for(slug),
        municipality=municipality,
        status=ProconStatus.PENDING,
    )
    procon.full_clean()
    procon.auto_create_schema = False  # do_ensure_procon_schema makes it, by clone or migrate
    procon.save(verbosity=0)
    return procon


def do_ensure_procon_schema(procon: Procon, *, method: str | None = None) -> str:
    """Creates (or finishes) the Procon's schema; returns how ("clone" or "migrate")."""
    return provisioning.ensure_tenant_schema(procon.schema_name, method=method).method


def do_ensure_procon_domain(procon: Procon) -> Domain:
    domain, _created = Domain.objects.get_or_create(
        domain=procon.host, defaults={"tenant": procon, "is_primary": True}
    )
    return domain


def do_ensure_procon_defaults(procon: Procon) -> None:
    """Default settings and the subject catalogue in the Procon's schema (idempotent)."""
    with in_procon_schema(procon):
        hook("PROCON_SCHEMA_DEFAULTS")()


def do_activate_procon(procon: Procon) -> Procon:
    """A pending Procon starts serving; an active or suspended one is left as it is."""
    with transaction.atomic():
        procon = Procon.objects.select_for_update().get(pk=procon.pk)
        if procon.status == ProconStatus.PENDING:
            procon.status = ProconStatus.ACTIVE
            procon.save(update_fields=["status", "updated_at"])
    return procon


def _change_status(
    procon: Procon, *, source: ProconStatus, target: ProconStatus, actor: "User", reason: str
) -> Procon:
    """Written with an UPDATE: the supervisor acts from the state Procon's host (its schema is
    active), where django-tenants refuses to save another tenant's row."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Say why."), code=ProconErrorCode.REASON_REQUIRED)}
        )
    with transaction.atomic():
        procon = Procon.objects.select_for_update().get(pk=procon.pk)
        if procon.is_state:
            raise ValidationError(
                _("The state Procon cannot be suspended."),
                code=ProconErrorCode.STATE_NOT_SUSPENDABLE,
            )
        if procon.status != source or not can_transition(procon.status, target):
            raise ValidationError(
                _("This change of status is not allowed."),
                code=ProconErrorCode.TRANSITION_REFUSED,
            )
        ProconStatusChange.objects.create(
            procon=procon, from_status=procon.status, to_status=target, reason=reason, actor=actor
        )
        Procon.objects.filter(pk=procon.pk).update(status=target, updated_at=timezone.now())
        hosts.host_changed()
        procon.refresh_from_db()
    return procon


def do_suspend_procon(procon: Procon, *, actor: "User", reason: str) -> Procon:
    """Its site stays up for its consumers' cases; new complaints of its city go to the state
    Procon (`procon_serving`) until it is reactivated."""
    return _change_status(
        procon,
        source=ProconStatus.ACTIVE,
        target=ProconStatus.SUSPENDED,
        actor=actor,
        reason=reason,
    )


def do_reactivate_procon(procon: Procon, *, actor: "User", reason: str) -> Procon:
    return _change_status(
        procon,
        source=ProconStatus.SUSPENDED,
        target=ProconStatus.ACTIVE,
        actor=actor,
        reason=reason,
    )
