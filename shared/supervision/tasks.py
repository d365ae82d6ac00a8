from celery import shared_task

from shared.supervision.actions import do_detect_spike_alerts


@shared_task(acks_late=True)
def detect_spike_alerts() -> int:
    """Beat, daily, in the public schema: idempotent (one alert per spike a week)."""
    return len(do_detect_spike_alerts())
