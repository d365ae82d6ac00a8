"""pytest: the real PostgreSQL and Redis that `make test` starts; one broker database per xdist worker."""

import os

os.environ.setdefault("PLATFORM_SCHEME", "http")

from config.settings.base import *  # noqa: F403
from config.settings.base import STORAGES

SECRET_KEY = "test-only-key"
# Never the development database: without DATABASE_URL the tests use "procon_test"
# (pytest-django then creates "test_procon_test", one per xdist worker).
if "DATABASE_URL" not in os.environ:
    DATABASES["default"]["NAME"] = "procon_test"  # noqa: F405
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Child processes (the Celery worker started by the tests) write mail to files the tests read.
if os.environ.get("TEST_EMAIL_FILE_PATH"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": os.environ["TEST_EMAIL_FILE_PATH"]},
        }
    }
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["localhost", ".localhost", "testserver"]
# Webhook receivers on this machine (http://127.0.0.1:…) are allowed.
WEBHOOKS_ALLOW_LOOPBACK_HTTP = True
# Text messages go to Twilio's API as documented, on a loopback server the tests start
# (tests/support/twilio.py); a worker process is given its address through the environment.
TEXT_MESSAGE_PROVIDER = "twilio"
TWILIO_API_BASE_URL = os.environ.get("TEST_TWILIO_BASE_URL", "http://127.0.0.1:9")
TWILIO_ACCOUNT_SID = "AC00000000000000000000000000000000"
TWILIO_AUTH_TOKEN = "test-twilio-auth-token"
TEXT_MESSAGE_TIMEOUT_SECONDS = 5
# Billing tests set STRIPE_SECRET_KEY and STRIPE_API_BASE to the servers they start.
STRIPE_WEBHOOK_SECRET = "whsec_test_procon_digital"

# Each pytest-xdist worker gets its own Redis database so that its Celery worker
# never consumes another pytest worker's tasks.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
# TEST_REDIS_DB_OFFSET lets two test runs on one machine use different Redis databases.
_redis_db = int(os.environ.get("TEST_REDIS_DB_OFFSET", "1")) + int(
    _xdist_worker.removeprefix("gw") or 0
)
_redis_base = os.environ.get("TEST_REDIS_URL", f"redis://127.0.0.1:{REDIS_PORT}")  # noqa: F405
CELERY_BROKER_URL = f"{_redis_base}/{_redis_db}"
CELERY_RESULT_BACKEND = CELERY_BROKER_URL

# Each test process keeps its own cache, so that counters never leak between runs or workers.
# The processes a test starts (web server, worker) hear of a change to what the process caches
# hold (a Procon, a host name, settings...) through Redis, as production's do, and look at every
# request (kernel/process_cache.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "procon_hosts": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CELERY_BROKER_URL,
        "KEY_PREFIX": "test-hosts",
    },
}
PROCESS_CACHE_ALIAS = "procon_hosts"
PROCESS_CACHE_CHECK_SECONDS = 0
# The supervisor's figures cache is kept per process here: a refresh in the test process could
# not reach the copy a test's web server keeps, so a page seen earlier in the session would show
# stale figures. Off in tests (production's cache is shared Redis, versioned by each refresh).
SUPERVISION_CACHE_SECONDS = 0
# No spare schemas unless a test asks for them (tests/shared/procons/test_provisioning.py).
PROCON_SPARE_SCHEMAS = 0
# "Entrar com gov.br" on, by default against an address where nothing listens: pages show the
# button and the start of the flow redirects there. The tests that go through gov.br point these
# at a real OpenID Connect provider they start on loopback (tests/support/govbr_provider.py), in
# this process with override_settings, in a server process through the environment.
_govbr_test_base = os.environ.get("GOVBR_TEST_PROVIDER", "http://127.0.0.1:9")
GOVBR_CLIENT_ID = os.environ.get("GOVBR_CLIENT_ID", "procon-digital-test")
GOVBR_CLIENT_SECRET = os.environ.get("GOVBR_CLIENT_SECRET", "procon-digital-test-secret")
GOVBR_ISSUER = f"{_govbr_test_base}/"
GOVBR_AUTHORIZE_URL = f"{_govbr_test_base}/authorize"
GOVBR_TOKEN_URL = f"{_govbr_test_base}/token"
GOVBR_JWKS_URL = f"{_govbr_test_base}/jwk"
GOVBR_USERINFO_URL = f"{_govbr_test_base}/userinfo"
GOVBR_LOGOUT_URL = f"{_govbr_test_base}/logout"
GOVBR_LEVELS_URL = f"{_govbr_test_base}/confiabilidades/v3/contas"
GOVBR_STAFF_MIN_LEVEL = os.environ.get("GOVBR_STAFF_MIN_LEVEL", "")
GOVBR_TIMEOUT_SECONDS = 5
