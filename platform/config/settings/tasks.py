"""Celery's settings: a Redis broker; every task carries the schema it was sent from (the app in
config/celery_app.py); acknowledged late, retried when a worker dies; beat's schedule."""

import os

from config.settings.base import REDIS_PORT, TIME_ZONE

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", f"redis://127.0.0.1:{REDIS_PORT}/0")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
# No task's result is read but the health check's worker ping (which keeps its own): sending a
# task with a result to keep also subscribes to that result in Redis, a third of the CPU of
# sending it.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Seconds before the broker hands a message whose worker died (late ack, never acknowledged) to
# another worker: longer than the longest task (provisioning: 600).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
}
# Sending a task also subscribes to its result in Redis; with Redis down Celery would retry that
# for 20 s inside the request. One quick retry, then enqueue_on_commit logs the lost message.
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.5,
        "interval_max": 0.5,
    }
}
CELERY_TIMEZONE = TIME_ZONE
# Task modules beyond each app's tasks.py (which the Celery app finds by itself).
CELERY_IMPORTS = ["tenants.hearings.reminders"]
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "detect-spike-alerts": {
        "task": "portals.supervision.tasks.detect_spike_alerts",
        "schedule": 24 * 3600,
    },
    "refresh-dashboard-figures": {
        "task": "portals.supervision.tasks.refresh_dashboard_figures",
        "schedule": 5 * 60,
    },
    "clear-expired-sessions": {
        "task": "shared.accounts.tasks.clear_expired_sessions",
        "schedule": 6 * 3600,
    },
    "sweep-priority-birthdays": {
        "task": "tenants.complaints.tasks.sweep_priority_birthdays",
        "schedule": 24 * 3600,
    },
    "sweep-complaint-deadlines": {
        "task": "tenants.complaints.tasks.sweep_complaint_deadlines",
        "schedule": 15 * 60,
    },
    "sweep-sanction-deadlines": {
        "task": "tenants.sanctions.tasks.sweep_sanction_deadlines",
        "schedule": 15 * 60,
    },
    # Open data (consumidor.gov.br layout), state-wide and per Procon, from the case index.
    "rebuild-open-data": {
        "task": "shared.registry.tasks.rebuild_open_data",
        "schedule": 3600,
    },
    # The live registry of founded complaints (CDC art. 44), from the case index.
    "refresh-registry-figures": {
        "task": "shared.registry.tasks.refresh_registry_rollup",
        "schedule": 5 * 60,
    },
    "requeue-stale-webhook-deliveries": {
        "task": "shared.webhooks.tasks.requeue_stale_webhook_deliveries",
        "schedule": 15 * 60,
    },
    "requeue-unsent-emails": {
        "task": "shared.notifications.tasks.requeue_unsent_emails",
        "schedule": 60,
    },
    # Text messages (SMS, WhatsApp): the outbox's safety net, and the time-driven reminders.
    "requeue-unsent-text-messages": {
        "task": "tenants.textmessages.tasks.requeue_unsent_text_messages",
        "schedule": 60,
    },
    "hearing-reminders": {
        "task": "tenants.hearings.reminders.send_hearing_reminders",
        "schedule": 15 * 60,
    },
    "agreement-due-reminders": {
        "task": "tenants.hearings.reminders.send_agreement_due_reminders",
        "schedule": 3600,
    },
    # Spare schemas topped up (a deploy's new migrations make the old ones stale: dropped then).
    "make-spare-schemas": {
        "task": "onboarding.procons.tasks.make_spare_schemas",
        "schedule": 10 * 60,
    },
}
