"""The Celery app: a Redis broker, late acks, and tasks that run in the schema they were sent from.

tenant-schemas-celery puts the sending connection's schema in each message's headers and
switches the worker's connection to it before the task runs.
"""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = CeleryApp("procon_digital")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
