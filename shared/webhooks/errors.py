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
    # A replay asked of a disabled endpoint: enable it first.
    ENDPOINT_DISABLED = "endpoint_disabled"
    # A replay "since" a time that covers more deliveries than one replay sends.
    TOO_MANY_TO_REPLAY = "too_many_to_replay"
    # A replay names neither one delivery nor a time, or both.
    REPLAY_WHAT = "replay_what"


MESSAGES = {
    WebhookErrorCode.NO_EVENTS: _("Choose at least one event."),
    WebhookErrorCode.UNKNOWN_EVENT: _("Unknown event."),
    WebhookErrorCode.COMPANY_REQUIRED: _("Choose the company this endpoint belongs to."),
    WebhookErrorCode.TOO_MANY_ENDPOINTS: _("A company may have at most 10 endpoints."),
    WebhookErrorCode.UNSAFE_DESTINATION: _(
        "This address is not on the public internet: use a public HTTPS host name or address."
    ),
    WebhookErrorCode.ENDPOINT_DISABLED: _("This endpoint is disabled: enable it before resending."),
    WebhookErrorCode.TOO_MANY_TO_REPLAY: _(
        "More than 500 deliveries since this time: choose a later time."
    ),
    WebhookErrorCode.REPLAY_WHAT: _("Give either one delivery or a time to resend from."),
}


class ReplayRefused(Exception):
    """A replay the endpoint's state does not allow; the API answers 409 with the code."""

    def __init__(self, code: WebhookErrorCode) -> None:
        super().__init__(str(MESSAGES[code]))
        self.code = code
