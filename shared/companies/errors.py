from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class CompanyErrorCode(StrEnum):
    LAST_ADMIN = "last_admin"
    ALREADY_MEMBER = "already_member"
    INVITATION_INVALID = "invitation_invalid"
    INVITATION_EXPIRED = "invitation_expired"
    INVITATION_USED = "invitation_used"
    INVITATION_OTHER_EMAIL = "invitation_other_email"
    PROCONS_REQUIRED = "procons_required"
    API_KEY_EXPIRY_PAST = "api_key_expiry_past"
    API_KEY_EXPIRY_TOO_FAR = "api_key_expiry_too_far"
    API_KEY_REVOKED = "api_key_revoked"
    API_KEY_OVERLAP_TOO_LONG = "api_key_overlap_too_long"
    DOCUMENT_REQUIRED = "document_required"
    PERSON_HAS_NO_TEAM = "person_has_no_team"


# Messages shared by the pages and the API.
MESSAGES = {
    CompanyErrorCode.LAST_ADMIN: _(
        "A company keeps at least one administrator: make someone else administrator first."
    ),
    CompanyErrorCode.ALREADY_MEMBER: _("This person is already on the company's team."),
    CompanyErrorCode.INVITATION_INVALID: _("This invitation link is not valid."),
    CompanyErrorCode.INVITATION_EXPIRED: _(
        "This invitation link has expired. Ask the company's administrator for a new one."
    ),
    CompanyErrorCode.INVITATION_USED: _(
        "This invitation was already used or withdrawn. Ask the company's administrator for a new one."
    ),
    CompanyErrorCode.INVITATION_OTHER_EMAIL: _(
        "This invitation was sent to another e-mail address. Log in with the invited address."
    ),
    CompanyErrorCode.PROCONS_REQUIRED: _("Choose at least one Procon, or every Procon."),
    CompanyErrorCode.API_KEY_EXPIRY_PAST: _("The expiry must be in the future."),
    CompanyErrorCode.API_KEY_EXPIRY_TOO_FAR: _("A key may be valid for at most %(days)s days."),
    CompanyErrorCode.API_KEY_REVOKED: _("This key was revoked: issue a new one."),
    CompanyErrorCode.API_KEY_OVERLAP_TOO_LONG: _(
        "The previous secret may stay valid for at most %(hours)s hours."
    ),
    CompanyErrorCode.DOCUMENT_REQUIRED: _("Give the supplier's CNPJ or CPF."),
    CompanyErrorCode.PERSON_HAS_NO_TEAM: _(
        "A supplier identified by CPF has no team: it answers with the CIP's access code."
    ),
}
