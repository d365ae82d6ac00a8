from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class BillingErrorCode(StrEnum):
    NOT_CONFIGURED = "billing_not_configured"
    STATE_NOT_BILLED = "state_not_billed"
    FREE_PLAN = "free_plan"
    ALREADY_ACTIVE = "already_active"
    UNKNOWN_PLAN = "unknown_plan"
    NO_CUSTOMER = "no_customer"
    STRIPE_UNAVAILABLE = "stripe_unavailable"
    BAD_SIGNATURE = "bad_signature"
    SUBSCRIPTION_LAPSED = "subscription_lapsed"


MESSAGES = {
    BillingErrorCode.NOT_CONFIGURED: _("Online payment is not configured on this platform."),
    BillingErrorCode.STATE_NOT_BILLED: _("The state Procon is never billed."),
    BillingErrorCode.FREE_PLAN: _("This Procon has the free plan granted by the state."),
    BillingErrorCode.ALREADY_ACTIVE: _("The subscription is already active."),
    BillingErrorCode.UNKNOWN_PLAN: _("Choose one of the paid plans."),
    BillingErrorCode.NO_CUSTOMER: _("There is no subscription to manage yet."),
    BillingErrorCode.STRIPE_UNAVAILABLE: _(
        "The payment service did not answer; try again in a few minutes."
    ),
    BillingErrorCode.BAD_SIGNATURE: _("The event's signature is not valid."),
    BillingErrorCode.SUBSCRIPTION_LAPSED: _(
        "This Procon's subscription has lapsed: its staff can read everything but change "
        "nothing until the Procon administrator pays again. Consumers keep following their cases."
    ),
}


class BillingError(Exception):
    def __init__(self, code: BillingErrorCode) -> None:
        super().__init__(str(MESSAGES[code]))
        self.code = code
        self.message = MESSAGES[code]
