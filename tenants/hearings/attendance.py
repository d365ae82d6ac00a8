"""Who came to a hearing for each party, in what capacity, and the company representative's
letter of authorisation (carta de preposição): checked with the minutes and recorded with them.
An absence decides the outcome the minutes record."""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import NotFound

from kernel.web.uploads import CheckedUpload
from kernel.workflow.files import checked_uploads, store_documents
from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from tenants.hearings.lifecycle import Outcome
from tenants.hearings.models import (
    AuthorisationLetter,
    ConciliationHearing,
    HearingAttendance,
    Party,
)

LETTER_FIELD = "authorisation_letter"


class AttendanceErrorCode(StrEnum):
    """Codes of the errors the attendance and the acceptance of the minutes raise."""

    PRESENCE_REQUIRED = "attendance_presence_required"
    NAME_REQUIRED = "attendance_name_required"
    BAD_CAPACITY = "attendance_bad_capacity"
    LETTER_REQUIRED = "attendance_letter_required"
    LETTER_NOT_EXPECTED = "attendance_letter_not_expected"
    OUTCOME_MISMATCH = "minutes_outcome_mismatch"
    MINUTES_NOT_RECORDED = "minutes_not_recorded"


class Capacity(models.TextChoices):
    """In what capacity someone came for a party (stored in HearingAttendance.capacity)."""

    CONSUMER = "consumer", gettext_lazy("The consumer in person")
    LEGAL_REPRESENTATIVE = "legal_representative", gettext_lazy("Legal representative")
    ATTORNEY = "attorney", gettext_lazy("Attorney")
    PREPOSTO = "preposto", gettext_lazy("Company representative (preposto)")
    PARTNER = "partner", gettext_lazy("Partner or director of the company")


# The capacities each party may come in; a preposto brings a carta de preposição.
CAPACITIES: dict[str, tuple[Capacity, ...]] = {
    Party.CONSUMER: (Capacity.CONSUMER, Capacity.LEGAL_REPRESENTATIVE, Capacity.ATTORNEY),
    Party.COMPANY: (Capacity.PREPOSTO, Capacity.PARTNER, Capacity.ATTORNEY),
}
ABSENCE_OUTCOMES = {Party.CONSUMER: Outcome.CONSUMER_ABSENT, Party.COMPANY: Outcome.COMPANY_ABSENT}


def capacity_label(capacity: str) -> str:
    """The capacity in the reader's language (a value from before the choices, as stored)."""
    return str(Capacity(capacity).label) if capacity in Capacity.values else capacity


@dataclass(frozen=True)
class Attendee:
    """One party's attendance as the conciliator records it; `name` and `capacity` only when
    someone came."""

    present: bool | None
    name: str = ""
    capacity: str = ""


@dataclass(frozen=True)
class CheckedAttendance:
    """The attendance once checked: each party's row to write, the letter's checked content
    and the outcome the absences decide (None when both parties came)."""

    rows: dict[str, Attendee]
    letter: CheckedUpload | None
    absence_outcome: Outcome | None


def _party_errors(party: str, attendee: Attendee | None) -> dict[str, ValidationError]:
    if attendee is None or attendee.present is None:
        message = (
            _("Say whether the consumer came to the hearing.")
            if party == Party.CONSUMER
            else _("Say whether the company came to the hearing.")
        )
        return {
            f"{party}_present": ValidationError(message, code=AttendanceErrorCode.PRESENCE_REQUIRED)
        }
    errors: dict[str, ValidationError] = {}
    if attendee.present and not attendee.name.strip():
        errors[f"{party}_name"] = ValidationError(
            _("Write the name of whoever came."), code=AttendanceErrorCode.NAME_REQUIRED
        )
    if attendee.present and attendee.capacity not in CAPACITIES[party]:
        errors[f"{party}_capacity"] = ValidationError(
            _("Choose in what capacity they came."), code=AttendanceErrorCode.BAD_CAPACITY
        )
    return errors


