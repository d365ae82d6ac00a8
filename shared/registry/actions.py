"""Writes of the registry: yearly publications (frozen copies of the figures) and the open-data
files."""

import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound

from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.accounts.selectors import is_state_supervisor, staff_roles
from shared.procons.models import Procon
from shared.registry.models import OpenDataExport, RegistryPublication, RegistryPublicationRow
from shared.registry.opendata import write_open_data
from shared.registry.selectors import registry_rows

FIRST_YEAR = 2000


def can_publish(*, actor: User, procon: Procon | None) -> bool:
    """The state-wide registry is the state supervisor's; a Procon's is its administrator's."""
    if procon is None:
        return is_state_supervisor(user=actor)
    return StaffRole.TENANT_ADMIN in staff_roles(user=actor, procon=procon)


def validate_year(year: object) -> int:
    this_year = timezone.localdate().year
    try:
        value = int(str(year))
    except (TypeError, ValueError):
        raise ValidationError({"year": _("Enter a year.")}) from None
    if not FIRST_YEAR <= value <= this_year:
        raise ValidationError(
            {
                "year": _("Choose a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": this_year}
            }
        )
    return value


@transaction.atomic
def do_publish_registry(*, procon: Procon | None, year: int, actor: User) -> RegistryPublication:
    """Freeze the year's registry as it stands now: a new dated version whose rows are stored,
    so a later reclassification changes the live registry and never this publication."""
    if not can_publish(actor=actor, procon=procon):
        raise NotFound()
    year = validate_year(year)
    # One publisher at a time per scope (the state-wide one locks the state Procon's row): the
    # version numbers stay gapless and unique.
    lock = (
        Procon.objects.filter(pk=procon.pk)
        if procon is not None
        else Procon.objects.filter(kind="state")
    )
    list(lock.select_for_update().values_list("pk", flat=True))
    rows = registry_rows(procon=procon, year=year)
    last = RegistryPublication.objects.filter(procon=procon, year=year).aggregate(
        last=Max("version")
    )["last"]
    publication = RegistryPublication.objects.create(
        procon=procon,
        year=year,
        version=(last or 0) + 1,
        published_by=actor,
        companies=len(rows),
        founded_met=sum(row.founded_met for row in rows),
        founded_not_met=sum(row.founded_not_met for row in rows),
    )
    RegistryPublicationRow.objects.bulk_create(
        RegistryPublicationRow(
            publication=publication,
            company_id=row.company_id,
            cnpj=row.cnpj,
            legal_name=row.legal_name,
            trade_name=row.trade_name,
            founded_met=row.founded_met,
            founded_not_met=row.founded_not_met,
        )
        for row in rows
    )
    return publication


def open_data_path(*, procon: Procon | None, at: str) -> str:
    scope = procon.schema_name if procon is not None else "estado"
    return f"open-data/{scope}/reclamacoes-{at}.csv"


def do_rebuild_open_data(*, procon: Procon | None) -> OpenDataExport:
    """Write a fresh file, then point the scope's export at it and remove the previous file.
    Idempotent and safe to run twice at once: each run writes its own file."""
    now = timezone.now()
    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / "open-data.csv"
        with local.open("w", encoding="utf-8", newline="") as out:
            rows = write_open_data(out, procon=procon)
        with local.open("rb") as data:
            path = default_storage.save(
                open_data_path(procon=procon, at=now.strftime("%Y%m%dT%H%M%S%f")), File(data)
            )
        size = local.stat().st_size
    with transaction.atomic():
        previous = OpenDataExport.objects.select_for_update().filter(procon=procon).first()
        if previous is not None and previous.generated_at > now:
            default_storage.delete(path)
            return previous
        old_path = previous.path if previous is not None else None
        export, _created = OpenDataExport.objects.update_or_create(
            procon=procon,
            defaults={"path": path, "rows": rows, "size": size, "generated_at": now},
        )
    if old_path and old_path != path:
        transaction.on_commit(lambda: default_storage.delete(old_path))
    return export


def do_rebuild_all_open_data() -> int:
    """Every file at once, in this process (the demo seed); beat queues them one by one."""
    from shared.procons.lifecycle import SERVED_STATUSES

    do_rebuild_open_data(procon=None)
    procons = Procon.objects.filter(status__in=SERVED_STATUSES).order_by("pk")
    for procon in procons:
        do_rebuild_open_data(procon=procon)
    return 1 + procons.count()
