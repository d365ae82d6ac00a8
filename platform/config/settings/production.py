"""Production: every secret and address from the environment; HTTPS only; JSON logs; Sentry by DSN.

The container image (deploy/Dockerfile) and the Helm chart (helm/procon-digital/) set these
variables; docs/deploy.md lists them. `manage.py check --deploy` is clean with this module.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import (
    BASE_DIR,
    DATABASES,
    LOGGING,
    SECRET_KEY,
    SECURE_CSP,
    env_bool,
    vlibras_csp,
)

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production")

DEBUG = False
# https behind the ingress; the compose stack on one machine serves plain http on localhost.
PLATFORM_SCHEME = os.environ.get("PLATFORM_SCHEME", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Probes reach pods over plain http on the pod's port.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# How many reverse proxies in front of gunicorn append to X-Forwarded-For. 0 unless the
# deployment says so (the Helm chart sets 1 with its ingress): with nothing in front, a client
# could write any address there and dodge the login lockout or forge the audit log's.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# X-Forwarded-Proto says "https" only when a trusted proxy wrote it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
X_FRAME_OPTIONS = "DENY"
# The Libras translation widget on every page (VLIBRAS_ENABLED=false turns it off).
VLIBRAS_ENABLED = env_bool("VLIBRAS_ENABLED", True)
if VLIBRAS_ENABLED and "worker-src" not in SECURE_CSP:
    SECURE_CSP = vlibras_csp(SECURE_CSP)

# "Entrar com gov.br": the Login Único's production endpoints (GOVBR_CLIENT_ID and
# GOVBR_CLIENT_SECRET, issued by gov.br for this platform's redirect URI, turn it on).
GOVBR_ISSUER = os.environ.get("GOVBR_ISSUER", "https://sso.acesso.gov.br/")
GOVBR_AUTHORIZE_URL = os.environ.get("GOVBR_AUTHORIZE_URL", "https://sso.acesso.gov.br/authorize")
GOVBR_TOKEN_URL = os.environ.get("GOVBR_TOKEN_URL", "https://sso.acesso.gov.br/token")
GOVBR_JWKS_URL = os.environ.get("GOVBR_JWKS_URL", "https://sso.acesso.gov.br/jwk")
GOVBR_USERINFO_URL = os.environ.get("GOVBR_USERINFO_URL", "https://sso.acesso.gov.br/userinfo/")
GOVBR_LOGOUT_URL = os.environ.get("GOVBR_LOGOUT_URL", "https://sso.acesso.gov.br/logout")
if os.environ.get("GOVBR_CLIENT_ID") and not all(
    url.startswith("https://")
    for url in (GOVBR_ISSUER, GOVBR_AUTHORIZE_URL, GOVBR_TOKEN_URL, GOVBR_JWKS_URL)
):
    raise ImproperlyConfigured("the gov.br endpoints must be https in production")

# Static files are collected into the image at build time; media (attachments) live on a volume
# that every web and worker pod mounts.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))

# Database connections. CONN_MAX_AGE (DATABASE_CONN_MAX_AGE, seconds) keeps a connection open
# across requests of one gunicorn thread or one Celery process; with hundreds of schemas each
# backend's catalogue cache grows with every schema it touched, so the age caps that growth
# (docs/deploy.md, "Connection lifetime"). 0 closes after each request (use it behind a session
# pooler that keeps server connections itself). CONN_HEALTH_CHECKS pings a reused connection
# before its first query in a request, so a connection the server or a pooler closed is
# replaced instead of failing the request.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("DATABASE_CONN_HEALTH_CHECKS", True)

# `migrate_schemas --tenant --executor=multiprocessing` migrates this many schemas at once.
TENANT_MULTIPROCESSING_MAX_PROCESSES = int(os.environ.get("TENANT_MIGRATION_PROCESSES", "4"))
TENANT_SUBPROCESS_PARALLEL = TENANT_MULTIPROCESSING_MAX_PROCESSES

# Celery recycles a worker process after this many tasks (caps per-connection catalogue growth
# too); Django's LOGGING, not Celery's, formats the worker's logs.
CELERY_WORKER_MAX_TASKS_PER_CHILD = int(os.environ.get("CELERY_WORKER_MAX_TASKS_PER_CHILD", "500"))
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# One JSON object per line unless LOG_FORMAT=text.
LOGGING["handlers"]["console"]["formatter"] = (
    "tenant" if os.environ.get("LOG_FORMAT") == "text" else "json"
)

SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    def _tag_schema(event: dict, hint: dict) -> dict:
        """Every error names the Procon (schema) it happened in."""
        from django.db import connection

        event.setdefault("tags", {})["schema"] = getattr(connection, "schema_name", None)
        return event

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("APP_VERSION") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        # Consumers' CPF, e-mail and addresses never leave the platform.
        send_default_pii=False,
        before_send=_tag_schema,
    )
