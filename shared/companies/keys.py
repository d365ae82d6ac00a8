"""Company API keys: the scopes, which company-facing operation each scope opens, and the key
format. A key acts for its company (the CNPJ-root group, as an agent does) and reaches only the
operations its scopes name; every other API operation refuses it."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shared.accounts import tokens

KEY_PREFIX = "pdk_"


class ApiKeyScope(models.TextChoices):
    # The inbox: lists, counts, one case and its documents.
    CASES_READ = "cases:read", _("Read cases")
    # Answer a case through the inbox, and write to the Procon in the case's company thread.
    CASES_ANSWER = "cases:answer", _("Answer cases")
    # Sanction processes against the company: lists and one process.
    SANCTIONS_READ = "sanctions:read", _("Read sanction processes")
    # File a defence or an appeal, pay at the base amount.
    SANCTIONS_RESPOND = "sanctions:respond", _("Respond to sanction processes")
    # Outbound webhooks: create, list, delete, test, delivery log.
    WEBHOOKS_MANAGE = "webhooks:manage", _("Manage webhooks")


# Route name (`api:<name>`) → the scope it needs. Routes not listed here refuse every key,
# except the public reads in OPEN_ROUTES, which need no credential at all.
ROUTE_SCOPES: dict[str, str] = {
    "api:inbox-list": ApiKeyScope.CASES_READ,
    "api:inbox-counts": ApiKeyScope.CASES_READ,
    "api:inbox-case": ApiKeyScope.CASES_READ,
    "api:inbox-attachment": ApiKeyScope.CASES_READ,
    "api:inbox-answer": ApiKeyScope.CASES_ANSWER,
    # The Procon and company thread: reading and writing it is part of answering the case.
    "api:inbox-messages": ApiKeyScope.CASES_ANSWER,
    "api:inbox-sanction-list": ApiKeyScope.SANCTIONS_READ,
    "api:inbox-sanction": ApiKeyScope.SANCTIONS_READ,
    "api:inbox-sanction-defence": ApiKeyScope.SANCTIONS_RESPOND,
    "api:inbox-sanction-pay-at-base": ApiKeyScope.SANCTIONS_RESPOND,
    "api:inbox-sanction-appeal": ApiKeyScope.SANCTIONS_RESPOND,
    # On the process's Procon host: the auto and the decisions as PDFs.
    "api:sanction-process-notice-pdf": ApiKeyScope.SANCTIONS_READ,
    "api:sanction-process-decision-pdf": ApiKeyScope.SANCTIONS_READ,
}
WEBHOOK_ROUTE_PREFIX = "api:webhook-"
OPEN_ROUTES = frozenset(
    {
        "api:procon-list",
        "api:procon-serving",
        "api:municipality-list",
        "api:company-search",
        "api:registry",
        "api:registry-publications",
        "api:webhook-asyncapi",
    }
)

# A scope that needs the company administrator's powers (webhooks are managed by administrators).
ADMIN_SCOPES = frozenset({ApiKeyScope.WEBHOOKS_MANAGE})


class RouteAccess(models.TextChoices):
    OPEN = "open"
    SCOPED = "scoped"
    REFUSED = "refused"


def required_scope(route_name: str) -> tuple[RouteAccess, str | None]:
    """What a key needs for the route `route_name` (the resolved `namespace:name`)."""
    if route_name in OPEN_ROUTES:
        return RouteAccess.OPEN, None
    if route_name in ROUTE_SCOPES:
        return RouteAccess.SCOPED, ROUTE_SCOPES[route_name]
    if route_name.startswith(WEBHOOK_ROUTE_PREFIX):
        return RouteAccess.SCOPED, ApiKeyScope.WEBHOOKS_MANAGE
    return RouteAccess.REFUSED, None


def new_key() -> str:
    return KEY_PREFIX + tokens.new_key()[len(tokens.KEY_PREFIX) :]


def hash_key(key: str) -> str:
    return tokens.hash_key(key)


def display_prefix(key: str) -> str:
    return key[: len(KEY_PREFIX) + 6]


def default_lifetime() -> timedelta:
    return timedelta(days=int(getattr(settings, "COMPANY_API_KEY_DEFAULT_DAYS", 365)))


def max_lifetime() -> timedelta:
    return timedelta(days=int(getattr(settings, "COMPANY_API_KEY_MAX_DAYS", 730)))


def default_overlap() -> timedelta:
    return timedelta(hours=int(getattr(settings, "COMPANY_API_KEY_ROTATION_OVERLAP_HOURS", 24)))


def max_overlap() -> timedelta:
    return timedelta(hours=int(getattr(settings, "COMPANY_API_KEY_MAX_OVERLAP_HOURS", 168)))
