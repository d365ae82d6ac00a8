"""Error codes of the text-message preferences, and their messages."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class TextMessageErrorCode(StrEnum):
    PHONE_INVALID = "text_phone_invalid"
    PHONE_REQUIRED = "text_phone_required"
    NOT_OFFERED = "text_messages_not_offered"


MESSAGES = {
    TextMessageErrorCode.PHONE_INVALID: _(
        "Enter a mobile number with its area code, such as (11) 99999-0000 or +5511999990000."
    ),
    TextMessageErrorCode.PHONE_REQUIRED: _("Enter the mobile number that should get the messages."),
    TextMessageErrorCode.NOT_OFFERED: _("Text messages are not offered on this platform."),
}
