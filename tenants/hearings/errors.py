from enum import StrEnum


class HearingErrorCode(StrEnum):
    """Codes of the field errors the hearing actions raise (ValidationError.code)."""

    PAST_DATE = "hearing_past_date"
    NOT_CONCILIATOR = "hearing_not_conciliator"
    NOT_CURRENT = "hearing_not_current"
    NOT_STARTED = "hearing_not_started"
    BAD_OUTCOME = "hearing_bad_outcome"
    SUMMARY_REQUIRED = "hearing_summary_required"
    TERMS_REQUIRED = "hearing_terms_required"
    DUE_DATE_REQUIRED = "hearing_due_date_required"
    DUE_DATE_PAST = "hearing_due_date_past"
