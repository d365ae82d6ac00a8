"""Settings of the gunicorn that bench_load.py drives: the test settings (no DEBUG, the database
and broker it is given), with django-tenants' TENANT_LIMIT_SET_CALLS switched by the bench."""

import os

from config.settings.test import *  # noqa: F403

# True: the tenant's search_path is set once per request, not before every query.
TENANT_LIMIT_SET_CALLS = os.environ.get("BENCH_TENANT_LIMIT_SET_CALLS") == "1"
CELERY_BROKER_URL = os.environ.get("BENCH_BROKER_URL", CELERY_BROKER_URL)  # noqa: F405
CELERY_RESULT_BACKEND = CELERY_BROKER_URL
# Access logs of every request would measure the terminal, not the platform.
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
