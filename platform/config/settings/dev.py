"""Local development: `make run`."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("PLATFORM_SCHEME", "http")
os.environ.setdefault("PLATFORM_PORT", "8000")

from config.settings.base import *  # noqa: F403
from config.settings.base import STORAGES

SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
# Mail goes to files under .var/mail/ so that a person can read what was sent.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
        ),
        "OPTIONS": {"file_path": str(BASE_DIR / ".var" / "mail")},  # noqa: F405
    }
}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Text messages are written to .var/text-messages/ (one JSON line each) unless a provider is set.
TEXT_MESSAGE_PROVIDER = os.environ.get("TEXT_MESSAGE_PROVIDER", "file")
# Webhook receivers on this machine (http://127.0.0.1:…) are allowed.
WEBHOOKS_ALLOW_LOOPBACK_HTTP = True
# Demo data only: the one key of the demo staff's authenticators (README, Demo logins). Never set
# in production: there every person enrols their own authenticator.
DEMO_TOTP_SECRET = os.environ.get("DEMO_TOTP_SECRET", "PROCONDIGITALDEMOPROCONDIGITALDE")

# The demo's year holds about twenty complaints per company: rank companies from five in a
# segment on `make run` (REPUTATION_MIN_VOLUME in the environment still wins).
REPUTATION_MIN_VOLUME = int(os.environ.get("REPUTATION_MIN_VOLUME", "5"))
