from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class ApplicationErrorCode(StrEnum):
    ALREADY_PENDING = "application_already_pending"
    ALREADY_DECIDED = "application_already_decided"
    REASON_REQUIRED = "reason_required"


class ApplicationAlreadyDecided(Exception):
    """A decision on an application that is no longer pending; the API answers 409."""

    code = ApplicationErrorCode.ALREADY_DECIDED


MESSAGES = {
    ApplicationErrorCode.ALREADY_PENDING: _(
        "An application for this CNPJ is already waiting for the state supervisor's decision."
    ),
    ApplicationErrorCode.ALREADY_DECIDED: _("This application has already been decided."),
    ApplicationErrorCode.REASON_REQUIRED: _("Say why the application is rejected."),
}
