from enum import StrEnum


class AccountErrorCode(StrEnum):
    SUPERVISOR_ONLY_ON_STATE = "supervisor_only_on_state"
