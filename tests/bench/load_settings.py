"""Settings of the gunicorn that bench_load.py drives: the test settings (no DEBUG, the database
and broker it is given), without access logs."""

import os

from config.settings.test import *  # noqa: F403

CELERY_BROKER_URL = os.environ.get("BENCH_BROKER_URL", CELERY_BROKER_URL)  # noqa: F405
CELERY_RESULT_BACKEND = CELERY_BROKER_URL
# As in production: each process looks at the shared generation of host answers once a second.
PROCESS_CACHE_CHECK_SECONDS = 1.0
# Access logs of every request would measure the terminal, not the platform.
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
