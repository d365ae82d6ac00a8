"""The state supervisor opens the dashboard in the browser: the figures and the three SVG charts
(complaints per month, bars per Procon, the map of São Paulo's cities) render and are visible."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.support import e2e

pytestmark = pytest.mark.e2e

PASSWORD = "senha-do-painel-123"


@pytest.fixture(scope="module")
def dashboard(django_db_setup, django_db_blocker, committed_procon) -> Iterator[e2e.Committed]:
    """A committed supervisor and a few committed index rows of Sorocaba (the Procon for
    committed data), removed afterwards."""
    from django.utils import timezone

    from portals.supervision.actions import do_refresh_figure_rollup
    from shared.accounts.actions import do_grant_staff_role
    from shared.caseindex.models import CaseIndexEntry
    from shared.companies.models import Company
    from shared.procons.models import Procon
    from tests.factories import CompanyFactory

    suffix = e2e.unique_suffix()
    with django_db_blocker.unblock():
        supervisor = e2e.committed_person(
            f"painel.{suffix}@exemplo.test", "Paula do Painel", PASSWORD
        )
        do_grant_staff_role(supervisor, procon=Procon.objects.get(slug="sp"), role="supervisor")
        company = CompanyFactory(trade_name=f"Painel {suffix}")
        now = timezone.now()
        rows = [
            CaseIndexEntry.objects.create(
                procon=committed_procon,
                number=f"PAINEL-{suffix}-{n}",
                tenant_object_id=n,
                company=company,
                subject="Telefonia",
                status="registered",
                municipality_id=committed_procon.municipality_id,
                opened_at=now - timedelta(days=40 * (n % 3)),
                updated_at=now,
            )
            for n in range(5)
        ]
        # what beat does every 5 minutes
        do_refresh_figure_rollup()
    yield e2e.Committed(supervisor_email=supervisor.email, filed=len(rows))
    with django_db_blocker.unblock():
        CaseIndexEntry.objects.filter(pk__in=[row.pk for row in rows]).delete()
        Company.objects.filter(pk=company.pk).delete()
        do_refresh_figure_rollup(full=True)


def test_the_supervisor_sees_the_figures_and_the_charts(
    page: Page, live_server_url: str, dashboard: e2e.Committed
) -> None:
    state = e2e.on_host(live_server_url, "sp")
    e2e.login(page, state, dashboard.supervisor_email, PASSWORD, then="/supervisao/painel/")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    filed = int(page.get_by_test_id("figure-filed").inner_text())
    assert filed >= dashboard.filed
    expect(page.get_by_test_id("figures-as-of")).to_be_visible()
    for chart in ("chart-series", "chart-procons", "chart-map"):
        svg = page.get_by_test_id(chart).locator("svg[role=img]")
        expect(svg).to_be_visible()
        box = svg.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 10
    expect(page.get_by_test_id("series-dot")).to_have_count(12)
    expect(page.get_by_test_id("map-city")).to_have_count(645)
    expect(page.get_by_test_id("chart-procons").get_by_test_id("bar").first).to_be_visible()
    expect(page.get_by_test_id("procon-row-sorocaba")).to_be_visible()
