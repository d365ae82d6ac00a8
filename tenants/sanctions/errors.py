from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from kernel.errors import IllegalStep


class SanctionErrorCode(StrEnum):
    ILLEGAL_STEP = "illegal_step"
    NOT_ALLOWED = "not_allowed"
    WINDOW_CLOSED = "window_closed"
    INSPECTION_CLOSED = "inspection_closed"
    FINE_UNAVAILABLE = "fine_unavailable"


class SanctionIllegalStep(IllegalStep):
    """A step the process's state or the caller's role refuses; the API answers 409 with its
    message and code (the project-wide mapping of IllegalStep)."""

    def __init__(
        self, message: str, code: SanctionErrorCode = SanctionErrorCode.ILLEGAL_STEP
    ) -> None:
        super().__init__(message, code)  # type: ignore[arg-type]


ILLEGAL_STEP_MESSAGE = _("This action is not possible now: the process is “%(status)s”.")
NOT_ALLOWED_MESSAGE = _("You cannot take this action on this process.")
