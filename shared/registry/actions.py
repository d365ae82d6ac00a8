"""Writes of the registry: yearly publications (frozen copies of the figures) and the open-data
files."""

import tempfile
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound

from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.accounts.selectors import is_state_supervisor, staff_roles
from shared.caseindex.models import CaseIndexChange, CaseIndexEntry
from shared.procons.models import Procon
from shared.registry.atendimentos import write_atendimento_data
from shared.registry.models import (
    AtendimentoExport,
    OpenDataExport,
    RegistryFigure,
    RegistryPublication,
    RegistryPublicationRow,
    RegistryRollupState,
    SindecExport,
)
from shared.registry.opendata import write_open_data
from shared.registry.renderers import registry_csv, sindec_csv
from shared.registry.selectors import (
    FOUNDED,
    FOUNDED_MET,
    publication_rows,
    registry_rows,
    sindec_cases,
)

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
        RegistryPublicationRow(publication=publication, **asdict(row)) for row in rows
    )
    publication.csv_text = "".join(
        registry_csv(year=publication.year, rows=publication_rows(publication))
    )
    publication.save(update_fields=["csv_text"])
    return publication


def do_refresh_registry_rollup(
    *, full: bool = False, today: date | None = None
) -> RegistryRollupState:
    """Bring the live registry's per-(Procon, company, year) figures up to date with the case
    index: the (Procon, company) pairs named by the change rows written with the index rows
    since the last refresh (the old pair too when a case moved), or everything (the first
    refresh, or when asked). The change rows are taken in and deleted in the transaction that
    recomputes their pairs, so a row committed later waits for the next refresh: no clock and no
    commit order can make a change missed. One transaction: readers see the old figures or the
    new ones, never a mix."""
    table = CaseIndexEntry._meta.db_table
    rollup = RegistryFigure._meta.db_table
    log = CaseIndexChange._meta.db_table
    reader = CaseIndexChange.Reader.REGISTRY
    zone = timezone.get_default_timezone_name()
    today = today or timezone.localdate()
    founded = f"kind = 'complaint' AND classification IN ('{FOUNDED[0]}', '{FOUNDED[1]}')"
    columns = "procon_id, company_id, year, founded_met, founded_not_met, total"
    aggregate = f"""SELECT procon_id, company_id,
            extract(year FROM closed_at AT TIME ZONE %s)::int AS year,
            count(*) FILTER (WHERE classification = '{FOUNDED_MET}'),
            count(*) FILTER (WHERE classification <> '{FOUNDED_MET}'),
            count(*)
        FROM {table} WHERE {founded} AND closed_at IS NOT NULL"""  # noqa: S608
    state_rows = f"""INSERT INTO {rollup} ({columns})
        SELECT NULL, company_id, year, sum(founded_met), sum(founded_not_met), sum(total)
        FROM {rollup} WHERE procon_id IS NOT NULL"""  # noqa: S608
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('registry-rollup'))")
            state = RegistryRollupState.objects.select_for_update().first()
            full = full or state is None
            # Before the log is read: every change committed before this instant is taken in.
            cursor.execute("SELECT clock_timestamp()")
            started = cursor.fetchone()[0]
            if full:
                cursor.execute(f"DELETE FROM {log} WHERE reader = %s", [reader])  # noqa: S608
                cursor.execute(f"DELETE FROM {rollup}")  # noqa: S608
                cursor.execute(
                    f"INSERT INTO {rollup} ({columns}) {aggregate}"
                    " GROUP BY procon_id, company_id, 3",
                    [zone],
                )
                cursor.execute(f"{state_rows} GROUP BY company_id, year")
            else:
                cursor.execute(
                    f"""WITH taken AS (
                        DELETE FROM {log} WHERE reader = %s RETURNING procon_id, company_id)
                    SELECT DISTINCT procon_id, company_id FROM taken""",  # noqa: S608
                    [reader],
                )
                changed = cursor.fetchall()
                if changed:
                    procons = [row[0] for row in changed]
                    companies = [row[1] for row in changed]
                    pairs = "(procon_id, company_id) IN (SELECT * FROM unnest(%s, %s))"
                    cursor.execute(
                        f"DELETE FROM {rollup} WHERE {pairs}",  # noqa: S608
                        [procons, companies],
                    )
                    cursor.execute(
                        f"INSERT INTO {rollup} ({columns}) {aggregate} AND {pairs}"
                        " GROUP BY procon_id, company_id, 3",
                        [zone, procons, companies],
                    )
                    distinct = sorted(set(companies))
                    cursor.execute(
                        f"DELETE FROM {rollup}"  # noqa: S608
                        " WHERE procon_id IS NULL AND company_id = ANY(%s)",
                        [distinct],
                    )
                    cursor.execute(
                        f"{state_rows} AND company_id = ANY(%s) GROUP BY company_id, year",
                        [distinct],
                    )
        as_of = today if full or state is None else state.as_of
        if state is None:
            state = RegistryRollupState.objects.create(
                refreshed_at=started, watermark=started, as_of=as_of
            )
        else:
            state.refreshed_at, state.watermark, state.as_of = started, started, as_of
            state.save(update_fields=["refreshed_at", "watermark", "as_of"])
    if full and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {rollup}")
    return state


