from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALREADY_DECIDED = "application_already_decided"
REASON_REQUIRED = "reason_required"


class ApplicationStateError(Exception):
    """An action the application's status no longer allows (already decided, not retryable):
    the API answers 409, the pages show the message."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(str(message))
        self.code = code


class ApplicationAlreadyDecided(ApplicationStateError):
    """A decision on an application that no longer waits for one."""

    def __init__(self) -> None:
        super().__init__(_("This application has already been decided."), ALREADY_DECIDED)


def reason_required() -> ValidationError:
    """A refusal without a reason, on the `reason` field."""
    return ValidationError(
        {"reason": ValidationError(_("Say why the application is rejected."), code=REASON_REQUIRED)}
    )
