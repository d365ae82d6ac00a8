from enum import StrEnum


class StepErrorCode(StrEnum):
    ILLEGAL_STEP = "illegal_step"


class IllegalStep(Exception):
    """A step the aggregate's current state (or the caller's role) does not allow; the API answers
    409 with `message` and `code`, the pages show `message`. Each workflow passes its own codes."""

    code: str = StepErrorCode.ILLEGAL_STEP

    def __init__(self, message: str, code: str = StepErrorCode.ILLEGAL_STEP) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
