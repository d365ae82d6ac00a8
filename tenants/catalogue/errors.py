"""Error codes of the subject catalogue."""

from enum import StrEnum


class CatalogueErrorCode(StrEnum):
    DUPLICATE_NAME = "duplicate_name"
    SAME_SUBJECT = "same_subject"
