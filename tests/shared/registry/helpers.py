"""A small, hand-countable registry: founded cases put straight into the public case index, or
closed through the complaint actions."""

from datetime import UTC, datetime, timedelta
from itertools import count

from django_tenants.utils import tenant_context

from shared.caseindex.models import CaseIndexEntry
from tenants.complaints.actions.answer import do_lapse_cip, do_send_cip
from tenants.complaints.actions.closing import do_close_complaint, do_reopen_complaint
from tests.tenants.complaints.factories import at_cip_sent

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


def founded_complaint(procon, attendant, company, classification: str = "founded_not_met"):
    """A real complaint of `procon` against `company`: triaged, sent, lapsed and closed as
    founded through the complaint actions."""
    with tenant_context(procon):
        complaint = at_cip_sent(attendant, company=company)
        return _lapse_and_close(complaint, attendant, classification)


def reclassified_as_met(procon, complaint, attendant):
    """The founded-not-met `complaint` reopened, sent again, lapsed and closed as founded-met."""
    with tenant_context(procon):
        complaint = do_reopen_complaint(
            complaint, actor=attendant, as_role="attendant", reason="Empresa cumpriu depois."
        )
        complaint = do_send_cip(complaint, actor=attendant, as_role="attendant")
        return _lapse_and_close(complaint, attendant, "founded_met")


def _lapse_and_close(complaint, attendant, classification: str):
    complaint = do_lapse_cip(complaint, today=complaint.cip_due_on + timedelta(days=1))
    return do_close_complaint(
        complaint, actor=attendant, as_role="attendant", classification=classification
    )
