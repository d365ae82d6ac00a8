"""The company chooses where it participates: every Procon, or a list."""

import pytest
from django.core.exceptions import ValidationError

from shared.accounts.roles import CompanyRole
from shared.companies.actions import do_set_company_participation
from shared.companies.errors import CompanyErrorCode
from shared.companies.selectors import company_participates_in
from tests.factories import company_agent
from tests.support.clients import logged_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(company):
    return logged_in_client(company_agent(company, role=CompanyRole.ADMIN))


def test_a_company_participates_everywhere_by_default(company, procon, other_procon) -> None:
    assert company.participates_everywhere
    assert company_participates_in(company, procon)
    assert company_participates_in(company, other_procon)


def test_the_page_saves_a_list_of_procons(admin_client, company, procon, other_procon) -> None:
    assert admin_client.get("/empresa/participacao/").status_code == 200

    response = admin_client.post(
        "/empresa/participacao/", {"everywhere": "0", "procons": [procon.pk]}
    )

    assert response.status_code == 302
    company.refresh_from_db()
    assert not company.participates_everywhere
    assert company_participates_in(company, procon)
    assert not company_participates_in(company, other_procon)


def test_the_api_saves_participation_by_slug(admin_client, company, procon, state_procon) -> None:
    response = admin_client.put(
        "/api/v1/company/participation/",
        {"participates_everywhere": False, "procons": ["santos", "sp"]},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json() == {"participates_everywhere": False, "procons": ["santos", "sp"]}
    assert admin_client.get("/api/v1/company/participation/").json()["procons"] == ["santos", "sp"]

    back = admin_client.put(
        "/api/v1/company/participation/",
        {"participates_everywhere": True, "procons": ["santos"]},
        content_type="application/json",
    )
    assert back.json() == {"participates_everywhere": True, "procons": []}


def test_a_list_needs_at_least_one_procon(admin_client, company) -> None:
    api = admin_client.put(
        "/api/v1/company/participation/",
        {"participates_everywhere": False, "procons": []},
        content_type="application/json",
    )
    unknown = admin_client.put(
        "/api/v1/company/participation/",
        {"participates_everywhere": False, "procons": ["nao-existe"]},
        content_type="application/json",
    )
    page = admin_client.post("/empresa/participacao/", {"everywhere": "0"})

    assert api.status_code == 400
    assert api.json()["procons"]
    assert unknown.status_code == 400
    assert "procons" in unknown.json()
    assert page.status_code == 200
    company.refresh_from_db()
    assert company.participates_everywhere


def test_the_action_names_its_error(company) -> None:
    with pytest.raises(ValidationError) as caught:
        do_set_company_participation(company, actor=None, everywhere=False, procons=[])
    assert caught.value.error_dict["procons"][0].code == CompanyErrorCode.PROCONS_REQUIRED
