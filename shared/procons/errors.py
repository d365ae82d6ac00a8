from enum import StrEnum


class ProconErrorCode(StrEnum):
    SLUG_RESERVED = "slug_reserved"
    SLUG_TAKEN = "slug_taken"
    CITY_OUTSIDE_STATE = "city_outside_state"
    CITY_TAKEN = "city_taken"
    STATE_EXISTS = "state_exists"
