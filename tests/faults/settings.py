"""Settings of the processes the fault tests start (gunicorn, Celery worker and beat): the test
settings on the broker the test owns (a Redis it may stop), e-mail over SMTP to a server the test
controls, and beat's outbox sweep every second instead of every minute."""

import os

from config.settings.test import *  # noqa: F403

CELERY_BROKER_URL = os.environ["FAULTS_REDIS_URL"]
CELERY_RESULT_BACKEND = CELERY_BROKER_URL
# A message whose worker was killed goes back to the queue after this many seconds (production:
# an hour, longer than any task), checked every 2 s (kombu's default: about every 100 s).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 10,
    "unacked_restore_interval": 2,
    "unacked_restore_throttle": 1,
}
CELERY_BEAT_SCHEDULE = {
    "requeue-unsent-emails": {
        "task": "shared.notifications.tasks.requeue_unsent_emails",
        "schedule": 1.0,
    },
}
OUTBOX_REQUEUE_AFTER_SECONDS = 3
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": int(os.environ["FAULTS_SMTP_PORT"])},
    }
}
