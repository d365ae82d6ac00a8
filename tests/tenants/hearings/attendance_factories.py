"""Minutes with attendance, built through the real action, and what the page's form posts."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shared.accounts.models import User
from tenants.hearings.attendance import Attendee
from tenants.hearings.models import ConciliationHearing, HearingMinutes
from tests.tenants.complaints.factories import pdf_bytes
from tests.tenants.hearings.factories import record_minutes

CONSUMER_CAME = Attendee(present=True, name="Maria Consumidora", capacity="consumer")
PREPOSTO_CAME = Attendee(present=True, name="Paulo Preposto", capacity="preposto")
PARTNER_CAME = Attendee(present=True, name="Sofia Sócia", capacity="partner")
ABSENT = Attendee(present=False)


def letter(
    name: str = "carta-de-preposicao.pdf", content: bytes | None = None
) -> SimpleUploadedFile:
    """A carta de preposição: a real PDF unless `content` says otherwise."""
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content)


def minutes_with(
    hearing: ConciliationHearing,
    conciliator: User,
    *,
    consumer: Attendee = CONSUMER_CAME,
    company: Attendee = PARTNER_CAME,
    outcome: str = "agreement",
    with_letter: bool = False,
) -> HearingMinutes:
    """The conciliator's minutes of `hearing` with this attendance; an agreement is due in 10
    days."""
    return record_minutes(
        hearing,
        conciliator,
        outcome,
        "Audiência realizada.",
        terms="Troca do aparelho por um novo.",
        due_in_days=10 if outcome == "agreement" else None,
        consumer=consumer,
        company=company,
        authorisation_letter=letter() if with_letter else None,
    )


def minutes_form(**overrides: object) -> dict[str, object]:
    """What the complaint page's minutes form posts: both parties came (the company through its
    partner), an agreement due in 10 days; `overrides` by field name without the prefix."""
    fields: dict[str, object] = {
        "consumer_present": "yes",
        "consumer_name": "Maria Consumidora",
        "consumer_capacity": "consumer",
        "company_present": "yes",
        "company_name": "Sofia Sócia",
        "company_capacity": "partner",
        "outcome": "agreement",
        "summary": "Acordo firmado.",
        "agreement_terms": "Reembolso integral.",
        "agreement_due_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
    }
    fields.update(overrides)
    return {f"minutes-{name}": value for name, value in fields.items() if value is not None}
