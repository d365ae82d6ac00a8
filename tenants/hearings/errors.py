from enum import StrEnum


class HearingErrorCode(StrEnum):
    """Codes of the field errors the hearing actions raise (ValidationError.code)."""

    PAST_DATE = "hearing_past_date"
    NOT_BUSINESS_DAY = "hearing_not_business_day"
    OUTSIDE_HOURS = "hearing_outside_hours"
    SHORT_NOTICE = "hearing_short_notice"
    CONCILIATOR_BUSY = "hearing_conciliator_busy"
    ROOM_BUSY = "hearing_room_busy"
    ROOM_REQUIRED = "hearing_room_required"
    ROOM_NOT_ALLOWED = "hearing_room_not_allowed"
    ROOM_UNAVAILABLE = "hearing_room_unavailable"
    BAD_FORMAT = "hearing_bad_format"
    ROOM_IN_USE = "hearing_room_in_use"
    ROOM_NAME_REQUIRED = "hearing_room_name_required"
    ROOM_NAME_TAKEN = "hearing_room_name_taken"
    ROOM_ADDRESS_REQUIRED = "hearing_room_address_required"
    NOT_CONCILIATOR = "hearing_not_conciliator"
    NOT_CURRENT = "hearing_not_current"
    NOT_STARTED = "hearing_not_started"
    BAD_OUTCOME = "hearing_bad_outcome"
    SUMMARY_REQUIRED = "hearing_summary_required"
    TERMS_REQUIRED = "hearing_terms_required"
    DUE_DATE_REQUIRED = "hearing_due_date_required"
    DUE_DATE_PAST = "hearing_due_date_past"
