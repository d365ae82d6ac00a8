"""The demographics SINDEC counts, asked on the filing page and in the filing API: optional CEP
(of this state; the city follows from it) and sex, under a heading that says what they are for;
the company never sees them."""

import json

import pytest
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from tenants.complaints.models import Complaint
from tests.factories import company_agent, staff
from tests.support.clients import logged_in_client, post_json
from tests.support.html import assert_shows
from tests.tenants.complaints.api.test_complaints_api import filing
from tests.tenants.complaints.factories import at_cip_sent, filing_form

pytestmark = pytest.mark.django_db

SAO_PAULO = 3550308
PT = {"HTTP_ACCEPT_LANGUAGE": "pt-br"}


def test_the_page_asks_cep_and_sex_saying_what_for(procon, consumer):
    page = logged_in_client(consumer, procon.host).get("/reclamar/").content.decode()
    assert 'data-testid="demographics-fieldset"' in page
    assert_shows(page, 'name="consumer_cep"', 'autocomplete="postal-code"', 'name="consumer_sex"')


def test_a_cep_given_on_the_page_sets_the_city_and_is_kept_as_digits(procon, consumer, company):
    client = logged_in_client(consumer, procon.host)
    response = client.post(
        "/reclamar/", filing_form(procon, company, consumer_cep="01310-100", consumer_sex="F")
    )
    assert response.status_code == 302
    with tenant_context(procon):
        complaint = Complaint.objects.get(consumer=consumer)
    assert (complaint.consumer_cep, complaint.consumer_sex) == ("01310100", "F")
    # Santos's own city would be the default: the CEP says São Paulo.
    assert complaint.consumer_municipality_id == SAO_PAULO


def test_none_given_is_fine(procon, consumer, company):
    client = logged_in_client(consumer, procon.host)
    assert client.post("/reclamar/", filing_form(procon, company)).status_code == 302
    with tenant_context(procon):
        complaint = Complaint.objects.get(consumer=consumer)
    assert (complaint.consumer_cep, complaint.consumer_sex) == ("", "")


@pytest.mark.parametrize("cep", ["20040-020", "1234", "abcde-fgh"])
def test_a_cep_not_of_this_state_is_a_field_error_on_the_page_and_in_the_api(
    procon, consumer, company, cep
):
    client = logged_in_client(consumer, procon.host)
    page = client.post("/reclamar/", filing_form(procon, company, consumer_cep=cep))
    api = post_json(client, "/api/v1/complaints/", filing(company, consumer_cep=cep), **PT)
    assert page.status_code == 400
    assert "consumer_cep" in page.context["form"].errors
    assert api.status_code == 400
    assert list(api.json()) == ["consumer_cep"]
    with tenant_context(procon):
        assert not Complaint.objects.filter(consumer=consumer).exists()


def test_a_sex_off_the_list_is_a_field_error_in_the_api(procon, consumer, company):
    api = logged_in_client(consumer, procon.host).post(
        "/api/v1/complaints/",
        json.dumps(filing(company, consumer_sex="X")),
        content_type="application/json",
    )
    assert api.status_code == 400
    assert list(api.json()) == ["consumer_sex"]


def test_the_api_takes_them(procon, consumer, company):
    api = logged_in_client(consumer, procon.host).post(
        "/api/v1/complaints/",
        json.dumps(filing(company, consumer_cep="11010000", consumer_sex="M")),
        content_type="application/json",
    )
    assert api.status_code == 201
    with tenant_context(procon):
        complaint = Complaint.objects.get(consumer=consumer)
    assert (complaint.consumer_cep, complaint.consumer_sex) == ("11010000", "M")


def test_the_company_never_sees_them(procon, consumer, company):
    attendant = staff(procon, StaffRole.ATTENDANT)
    agent = company_agent(company)
    with tenant_context(procon):
        complaint = at_cip_sent(
            attendant, consumer=consumer, company=company, consumer_cep="01310100", consumer_sex="F"
        )
    client = logged_in_client(agent, procon.host)
    page = client.get(f"/reclamacoes/{complaint.number}/").content.decode()
    api = client.get(f"/api/v1/complaints/{complaint.number}/").content.decode()
    for text in (page, api):
        assert "01310" not in text
        assert "consumer_sex" not in text
