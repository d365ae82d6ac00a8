from celery import shared_task

from shared.supervision.actions import do_detect_spike_alerts
from shared.supervision.selectors import refresh_default_period


@shared_task(acks_late=True)
def detect_spike_alerts() -> int:
    """Beat, daily, in the public schema: idempotent (one alert per spike a week)."""
    return len(do_detect_spike_alerts())


@shared_task(acks_late=True)
def refresh_dashboard_figures() -> str:
    """Beat, every 5 minutes: the default period's figures recomputed into the cache."""
    return refresh_default_period().key()
