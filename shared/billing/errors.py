"""Why a billing request is refused: each code with the message the pages and the API show."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BillingErrorCode(models.TextChoices):
    NOT_CONFIGURED = (
        "billing_not_configured",
        _("Online payment is not configured on this platform."),
    )
    STATE_NOT_BILLED = "state_not_billed", _("The state Procon is never billed.")
    FREE_PLAN = "free_plan", _("This Procon has the free plan granted by the state.")
    ALREADY_ACTIVE = "already_active", _("The subscription is already active.")
    UNKNOWN_PLAN = "unknown_plan", _("Choose one of the paid plans.")
    NO_CUSTOMER = "no_customer", _("There is no subscription to manage yet.")
    STRIPE_UNAVAILABLE = (
        "stripe_unavailable",
        _("The payment service did not answer; try again in a few minutes."),
    )
    BAD_SIGNATURE = "bad_signature", _("The event's signature is not valid.")
    SUBSCRIPTION_LAPSED = (
        "subscription_lapsed",
        _(
            "This Procon's subscription has lapsed: its staff can read everything but change "
            "nothing until the Procon administrator pays again. Consumers keep following their cases."
        ),
    )


MESSAGES = {code: code.label for code in BillingErrorCode}


class BillingError(Exception):
    def __init__(self, code: BillingErrorCode) -> None:
        super().__init__(str(MESSAGES[code]))
        self.code = code
        self.message = MESSAGES[code]
