"""Error codes of webhook writes; the API and pages show their messages."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class WebhookErrorCode(StrEnum):
    HTTPS_REQUIRED = "https_required"
    NO_EVENTS = "no_events"
    UNKNOWN_EVENT = "unknown_event"
    COMPANY_REQUIRED = "company_required"
    TOO_MANY_ENDPOINTS = "too_many_endpoints"
    # The host is, or resolves to, a loopback, private, link-local, shared, multicast or
    # reserved address: the platform only posts to the public internet.
    UNSAFE_DESTINATION = "unsafe_destination"


MESSAGES = {
    WebhookErrorCode.NO_EVENTS: _("Choose at least one event."),
    WebhookErrorCode.UNKNOWN_EVENT: _("Unknown event."),
    WebhookErrorCode.COMPANY_REQUIRED: _("Choose the company this endpoint belongs to."),
    WebhookErrorCode.TOO_MANY_ENDPOINTS: _("A company may have at most 10 endpoints."),
    WebhookErrorCode.UNSAFE_DESTINATION: _(
        "This address is not on the public internet: use a public HTTPS host name or address."
    ),
}
