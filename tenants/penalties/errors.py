"""Error codes of the rules tables, mapped to messages by the API and the pages."""

from enum import StrEnum


class PenaltiesErrorCode(StrEnum):
    DUPLICATE_PROVISION = "duplicate_provision"
    DUPLICATE_UFIR_DATE = "duplicate_ufir_date"
    LAST_UFIR_VALUE = "last_ufir_value"
    SEAL_BELOW_ONE_SIXTH = "seal_below_one_sixth"
    FRACTION_ABOVE_ONE = "fraction_above_one"
    DUPLICATE_CIRCUMSTANCE = "duplicate_circumstance"
