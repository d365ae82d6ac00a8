"""Local development: `make run`."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("PLATFORM_SCHEME", "http")
os.environ.setdefault("PLATFORM_PORT", "8000")

from config.settings.base import *  # noqa: F403
from config.settings.base import STORAGES

SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
MAILERS = {
    "default": {
        "BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    }
}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
