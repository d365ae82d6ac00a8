"""A small, hand-countable registry: founded cases put straight into the public case index."""

from datetime import UTC, datetime, timedelta
from itertools import count

from shared.caseindex.models import CaseIndexEntry

_numbers = count(1)


def index_case(
    procon,
    company,
    *,
    closed_at: datetime | None,
    classification: str = "",
    opened_at: datetime | None = None,
    municipality_id: int | None = None,
    subject: str = "Telefonia móvel",
    problem: str = "Cobrança indevida",
    **extra,
) -> CaseIndexEntry:
    opened = opened_at or (closed_at or datetime(2019, 6, 1, tzinfo=UTC)) - timedelta(days=30)
    # Straight into the index, as no action would: the registry shows it after
    # `do_refresh_registry_rollup` (as it shows an indexed case after the beat task's refresh).
    return CaseIndexEntry.objects.create(
        procon=procon,
        kind=CaseIndexEntry.Kind.COMPLAINT,
        number=f"TEST-{procon.slug.upper()}-{next(_numbers):06d}",
        tenant_object_id=0,
        company=company,
        subject=subject,
        problem=problem,
        status="closed" if classification else "cip_sent",
        classification=classification,
        municipality_id=municipality_id,
        opened_at=opened,
        updated_at=closed_at or opened,
        closed_at=closed_at,
        **extra,
    )


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def verified_company(**kwargs):
    """A company whose application the supervisor approved: its names are the registered ones."""
    from tests.factories import CompanyFactory

    company = CompanyFactory(**kwargs)
    company.verified_at = utc(2025, 1, 1)
    type(company).objects.filter(pk=company.pk).update(verified_at=company.verified_at)
    return company
