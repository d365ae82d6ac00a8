"""Settings shared by every environment; everything that varies comes from the environment."""

import os
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[3]
PLATFORM_DIR = BASE_DIR / "platform"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)

# The public site answers on PLATFORM_DOMAIN; each Procon on {slug}.{PLATFORM_DOMAIN}.
PLATFORM_DOMAIN = os.environ.get("PLATFORM_DOMAIN", "localhost")
# The port shown in links between hosts (empty in production behind a proxy on 443).
PLATFORM_PORT = os.environ.get("PLATFORM_PORT", "")
PLATFORM_SCHEME = os.environ.get("PLATFORM_SCHEME", "https")
# The federative unit this deployment serves (IBGE UF code): 35 is São Paulo.
PLATFORM_UF_CODE = int(os.environ.get("PLATFORM_UF_CODE", "35"))
ALLOWED_HOSTS = [PLATFORM_DOMAIN, f".{PLATFORM_DOMAIN}"]

SHARED_APPS = [
    "django_tenants",
    "shared.procons",
    "shared.geo",
    "shared.accounts",
    "shared.companies",
    "shared.ops",
    "demo",
    "shared.notifications",
    "shared.caseindex",
    "portals.inbox",
    "shared.registry",
    "onboarding.companies",
    "onboarding.procons",
    "shared.webhooks",
    "shared.billing",
    "portals.supervision",
    "shared.audit",
    "shared.reputation",
    "shared.narratives",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "shared.notifications",
    "tenants.configuration",
    "tenants.catalogue",
    "tenants.complaints",
    "tenants.hearings",
    "tenants.penalties",
    "tenants.sanctions",
    "tenants.textmessages",
    "tenants.counter",
    "tenants.narratives",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

# What the platform's apps (shared/) call in the tenant apps, wired here so that shared never
# imports tenants (docs/architecture.md, "Layers"; kernel.hooks.hook reads them):
# a new Procon's schema gets its defaults (settings row, subject catalogue; idempotent) ...
PROCON_SCHEMA_DEFAULTS = "tenants.configuration.actions.do_ensure_procon_settings"
# ... the privacy export reads a person's complaints in each Procon's schema ...
PRIVACY_EXPORT_COMPLAINTS = "tenants.complaints.privacy.complaints_for_export"
# Withdraws a deleted account's consents to publish its narratives, at one Procon.
PRIVACY_WITHDRAW_NARRATIVES = "tenants.narratives.privacy.withdraw_narratives"
# ... and each webhook event's `data` is described by the tenant apps that emit it.
WEBHOOK_EVENT_DATA = "tenants.webhook_data.EVENT_DATA"
# The account claim's code goes by SMS through the Procon's text-message outbox.
ACCOUNT_CLAIM_TEXT = "tenants.counter.claim_texts.text_claim_code"

# How a new Procon's schema is made: "clone" (of the migrated template schema, with a drift
# check and migrate as the fallback) or "migrate" (every tenant migration).
PROCON_PROVISIONING = os.environ.get("PROCON_PROVISIONING", "clone")
# Checked copies of the template kept ready (`procon__spare_<hex>`): an approved Procon's schema
# is then a rename, live in well under a second (docs/benchmarks.md). 0 turns them off.
PROCON_SPARE_SCHEMAS = int(os.environ.get("PROCON_SPARE_SCHEMAS", "2"))
# Companies need this many complaints in a segment and period to be ranked (shared/reputation).
REPUTATION_MIN_VOLUME = int(os.environ.get("REPUTATION_MIN_VOLUME", "30"))

TENANT_MODEL = "procons.Procon"
TENANT_DOMAIN_MODEL = "procons.Domain"
PUBLIC_SCHEMA_URLCONF = "config.urls_public"
ROOT_URLCONF = "config.urls_tenants"
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
# The schema's search_path is sent once per connection and schema change, not before every query
# (this django-tenants forgets it on rollback and savepoint rollback, which revert a SET):
# docs/benchmarks.md measures the difference.
TENANT_LIMIT_SET_CALLS = True
# How often (seconds) a web process checks whether another changed what its process caches hold
# (kernel/process_cache.py: Procons and host names, subscriptions, settings, the catalogue); the
# process that made the change forgets at once.
PROCESS_CACHE_CHECK_SECONDS = float(os.environ.get("PROCESS_CACHE_CHECK_SECONDS", "1"))

MIDDLEWARE = [
    "shared.procons.middleware.ProconMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "shared.accounts.middleware.HostBoundSessionMiddleware",
    "shared.audit.middleware.AuditLogMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "shared.accounts.two_factor.TwoFactorRequiredMiddleware",
    "shared.billing.middleware.LapsedSubscriptionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PLATFORM_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shared.procons.context_processors.procon",
                "shared.billing.context_processors.billing",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# The project-local servers' ports (deploy/scripts/services.sh reads the same variables): the
# default URLs below follow them, so PGPORT or REDIS_PORT alone moves every connection.
PGPORT = int(os.environ.get("PGPORT", "54329"))
REDIS_PORT = int(os.environ.get("REDIS_PORT", "63799"))

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"postgres://procon@127.0.0.1:{PGPORT}/procon"),
        engine="shared.procons.backend",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out (e-mail, IP) before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Per-account lock of staff, supervisors and company administrators (any address).
    "shared.accounts.lockout.AccountLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one e-mail from
# one IP address, that pair is locked for AXES_COOLOFF_MINUTES. Attempts live in the database,
# so every web process counts the same; operators unlock in the admin or with
# `manage.py axes_reset_username <e-mail>`.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
# The login page again, with the lockout explained, answered 429.
AXES_LOCKOUT_CALLABLE = "shared.accounts.views.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "shared.accounts.lockout.client_ip"
# On top of it, a privileged account (staff, supervisor, company administrator, operator) is
# locked after ACCOUNT_LOCKOUT_FAILURE_LIMIT wrong passwords from any addresses within
# ACCOUNT_LOCKOUT_WINDOW_MINUTES, for ACCOUNT_LOCKOUT_MINUTES; a password reset unlocks it.
ACCOUNT_LOCKOUT_FAILURE_LIMIT = int(os.environ.get("ACCOUNT_LOCKOUT_FAILURE_LIMIT", "20"))
ACCOUNT_LOCKOUT_WINDOW = timedelta(
    minutes=int(os.environ.get("ACCOUNT_LOCKOUT_WINDOW_MINUTES", "60"))
)
ACCOUNT_LOCKOUT_TIME = timedelta(minutes=int(os.environ.get("ACCOUNT_LOCKOUT_MINUTES", "60")))
# Lockouts are still logged as warnings; not every attempt and the start-up banner.
AXES_VERBOSE = False
# How many reverse proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# django-otp: the issuer shown in authenticator apps next to the account.
OTP_TOTP_ISSUER = "Procon Digital"
# Content Security Policy (Django's own middleware): only this host's scripts, styles and images;
# the few inline scripts carry the request's nonce ({{ csp_nonce }}); QR codes are inline SVG.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}


def vlibras_csp(csp: dict[str, list[str]]) -> dict[str, list[str]]:
    """The policy with what the VLibras widget loads from the government's CDN (its script, the
    Unity player in a web worker, its images, styles and the translation service)."""
    origin = "https://*.vlibras.gov.br"
    extra = {
        "script-src": [VLIBRAS_ORIGIN, origin, CSP.UNSAFE_EVAL, "blob:"],
        "style-src": [VLIBRAS_ORIGIN, origin, CSP.UNSAFE_INLINE],
        "img-src": [VLIBRAS_ORIGIN, origin, "blob:"],
        "connect-src": [CSP.SELF, VLIBRAS_ORIGIN, origin, "blob:"],
        "worker-src": [CSP.SELF, "blob:"],
        "media-src": [VLIBRAS_ORIGIN, origin, "blob:"],
    }
    merged = {key: list(value) for key, value in csp.items()}
    for key, values in extra.items():
        merged[key] = list(dict.fromkeys(merged.get(key, []) + values))
    return merged


# VLibras (the federal government's Libras translation widget), loaded from its CDN when on (on in
# production values, off by default so development and the tests fetch nothing from outside).
VLIBRAS_ENABLED = env_bool("VLIBRAS_ENABLED", False)
VLIBRAS_ORIGIN = "https://vlibras.gov.br"
VLIBRAS_SCRIPT = f"{VLIBRAS_ORIGIN}/app/vlibras-plugin.js"
if VLIBRAS_ENABLED:
    SECURE_CSP = vlibras_csp(SECURE_CSP)
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# "Entrar com gov.br" (Login Único, OpenID Connect with PKCE): off unless GOVBR_CLIENT_ID is set.
# The one redirect URI registered at gov.br is on the platform's host (GOVBR_REDIRECT_URI, by
# default {PLATFORM_SCHEME}://{PLATFORM_DOMAIN}/entrar/govbr/retorno/); a login started on a
# Procon's host comes back there through a signed, single-use hand-off (shared/accounts/govbr/).
# production.py points the endpoints at sso.acesso.gov.br; the tests at a provider on loopback.
GOVBR_CLIENT_ID = os.environ.get("GOVBR_CLIENT_ID", "")
GOVBR_CLIENT_SECRET = os.environ.get("GOVBR_CLIENT_SECRET", "")
GOVBR_ISSUER = os.environ.get("GOVBR_ISSUER", "https://sso.staging.acesso.gov.br/")
_govbr_base = GOVBR_ISSUER.rstrip("/")
GOVBR_AUTHORIZE_URL = os.environ.get("GOVBR_AUTHORIZE_URL", f"{_govbr_base}/authorize")
GOVBR_TOKEN_URL = os.environ.get("GOVBR_TOKEN_URL", f"{_govbr_base}/token")
GOVBR_JWKS_URL = os.environ.get("GOVBR_JWKS_URL", f"{_govbr_base}/jwk")
GOVBR_USERINFO_URL = os.environ.get("GOVBR_USERINFO_URL", f"{_govbr_base}/userinfo/")
# The end of the gov.br session after ours (the Login Único asks integrations to call it); empty:
# only the platform's session ends.
GOVBR_LOGOUT_URL = os.environ.get("GOVBR_LOGOUT_URL", f"{_govbr_base}/logout")
# The trust level comes in the ID token (reliability_info, scope govbr_confiabilidades_idtoken);
# when it is absent, the older levels API is asked if set ({url}/{cpf}/niveis).
GOVBR_LEVELS_URL = os.environ.get("GOVBR_LEVELS_URL", "")
GOVBR_SCOPE = os.environ.get(
    "GOVBR_SCOPE", "openid email profile govbr_confiabilidades govbr_confiabilidades_idtoken"
)
# Empty: derived from PLATFORM_SCHEME, PLATFORM_DOMAIN and PLATFORM_PORT.
GOVBR_REDIRECT_URI = os.environ.get("GOVBR_REDIRECT_URI", "")
GOVBR_POST_LOGOUT_REDIRECT_URI = os.environ.get("GOVBR_POST_LOGOUT_REDIRECT_URI", "")
# Staff roles give power only to accounts linked to gov.br at this level or above ("bronze",
# "silver", "gold"); empty: no requirement.
GOVBR_STAFF_MIN_LEVEL = os.environ.get("GOVBR_STAFF_MIN_LEVEL", "")
# Seconds the platform waits for gov.br's token, keys and user-info answers.
GOVBR_TIMEOUT_SECONDS = float(os.environ.get("GOVBR_TIMEOUT_SECONDS", "10"))

# Sessions and CSRF cookies are host-only: a cookie set on one Procon's host never
# travels to another's (SESSION_COOKIE_DOMAIN stays None on purpose).
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "pt-br"
LANGUAGES = [("pt-br", _("Brazilian Portuguese")), ("en", _("English"))]
LOCALE_PATHS = [PLATFORM_DIR / "locale"]
TIME_ZONE = "America/Sao_Paulo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / ".var" / "staticfiles"
# The DS gov.br core (compiled CSS/JS and the gov.br marks) that django-dsgovbr ships, served as
# static/dsgovbr/...; the package is not an installed app (its admin module needs packages the
# project does not use), only its files are.
DSGOVBR_STATIC = Path(find_spec("dsgovbr").submodule_search_locations[0]) / "static" / "vendors"
STATICFILES_DIRS = [PLATFORM_DIR / "static", ("dsgovbr", DSGOVBR_STATIC / "serpro")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".var" / "media"))
MEDIA_URL = "/media/"

