from celery import shared_task

from portals.supervision.actions import do_detect_spike_alerts, do_refresh_figure_rollup


@shared_task(acks_late=True)
def detect_spike_alerts() -> int:
    """Beat, daily, in the public schema: idempotent (one alert per spike a week)."""
    return len(do_detect_spike_alerts())


@shared_task(acks_late=True)
def refresh_dashboard_figures() -> str:
    """Beat, every 5 minutes: the months of the case index changed since the last refresh
    re-aggregated into the rollup the dashboard reads (everything on the first run of a day)."""
    return do_refresh_figure_rollup().refreshed_at.isoformat()