def open_data_path(*, procon: Procon | None, at: str) -> str:
    scope = procon.schema_name if procon is not None else "estado"
    return f"open-data/{scope}/reclamacoes-{at}.csv"


def _publish[E: OpenDataExport | SindecExport](
    model: type[E], *, name: str, write: Callable[[TextIO], int], now: datetime, **scope: object
) -> E:
    """Write a fresh file (`write` returns its row count) under `name`, then point the scope's
    export at it and remove the previous file. Safe to run twice at once: each run writes its
    own file, and the newer export wins."""
    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / "export.csv"
        with local.open("w", encoding="utf-8", newline="") as out:
            rows = write(out)
        with local.open("rb") as data:
            path = default_storage.save(name, File(data))
        size = local.stat().st_size
    with transaction.atomic():
        previous = model.objects.select_for_update().filter(**scope).first()
        if previous is not None and previous.generated_at > now:
            default_storage.delete(path)
            return previous
        old_path = previous.path if previous is not None else None
        export, _created = model.objects.update_or_create(
            **scope, defaults={"path": path, "rows": rows, "size": size, "generated_at": now}
        )
    if old_path and old_path != path:
        transaction.on_commit(lambda: default_storage.delete(old_path))
    return export


def do_rebuild_open_data(*, procon: Procon | None) -> OpenDataExport:
    """The open-data file of a Procon, or of the state (`procon` None), written anew."""
    now = timezone.now()
    return _publish(
        OpenDataExport,
        name=open_data_path(procon=procon, at=now.strftime("%Y%m%dT%H%M%S%f")),
        write=lambda out: write_open_data(out, procon=procon),
        now=now,
        procon=procon,
    )


def do_rebuild_atendimento_data(*, procon: Procon | None) -> AtendimentoExport:
    """The open-data file of atendimentos by kind of a Procon, or of the state, written anew."""
    now = timezone.now()
    scope = procon.schema_name if procon is not None else "estado"
    return _publish(
        AtendimentoExport,
        name=f"open-data/{scope}/atendimentos-{now.strftime('%Y%m%dT%H%M%S%f')}.csv",
        write=lambda out: write_atendimento_data(out, procon=procon),
        now=now,
        procon=procon,
    )


def do_rebuild_all_open_data() -> int:
    """Every file at once, in this process (the demo seed); beat queues them one by one."""
    from shared.procons.lifecycle import SERVED_STATUSES

    do_rebuild_open_data(procon=None)
    do_rebuild_atendimento_data(procon=None)
    procons = Procon.objects.filter(status__in=SERVED_STATUSES).order_by("pk")
    for procon in procons:
        do_rebuild_open_data(procon=procon)
        do_rebuild_atendimento_data(procon=procon)
    return 1 + procons.count()


def do_rebuild_sindec_file(*, year: int) -> SindecExport:
    """The state-wide SINDEC file of a year (one line per founded complaint, after the header):
    written to a new file, then swapped in; the previous file is removed."""

    def write(out: TextIO) -> int:
        lines = 0
        for line in sindec_csv(year=year, cases=sindec_cases(procon=None, year=year)):
            out.write(line)
            lines += 1
        return lines - 1

    now = timezone.now()
    return _publish(
        SindecExport,
        name=f"open-data/estado/sindec-{year}-{now.strftime('%Y%m%dT%H%M%S%f')}.csv",
        write=write,
        now=now,
        year=year,
    )
