"""Anyone reads a company's page by CNPJ: names, CNPJ, city, the verified badge, participation."""

import pytest

from onboarding.companies.actions import (
    do_approve_company_application,
    do_submit_company_application,
)
from shared.accounts.roles import StaffRole
from shared.companies.actions import do_set_company_participation
from tests.factories import CompanyFactory, staff
from tests.onboarding.companies.helpers import ALPHANUMERIC_CNPJ, application_data

pytestmark = pytest.mark.django_db


def test_an_approved_company_shows_the_verified_badge(public_client, state_procon, procon) -> None:
    supervisor = staff(state_procon, StaffRole.SUPERVISOR)
    application = do_approve_company_application(
        do_submit_company_application(**application_data(cnpj=ALPHANUMERIC_CNPJ)),
        actor=supervisor,
    )
    do_set_company_participation(
        application.company, actor=supervisor, everywhere=False, procons=[procon]
    )

    response = public_client.get("/empresas/12ABC34501DE35/")

    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-testid="verified-badge"' in content
    assert "12.ABC.345/01DE-35" in content
    assert "Santos" in content
    assert procon.name in content
    assert public_client.get("/empresas/12abc34501de35/").status_code == 200


def test_a_company_not_yet_verified_has_no_badge(public_client) -> None:
    company = CompanyFactory()

    response = public_client.get(f"/empresas/{company.cnpj}/")

    assert response.status_code == 200
    assert b'data-testid="verified-badge"' not in response.content


def test_an_unknown_cnpj_is_404(public_client) -> None:
    assert public_client.get("/empresas/11222333000181/").status_code == 404
