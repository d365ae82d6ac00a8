"""Writes on Procons: provisioning a tenant (schema, domain, default settings)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from shared.geo.models import Municipality
from shared.geo.selectors import is_in_platform_uf
from shared.procons.errors import ProconErrorCode
from shared.procons.lifecycle import ProconKind, ProconStatus
from shared.procons.models import RESERVED_SLUGS, Domain, Procon, schema_name_for


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
    procon = Procon.objects.filter(slug=slug).first()
    if procon is None:
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
        procon.save(verbosity=0)  # creates the schema and runs the tenant migrations in it
    else:
        procon.create_schema(check_if_exists=True)

    with transaction.atomic():
        Domain.objects.get_or_create(
            domain=procon.host, defaults={"tenant": procon, "is_primary": True}
        )
        with tenant_context(procon):
            from tenants.configuration.actions import do_ensure_procon_settings

            do_ensure_procon_settings()
        if procon.status == ProconStatus.PENDING:
            procon = Procon.objects.select_for_update().get(pk=procon.pk)
            procon.status = ProconStatus.ACTIVE
            procon.save(update_fields=["status", "updated_at"])
    return procon
