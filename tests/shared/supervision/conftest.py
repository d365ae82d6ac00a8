from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from portals.supervision.actions import do_refresh_figure_rollup
from shared.caseindex.models import CaseIndexEntry
from tests.factories import CompanyFactory
from tests.support.clients import logged_in_client

SANTOS_IBGE = 3548500
CAMPINAS_IBGE = 3509502


@pytest.fixture(autouse=True)
def _no_figures_cache(settings) -> None:
    settings.SUPERVISION_CACHE_SECONDS = 0


@pytest.fixture
def supervisor_client(state_procon, supervisor):
    return logged_in_client(supervisor, state_procon.host)


def local(y: int, m: int, d: int, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(y, m, d, hour))


def entry(procon, company, number: str, opened: datetime, **fields) -> CaseIndexEntry:
    values = {
        "procon": procon,
        "kind": CaseIndexEntry.Kind.COMPLAINT,
        "number": number,
        "tenant_object_id": abs(hash(number)) % 1_000_000,
        "company": company,
        "subject": "Telefonia",
        "status": "registered",
        "opened_at": opened,
        "updated_at": opened,
    } | fields
    return CaseIndexEntry.objects.create(**values)


@pytest.fixture
def seeded(procon, other_procon):
    """The small set whose figures are computed by hand in the tests (first quarter of 2025)."""
    company_a = CompanyFactory(trade_name="Alfa Telecom")
    company_b = CompanyFactory(trade_name="Beta Varejo")
    day = timedelta(days=1)
    s, c = procon, other_procon
    ibge = {s: SANTOS_IBGE, c: CAMPINAS_IBGE}
    # number, opened, classification, days to answer, answered in time, hearings, agreement
    answered = (
        (s, company_a, "T-1", local(2025, 1, 10), "resolved_at_cip", 2, True, 0, None),
        (s, company_a, "T-2", local(2025, 1, 20), "agreement", 4, True, 1, True),
        (s, company_a, "T-3", local(2025, 2, 5), "founded_not_met", 10, False, 2, False),
        (c, company_b, "T-5", local(2025, 3, 3), "founded_met", 6, True, 0, None),
    )
    for where, company, number, opened, classification, days, timely, hearings, agreed in answered:
        entry(
            where,
            company,
            number,
            opened,
            status="closed",
            classification=classification,
            answered_at=opened + days * day,
            answer_timely=timely,
            hearings_held=hearings,
            agreement_reached=agreed,
            municipality_id=ibge[where],
        )
    entry(
        s,
        company_a,
        "T-4",
        local(2025, 2, 15),
        status="cip_sent",
        cip_due_on=local(2025, 3, 1).date(),
        municipality_id=SANTOS_IBGE,
    )
    entry(
        c, company_b, "T-6", local(2025, 3, 10), status="cip_lapsed", municipality_id=CAMPINAS_IBGE
    )
    # outside the period: the last evening of 2024, local time
    entry(s, company_a, "T-7", local(2024, 12, 31, 22), status="closed", classification="agreement")
    sanction = CaseIndexEntry.Kind.SANCTION
    fine = {"fine_amount": Decimal("1500.00"), "decided_at": local(2025, 3, 5)}
    entry(s, company_a, "S-1", local(2025, 2, 1), kind=sanction, status="final", **fine)
    entry(c, company_b, "S-2", local(2025, 3, 1), kind=sanction, status="awaiting_defence")
    do_refresh_figure_rollup()
    return company_a, company_b
