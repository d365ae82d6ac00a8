"""Company reputation in a browser: a visitor goes from a company's public page to its indicators,
narrows them to a quarter, and opens its segment's ranking; the company's agent compares its own
figures with its segment's medians from the inbox."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.support import e2e

pytestmark = pytest.mark.e2e

PASSWORD = "senha-da-reputacao-123"


@pytest.fixture(scope="session")
def reputation(committed_procon, django_db_blocker) -> e2e.Committed:
    """In the first quarter of 2023 at Sorocaba, in a segment of its own: Alfa with four
    complaints (three answered, two of them on time; one of two rated resolved), and two peers
    with two complaints each; Alfa's agent."""
    from validate_docbr import CNPJ

    from shared.accounts.actions import do_grant_company_role
    from shared.caseindex.models import CaseIndexEntry
    from shared.companies.actions import do_register_company

    suffix = e2e.unique_suffix()
    segment = f"Segmento de teste {suffix}"
    day = timedelta(days=1)

    def entry(company, number: str, opened: datetime, **fields: object) -> None:
        CaseIndexEntry.objects.create(
            procon=committed_procon,
            kind=CaseIndexEntry.Kind.COMPLAINT,
            number=f"REP-{suffix}-{number}",
            tenant_object_id=abs(hash((suffix, number))) % 1_000_000_000,
            company=company,
            subject="Telefonia",
            subject_area=segment,
            status="closed",
            opened_at=opened,
            updated_at=opened,
            cip_sent_at=opened + day,
            **fields,
        )

    with e2e.committed_writes(django_db_blocker):
        alfa, beta, gama = (
            do_register_company(cnpj=CNPJ().generate(), legal_name=f"{name} {suffix} S.A.")
            for name in ("Alfa Reputação", "Beta Reputação", "Gama Reputação")
        )
        agent = e2e.committed_person(f"reputacao.{suffix}@exemplo.test", "Rita Reputação", PASSWORD)
        do_grant_company_role(agent, company=alfa, role="agent")
        jan = timezone.make_aware(datetime(2023, 1, 10, 12))
        answered = {"answered_at": jan + 4 * day}
        entry(alfa, "A1", jan, answer_timely=True, resolved=True, satisfaction=5, **answered)
        entry(alfa, "A2", jan, answer_timely=True, resolved=False, satisfaction=1, **answered)
        entry(alfa, "A3", jan, answer_timely=False, **answered)
        entry(alfa, "A4", jan)
        for company, resolved in ((beta, True), (gama, False)):
            for n in (1, 2):
                entry(
                    company,
                    f"{company.pk}-{n}",
                    jan,
                    answer_timely=True,
                    resolved=resolved,
                    satisfaction=4,
                    **answered,
                )
    return e2e.Committed(
        cnpj=alfa.cnpj, name=str(alfa), beta=str(beta), gama=str(gama), agent_email=agent.email
    )


def _first_quarter_of_2023(page: Page) -> None:
    filters = page.get_by_test_id("reputation-filters")
    filters.locator('input[name="start"]').fill("2023-01")
    filters.locator('input[name="end"]').fill("2023-03")
    filters.get_by_role("button").click()


def test_a_visitor_reads_a_company_s_indicators_and_its_ranking(
    page: Page, live_server_url: str, reputation: e2e.Committed
) -> None:
    page.goto(f"{live_server_url}/empresas/{reputation.cnpj}/")
    page.get_by_test_id("company-indicators").click()
    _first_quarter_of_2023(page)

    expect(page.get_by_test_id("ind-filed")).to_have_text("4")
    expect(page.get_by_test_id("ind-answered")).to_have_text("75,0%")
    expect(page.get_by_test_id("ind-on-time")).to_have_text("66,7%")
    expect(page.get_by_test_id("ind-resolution")).to_have_text("50,0%")
    assert e2e.horizontal_overflow(page) == 0

    # The segment's ranking: none of its companies has the 30 complaints a rank needs, and the
    # page says so rather than ranking two or four cases.
    page.get_by_role("link", name="Ranking do segmento").click()
    expect(page.get_by_test_id("ranking-row")).to_have_count(0)
    expect(page.get_by_test_id("ranking-empty")).to_contain_text("30 ou mais reclamações")
    expect(page.get_by_test_id("ranking-left-out")).to_contain_text("3 empresas")


def test_the_agent_compares_the_company_with_its_segment(
    page: Page, live_server_url: str, reputation: e2e.Committed
) -> None:
    e2e.login(page, live_server_url, reputation.agent_email, PASSWORD)
    page.get_by_test_id("nav-inbox").click()
    page.get_by_test_id("inbox-reputation").click()
    _first_quarter_of_2023(page)

    expect(page.get_by_test_id("ind-filed")).to_have_text("4")
    expect(page.get_by_test_id("ind-satisfaction")).to_have_text("3,00")
    # Its peers have two complaints each, under the minimum: no medians, and the page says why.
    expect(page.get_by_test_id("no-peers")).to_contain_text("30 ou mais reclamações")
    assert e2e.horizontal_overflow(page) == 0
