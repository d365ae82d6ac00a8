from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from onboarding.applications.errors import ApplicationStateError


class ApplicationErrorCode(StrEnum):
    ALREADY_PENDING = "application_already_pending"
    ALREADY_DECIDED = "application_already_decided"
    REASON_REQUIRED = "reason_required"
    # The CNPJ (or its root) belongs to verified companies: their administrators consent, or the
    # supervisor overrides with a written reason.
    CONSENT_OR_OVERRIDE_REQUIRED = "consent_or_override_required"
    NO_CONFLICT = "no_conflict"
    NO_ADMINS_TO_ASK = "no_admins_to_ask"


class ApplicationAlreadyDecided(ApplicationStateError):
    """A decision on an application that is no longer pending; the API answers 409."""

    def __init__(self) -> None:
        code = ApplicationErrorCode.ALREADY_DECIDED
        super().__init__(MESSAGES[code], code)


MESSAGES = {
    ApplicationErrorCode.ALREADY_PENDING: _(
        "An application for this CNPJ is already waiting for the state supervisor's decision."
    ),
    ApplicationErrorCode.ALREADY_DECIDED: _("This application has already been decided."),
    ApplicationErrorCode.REASON_REQUIRED: _("Say why the application is rejected."),
    ApplicationErrorCode.CONSENT_OR_OVERRIDE_REQUIRED: _(
        "This CNPJ belongs to a verified company group: approve only after its administrators "
        "consent, or write why you approve without their consent."
    ),
    ApplicationErrorCode.NO_CONFLICT: _("No verified company shares this CNPJ root."),
    ApplicationErrorCode.NO_ADMINS_TO_ASK: _(
        "The verified companies of this group have no administrator to ask."
    ),
}
