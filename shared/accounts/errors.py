from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class AccountErrorCode(StrEnum):
    SUPERVISOR_ONLY_ON_STATE = "supervisor_only_on_state"
    CPF_TAKEN = "cpf_taken"
    EMAIL_TAKEN = "email_taken"
    VERIFICATION_LINK_INVALID = "verification_link_invalid"
    VERIFICATION_LINK_EXPIRED = "verification_link_expired"
    VERIFICATION_RESENT_TOO_SOON = "verification_resent_too_soon"
    NO_ACCOUNT_WITH_EMAIL = "no_account_with_email"
    ROLE_NOT_MANAGED_HERE = "role_not_managed_here"
    LAST_TENANT_ADMIN = "last_tenant_admin"
    TWO_FACTOR_CODE_INVALID = "two_factor_code_invalid"
    TWO_FACTOR_REQUIRED_FOR_ROLE = "two_factor_required_for_role"
    EMAIL_NOT_VERIFIED = "email_not_verified"
    ALREADY_HOLDS_ROLE = "already_holds_role"
    INVITATION_INVALID = "invitation_invalid"
    INVITATION_EXPIRED = "invitation_expired"
    INVITATION_USED = "invitation_used"
    INVITATION_OTHER_EMAIL = "invitation_other_email"
    ACCOUNT_EXISTS = "account_exists"
    WRONG_PASSWORD = "wrong_password"  # noqa: S105 - an error code, not a secret


# Messages shared by the pages and the API. A taken CPF or e-mail never says whose it is.
MESSAGES = {
    AccountErrorCode.CPF_TAKEN: _(
        "An account with this CPF already exists. Log in or reset your password."
    ),
    AccountErrorCode.EMAIL_TAKEN: _(
        "An account with this e-mail already exists. Log in or reset your password."
    ),
    AccountErrorCode.VERIFICATION_LINK_INVALID: _(
        "This confirmation link is not valid. Ask for a new one."
    ),
    AccountErrorCode.VERIFICATION_LINK_EXPIRED: _(
        "This confirmation link has expired. Ask for a new one."
    ),
    AccountErrorCode.VERIFICATION_RESENT_TOO_SOON: _(
        "We have just sent you a confirmation e-mail. Wait a minute before asking again."
    ),
    AccountErrorCode.NO_ACCOUNT_WITH_EMAIL: _(
        "No account uses this e-mail. Ask the person to sign up on Procon Digital first, "
        "then add the role here."
    ),
    AccountErrorCode.EMAIL_NOT_VERIFIED: _(
        "Confirm your e-mail first: open the link we sent you, or ask for a new one."
    ),
    AccountErrorCode.ALREADY_HOLDS_ROLE: _("This person already holds this role here."),
    AccountErrorCode.INVITATION_INVALID: _(
        "This invitation link is not valid. Ask the Procon's administrator for a new one."
    ),
    AccountErrorCode.INVITATION_EXPIRED: _(
        "This invitation link has expired. Ask the Procon's administrator for a new one."
    ),
    AccountErrorCode.INVITATION_USED: _("This invitation was already used or withdrawn."),
    AccountErrorCode.INVITATION_OTHER_EMAIL: _(
        "This invitation was sent to another e-mail address. Log in with the invited address."
    ),
    AccountErrorCode.ACCOUNT_EXISTS: _(
        "An account with this e-mail already exists: log in to accept."
    ),
    AccountErrorCode.WRONG_PASSWORD: _("The password is not correct."),
    AccountErrorCode.ROLE_NOT_MANAGED_HERE: _("Choose one of the roles offered here."),
    AccountErrorCode.LAST_TENANT_ADMIN: _(
        "This is the Procon's last administrator: give the role to someone else first."
    ),
    AccountErrorCode.TWO_FACTOR_CODE_INVALID: _(
        "This code is not valid. Enter the current 6-digit code from your authenticator app or "
        "one of your unused backup codes; after several wrong codes, wait a moment before trying "
        "again."
    ),
    AccountErrorCode.TWO_FACTOR_REQUIRED_FOR_ROLE: _(
        "Your roles require two-step verification: it cannot be turned off."
    ),
}
