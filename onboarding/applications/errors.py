class ApplicationStateError(Exception):
    """An action the application's status no longer allows (already decided, not retryable):
    the API answers 409, the pages show the message."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(str(message))
        self.code = code
