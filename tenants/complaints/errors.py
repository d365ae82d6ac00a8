from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class ComplaintErrorCode(StrEnum):
    ILLEGAL_STEP = "illegal_step"
    NOT_ALLOWED = "not_allowed"
    RATING_WINDOW_CLOSED = "rating_window_closed"
    BAD_CLASSIFICATION = "bad_classification"


class IllegalStep(Exception):
    """A step the complaint's current state does not allow; the API answers 409 with `message`."""

    code = ComplaintErrorCode.ILLEGAL_STEP

    def __init__(
        self, message: str, code: ComplaintErrorCode = ComplaintErrorCode.ILLEGAL_STEP
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


ILLEGAL_STEP_MESSAGE = _("This action is not possible now: the complaint is “%(status)s”.")
