"""Beat: the open-data files, state-wide and per Procon, each from one read of the public index."""

from celery import shared_task

from shared.procons.lifecycle import SERVED_STATUSES
from shared.procons.models import Procon

# A file task: retried, and given more than the default limit (the state-wide file of a million
# complaints takes minutes).
FILE_TASK = {
    "acks_late": True,
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "max_retries": 3,
    "soft_time_limit": 1700,
    "time_limit": 1800,
}


@shared_task(acks_late=True)
def rebuild_open_data() -> int:
    """Fan out one task per file (state-wide, then every served Procon, then the state-wide
    SINDEC file of every registry year), so that no single run
    holds a worker for all of them; returns the number of files queued."""
    rebuild_open_data_file.delay(None)
    count = 1
    for pk in (
        Procon.objects.filter(status__in=SERVED_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)
    ):
        rebuild_open_data_file.delay(pk)
        count += 1
    from shared.registry.selectors import registry_years

    for year in registry_years(procon=None):
        rebuild_sindec_file.delay(year)
        count += 1
    return count


@shared_task(**FILE_TASK)
def rebuild_open_data_file(procon_id: int | None) -> int:
    """Idempotent: each run writes new files (complaints, atendimentos by kind) and swaps them
    in; returns the complaints written."""
    from shared.registry.actions import do_rebuild_atendimento_data, do_rebuild_open_data

    procon = Procon.objects.filter(pk=procon_id).first() if procon_id is not None else None
    if procon_id is not None and procon is None:
        return 0
    rows = do_rebuild_open_data(procon=procon).rows
    do_rebuild_atendimento_data(procon=procon)
    return rows


@shared_task(acks_late=True)
def refresh_registry_rollup() -> str:
    """The live registry's figures: the cases changed since the last run (everything on the
    first run of a day)."""
    from shared.registry.actions import do_refresh_registry_rollup

    return do_refresh_registry_rollup().refreshed_at.isoformat()


@shared_task(**FILE_TASK)
def rebuild_sindec_file(year: int) -> int:
    """Idempotent: the state-wide SINDEC file of `year`; returns the complaints written."""
    from shared.registry.actions import do_rebuild_sindec_file

    return do_rebuild_sindec_file(year=year).rows