MAILERS = {
    "default": {
        "BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": {
            key: value
            for key, value in {
                "host": os.environ.get("EMAIL_HOST"),
                "port": int(os.environ["EMAIL_PORT"]) if os.environ.get("EMAIL_PORT") else None,
                "username": os.environ.get("EMAIL_HOST_USER"),
                "password": os.environ.get("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", False) or None,
            }.items()
            if value is not None
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Procon Digital <nao-responda@localhost>")

# DRF, the OpenAPI schema and company API keys.
from config.settings.api import *  # noqa: E402, F403

# Celery: the broker, the tasks' limits and beat's schedule.
from config.settings.tasks import *  # noqa: E402, F403

# An e-mail of the outbox still unsent this many seconds after it was queued is queued again by
# beat (its message was lost: broker down at commit, worker killed).
OUTBOX_REQUEUE_AFTER_SECONDS = int(os.environ.get("OUTBOX_REQUEUE_AFTER_SECONDS", "300"))
# Text messages (SMS, WhatsApp) to consumers who opted in (tenants/textmessages, docs in
# configuration.md): the provider ("twilio", "file": one JSON line per message under
# TEXT_MESSAGE_FILE_PATH, or "" for none: nothing is queued and the opt-in is not offered).
TEXT_MESSAGE_PROVIDER = os.environ.get("TEXT_MESSAGE_PROVIDER", "")
# The SMS sender of a Procon whose settings leave it empty (an alphanumeric sender ID or a number
# of the provider's account).
TEXT_MESSAGE_SMS_SENDER = os.environ.get("TEXT_MESSAGE_SMS_SENDER", "ProconDigit")
TEXT_MESSAGE_FILE_PATH = Path(
    os.environ.get("TEXT_MESSAGE_FILE_PATH", BASE_DIR / ".var" / "text-messages")
)
TEXT_MESSAGE_TIMEOUT_SECONDS = float(os.environ.get("TEXT_MESSAGE_TIMEOUT_SECONDS", "10"))
# A message still queued this long after it was recorded lost its task: beat queues it again.
TEXT_MESSAGE_REQUEUE_AFTER_SECONDS = int(
    os.environ.get("TEXT_MESSAGE_REQUEUE_AFTER_SECONDS", "300")
)
# Twilio's Programmable Messaging API: the account's SID and auth token (which also signs the
# status callbacks); the base URL moves only for tests (a loopback server).
TWILIO_ACCOUNT_SID = os.environ.get("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "")
TWILIO_API_BASE_URL = os.environ.get("TWILIO_API_BASE_URL", "https://api.twilio.com")
# Open data: a city with fewer complaints than this in a file is written as "Outros".
OPEN_DATA_MIN_CITY_COUNT = int(os.environ.get("OPEN_DATA_MIN_CITY_COUNT", "10"))
# Outbound webhooks to company systems: HTTPS only; plain http to a loopback host only where
# this is set (development and tests, whose receivers run on this machine).
WEBHOOKS_ALLOW_LOOPBACK_HTTP = env_bool("WEBHOOKS_ALLOW_LOOPBACK_HTTP", False)
WEBHOOKS_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOKS_TIMEOUT_SECONDS", "10"))

# Billing: the plans a municipal Procon subscribes to (monthly, in BRL centavos), each with its
# Stripe Price; "free" is granted by the state (and is always the state Procon's).
PROCON_PLANS: dict[str, dict] = {
    "small": {
        "name": _("Small city (up to 50,000 inhabitants)"),
        "monthly_price_cents": int(os.environ.get("PLAN_SMALL_PRICE_CENTS", "49000")),
        "stripe_price_id": os.environ.get("STRIPE_PRICE_SMALL", ""),
    },
    "medium": {
        "name": _("Medium city (50,001 to 500,000 inhabitants)"),
        "monthly_price_cents": int(os.environ.get("PLAN_MEDIUM_PRICE_CENTS", "99000")),
        "stripe_price_id": os.environ.get("STRIPE_PRICE_MEDIUM", ""),
    },
    "large": {
        "name": _("Large city (over 500,000 inhabitants)"),
        "monthly_price_cents": int(os.environ.get("PLAN_LARGE_PRICE_CENTS", "199000")),
        "stripe_price_id": os.environ.get("STRIPE_PRICE_LARGE", ""),
    },
    "free": {"name": _("Free (granted by the state)"), "monthly_price_cents": 0},
}
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
# Empty: Stripe itself; tests point it at localstripe or a recording server on loopback.
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")

# The cache is shared by every process (the access-code throttle counts across web workers).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("CACHE_URL", f"redis://127.0.0.1:{REDIS_PORT}/15"),
    }
}
# Seconds the health check waits for the broker or a worker before answering 503.
HEALTHCHECK_TIMEOUT = float(os.environ.get("HEALTHCHECK_TIMEOUT", "2"))
# Bearer token for `/healthz?worker=1` (a Celery round trip); empty: that check is refused.
HEALTHCHECK_TOKEN = os.environ.get("HEALTHCHECK_TOKEN", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"tenant_context": {"()": "django_tenants.log.TenantContextFilter"}},
    "formatters": {
        "tenant": {"format": "%(asctime)s %(levelname)s [%(schema_name)s] %(name)s: %(message)s"},
        "json": {"()": "config.logformat.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["tenant_context"],
            # LOG_FORMAT=json writes one JSON object per line (production's default).
            "formatter": "json" if os.environ.get("LOG_FORMAT") == "json" else "tenant",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
