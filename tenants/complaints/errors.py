from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class ComplaintErrorCode(StrEnum):
    ILLEGAL_STEP = "illegal_step"
    NOT_ALLOWED = "not_allowed"
    RATING_WINDOW_CLOSED = "rating_window_closed"
    BAD_CLASSIFICATION = "bad_classification"


ILLEGAL_STEP_MESSAGE = _("This action is not possible now: the complaint is “%(status)s”.")
NOT_ALLOWED_MESSAGE = _("You cannot take this action on this complaint.")
