from enum import StrEnum


class ProconErrorCode(StrEnum):
    SLUG_RESERVED = "slug_reserved"
    SLUG_TAKEN = "slug_taken"
    CITY_OUTSIDE_STATE = "city_outside_state"
    CITY_TAKEN = "city_taken"
    STATE_EXISTS = "state_exists"
    SLUG_FORMAT = "slug_format"
    TRANSITION_REFUSED = "transition_refused"
    REASON_REQUIRED = "reason_required"
    STATE_NOT_SUSPENDABLE = "state_not_suspendable"
