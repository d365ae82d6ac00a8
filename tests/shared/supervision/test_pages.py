"""The dashboard pages and API: the supervisor sees them on the state host; municipal staff,
consumers and every other host get 404."""

import pytest

from shared.accounts.roles import StaffRole
from tests.conftest import host_client
from tests.factories import staff
from tests.support.clients import logged_in_client

pytestmark = pytest.mark.django_db
QUARTER = "?start=2025-01&end=2025-03"
PAGES = [
    "/supervisao/painel/",
    "/supervisao/painel/procons/",
    "/supervisao/painel/procons/santos/",
    "/supervisao/painel/empresas/",
    "/supervisao/painel/alertas/",
    "/api/v1/supervision/figures/",
    "/api/v1/supervision/figures/procons/",
    "/api/v1/supervision/figures/atendimentos/",
    "/api/v1/supervision/figures/companies/",
    "/api/v1/supervision/alerts/",
]


def test_the_dashboard_shows_the_figures_and_three_svg_charts(supervisor_client, seeded) -> None:
    response = supervisor_client.get(f"/supervisao/painel/{QUARTER}")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="figure-filed">6<' in html
    assert 'data-testid="figure-overdue">2<' in html
    assert 'data-testid="figure-fines-total">R$ 1.500,00<' in html
    assert "<small>janeiro de 2025 – março de 2025</small>" in html
    assert ">jan/2025</text>" in html and "2025-01" not in html.split('id="period-start"')[0]
    # the map's rates with a decimal comma, as its legend
    assert "<title>Santos: 0,09 (4)</title>" in html and "≤ 0,09" in html
    for chart in ("chart-series", "chart-procons", "chart-map"):
        assert f'data-testid="{chart}"' in html
    assert html.count('data-testid="series-dot"') == 3
    assert html.count('data-testid="map-city"') == 645
    assert 'data-city="3548500"' in html and 'data-city="3509502"' in html
    assert 'data-testid="procon-row-santos"' in html
    assert 'data-testid="status-cip_lapsed"' in html
    assert 'data-testid="stage-final"' in html


def test_the_header_links_the_dashboard_for_the_supervisor_only(
    supervisor_client, state_procon
) -> None:
    attendant = logged_in_client(staff(state_procon, StaffRole.ATTENDANT), state_procon.host)

    assert 'data-testid="supervision-link"' in supervisor_client.get("/").content.decode()
    assert 'data-testid="supervision-link"' not in attendant.get("/").content.decode()


def test_the_main_page_runs_a_fixed_number_of_queries(
    supervisor_client, seeded, django_assert_num_queries
) -> None:
    supervisor_client.get(f"/supervisao/painel/{QUARTER}")  # session and caches warm

    # 19 queries (session, user, two-factor device, role, 3 figures from the rollup and its
    # freshness, per Procon and its names, ranking's leaders, their figures and names, map and
    # municipalities, alerts, adhesions waiting, and the atendimentos: by kind, channel and
    # demographics, per Procon and its names); the host's Procon and the billing banner's
    # subscription status come from the process's memory and the connection already holds the
    # search path
    with django_assert_num_queries(19):
        response = supervisor_client.get(f"/supervisao/painel/{QUARTER}")
    assert response.status_code == 200


@pytest.mark.parametrize("path", PAGES)
def test_municipal_staff_get_404_even_on_the_state_host(state_procon, procon, path) -> None:
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    client = logged_in_client(admin, state_procon.host)

    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/supervisao/painel/", "/api/v1/supervision/figures/"])
def test_the_supervisor_gets_404_on_a_municipal_host(procon, supervisor, path) -> None:
    client = host_client(procon.host)
    client.force_login(supervisor)

    assert client.get(path).status_code == 404


def test_state_staff_without_the_supervisor_role_get_404(state_procon) -> None:
    attendant = staff(state_procon, StaffRole.ATTENDANT)

    assert (
        logged_in_client(attendant, state_procon.host).get("/supervisao/painel/").status_code == 404
    )


def test_the_company_page_lists_where_its_complaints_come_from(supervisor_client, seeded) -> None:
    company_a, _b = seeded

    response = supervisor_client.get(f"/supervisao/painel/empresas/{company_a.pk}/{QUARTER}")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="procon-row-santos"' in html
    assert 'data-testid="procon-row-campinas"' not in html
    assert supervisor_client.get("/supervisao/painel/empresas/999999/").status_code == 404


def test_the_tenants_list_shows_status_billing_staff_and_links_the_actions(
    supervisor_client, procon
) -> None:
    staff(procon, StaffRole.ATTENDANT)

    response = supervisor_client.get("/supervisao/painel/procons/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="tenant-santos" data-status="active"' in html
    assert 'data-testid="tenant-sp" data-status="active" data-billing="free"' in html
    assert "/supervisao/procons/santos/" in html  # the suspend / reactivate page


def test_a_bad_month_is_a_400_naming_the_field(supervisor_client) -> None:
    page = supervisor_client.get("/supervisao/painel/?start=2025-13")
    api = supervisor_client.get("/api/v1/supervision/figures/?start=2025-03&end=2025-01")

    assert page.status_code == 400
    assert 'data-testid="error-start"' in page.content.decode()
    assert api.status_code == 400
    assert "start" in api.json()


def test_the_api_gives_the_same_figures(supervisor_client, seeded, procon) -> None:
    company_a, _b = seeded

    state = supervisor_client.get(f"/api/v1/supervision/figures/{QUARTER}").json()
    santos = supervisor_client.get(f"/api/v1/supervision/figures/{QUARTER}&procon=santos").json()
    company = supervisor_client.get(
        f"/api/v1/supervision/figures/companies/{company_a.pk}/{QUARTER}"
    ).json()
    ranking = supervisor_client.get(f"/api/v1/supervision/figures/companies/{QUARTER}").json()

    assert state["period"] == {"first_month": "2025-01", "last_month": "2025-03"}
    assert state["complaints"]["filed"] == 6
    assert state["complaints"]["answers"]["p90_days"] == 8.8
    assert state["sanctions"]["fines_total"] == "1500.00"
    assert santos["complaints"]["filed"] == 4
    assert [p["slug"] for p in company["procons"]] == ["santos"]
    assert [r["company_id"] for r in ranking][:1] == [company_a.pk]
    assert supervisor_client.get("/api/v1/supervision/figures/?procon=nowhere").status_code == 404
