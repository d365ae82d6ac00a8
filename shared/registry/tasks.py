"""Beat: the open-data files, state-wide and per Procon, from one read of the public index each."""

from celery import shared_task

from shared.procons.lifecycle import SERVED_STATUSES
from shared.procons.models import Procon


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def rebuild_open_data() -> int:
    """Rebuild the state-wide file and every served Procon's; returns the number of files."""
    from shared.registry.actions import do_rebuild_open_data

    do_rebuild_open_data(procon=None)
    count = 1
    for procon in Procon.objects.filter(status__in=SERVED_STATUSES).order_by("pk").iterator():
        do_rebuild_open_data(procon=procon)
        count += 1
    return count
