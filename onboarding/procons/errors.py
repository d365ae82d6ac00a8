from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from onboarding.applications import errors


class AdhesionErrorCode(StrEnum):
    SLUG_FORMAT = "slug_format"
    SLUG_RESERVED = "slug_reserved"
    SLUG_TAKEN = "slug_taken"
    CITY_OUTSIDE_STATE = "city_outside_state"
    CITY_TAKEN = "city_taken"
    CITY_NOT_FOUND = "city_not_found"
    PLAN_UNKNOWN = "plan_unknown"
    LINK_INVALID = "link_invalid"
    LINK_EXPIRED = "link_expired"
    INVITATION_USED = "invitation_used"
    INVITATION_OTHER_EMAIL = "invitation_other_email"
    ACCOUNT_EXISTS = "account_exists"
    NOT_RETRYABLE = "application_not_retryable"


class ApplicationStateError(errors.ApplicationStateError):
    """An action that the application's status no longer allows; the API answers 409."""

    def __init__(self, code: AdhesionErrorCode) -> None:
        super().__init__(MESSAGES[code], code)


MESSAGES = {
    AdhesionErrorCode.SLUG_FORMAT: _(
        "Use 1 to 40 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen."
    ),
    AdhesionErrorCode.SLUG_RESERVED: _("This sub-domain is reserved by the platform."),
    AdhesionErrorCode.SLUG_TAKEN: _("This sub-domain is already taken."),
    AdhesionErrorCode.CITY_OUTSIDE_STATE: _("The city must be in the state this platform serves."),
    AdhesionErrorCode.CITY_TAKEN: _(
        "This city already has a Procon on the platform, or an application in progress."
    ),
    AdhesionErrorCode.CITY_NOT_FOUND: _("City not found."),
    AdhesionErrorCode.PLAN_UNKNOWN: _("Choose one of the plans offered."),
    AdhesionErrorCode.LINK_INVALID: _("This link is not valid."),
    AdhesionErrorCode.LINK_EXPIRED: _("This link has expired."),
    AdhesionErrorCode.INVITATION_USED: _("This invitation has already been used."),
    AdhesionErrorCode.INVITATION_OTHER_EMAIL: _(
        "This invitation was sent to another e-mail address. Log in with the invited address."
    ),
    AdhesionErrorCode.ACCOUNT_EXISTS: _(
        "An account with this e-mail already exists: log in to accept."
    ),
    AdhesionErrorCode.NOT_RETRYABLE: _("Only an application whose creation failed can be retried."),
}