def _letter(
    company: Attendee | None, letter: UploadedFile | None
) -> tuple[CheckedUpload | None, dict[str, ValidationError]]:
    """The carta de preposição: required when the company came through a preposto, refused
    otherwise, and checked by its content like every upload."""
    through_preposto = (
        company is not None and bool(company.present) and company.capacity == Capacity.PREPOSTO
    )
    if through_preposto and letter is None:
        return None, {
            LETTER_FIELD: ValidationError(
                _("Attach the letter of authorisation (carta de preposição) the preposto brought."),
                code=AttendanceErrorCode.LETTER_REQUIRED,
            )
        }
    if letter is None:
        return None, {}
    if not through_preposto:
        return None, {
            LETTER_FIELD: ValidationError(
                _(
                    "A letter of authorisation (carta de preposição) goes with a company "
                    "represented by a preposto only."
                ),
                code=AttendanceErrorCode.LETTER_NOT_EXPECTED,
            )
        }
    try:
        return checked_uploads([letter], field=LETTER_FIELD)[0], {}
    except ValidationError as error:
        return None, {LETTER_FIELD: ValidationError(error.message_dict[LETTER_FIELD])}


def check_attendance(
    consumer: Attendee | None, company: Attendee | None, letter: UploadedFile | None
) -> tuple[CheckedAttendance | None, dict[str, ValidationError]]:
    """Each party's attendance checked (field errors keyed `consumer_present`, `company_name`,
    `authorisation_letter`...), with the outcome its absences decide once both presences are
    known; None when neither was given (the minutes' API before attendance:
    an absence outcome then records that party's absence alone)."""
    if consumer is None and company is None:
        if letter is not None:
            return None, _letter(None, letter)[1]
        return None, {}
    errors = _party_errors(Party.CONSUMER, consumer) | _party_errors(Party.COMPANY, company)
    checked_letter, letter_errors = _letter(company, letter)
    errors |= letter_errors
    if consumer is None or company is None or consumer.present is None or company.present is None:
        return None, errors
    rows = {Party.CONSUMER.value: consumer, Party.COMPANY.value: company}
    # The consumer's absence decides first: it is the one the Procon's archiving rule follows.
    absent = next((party for party, row in rows.items() if not row.present), None)
    return CheckedAttendance(
        rows=rows,
        letter=checked_letter,
        absence_outcome=None if absent is None else ABSENCE_OUTCOMES[absent],
    ), errors


def outcome_errors(
    outcome: str, attendance: CheckedAttendance | None
) -> dict[str, ValidationError]:
    """The outcome against the attendance: an absence is the outcome, an agreement needs both
    parties, and an absence outcome needs that party absent."""
    if attendance is None:
        return {}
    derived = attendance.absence_outcome
    if derived is not None and outcome in {Outcome.AGREEMENT, *ABSENCE_OUTCOMES.values()}:
        if outcome == derived:
            return {}
        message = (
            _("An agreement needs both parties at the hearing.")
            if outcome == Outcome.AGREEMENT
            else _("This outcome does not match who came to the hearing.")
        )
        return {"outcome": ValidationError(message, code=AttendanceErrorCode.OUTCOME_MISMATCH)}
    if derived is None and outcome in ABSENCE_OUTCOMES.values():
        return {
            "outcome": ValidationError(
                _("Both parties came: choose agreement or no agreement."),
                code=AttendanceErrorCode.OUTCOME_MISMATCH,
            )
        }
    return {}


def record_attendance(
    hearing: ConciliationHearing,
    attendance: CheckedAttendance | None,
    *,
    outcome: str,
    actor: User,
) -> list[HearingAttendance]:
    """The attendance rows of `hearing` and the preposto's letter; without attendance, the
    absent party an absence outcome names."""
    if attendance is None:
        absent = [party for party, absence in ABSENCE_OUTCOMES.items() if absence == outcome]
        rows: dict[str, Attendee] = {party: Attendee(present=False) for party in absent}
    else:
        rows = attendance.rows
    recorded = []
    for party, row in rows.items():
        present = bool(row.present)
        attendee = HearingAttendance.objects.create(
            hearing=hearing,
            party=party,
            present=present,
            name=row.name.strip() if present else "",
            capacity=row.capacity if present else "",
            recorded_by=actor,
        )
        recorded.append(attendee)
        if party == Party.COMPANY and attendance is not None and attendance.letter is not None:
            store_documents(
                AuthorisationLetter, [attendance.letter], attendance=attendee, uploaded_by=actor
            )
    return recorded


def access_authorisation_letter(
    hearing: ConciliationHearing, *, roles: frozenset[str]
) -> AuthorisationLetter:
    """The carta de preposição of `hearing`, for this Procon's staff and the case's company;
    NotFound for anyone else (the consumer included) and when there is none."""
    if not (roles & {*StaffRole.values, "company"}):
        raise NotFound()
    letter = AuthorisationLetter.objects.filter(attendance__hearing=hearing).first()
    if letter is None:
        raise NotFound()
    return letter
