from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class ApplicationErrorCode(StrEnum):
    ALREADY_PENDING = "application_already_pending"
    # The CNPJ (or its root) belongs to verified companies: their administrators consent, or the
    # supervisor overrides with a written reason.
    CONSENT_OR_OVERRIDE_REQUIRED = "consent_or_override_required"
    NO_CONFLICT = "no_conflict"
    NO_ADMINS_TO_ASK = "no_admins_to_ask"


MESSAGES = {
    ApplicationErrorCode.ALREADY_PENDING: _(
        "An application for this CNPJ is already waiting for the state supervisor's decision."
    ),
    ApplicationErrorCode.CONSENT_OR_OVERRIDE_REQUIRED: _(
        "This CNPJ belongs to a verified company group: approve only after its administrators "
        "consent, or write why you approve without their consent."
    ),
    ApplicationErrorCode.NO_CONFLICT: _("No verified company shares this CNPJ root."),
    ApplicationErrorCode.NO_ADMINS_TO_ASK: _(
        "The verified companies of this group have no administrator to ask."
    ),
}
