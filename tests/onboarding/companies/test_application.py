"""A company applies once, on the platform's host, by page or API; field errors name the field
and store nothing."""

import pytest
from django.core.exceptions import ValidationError

from onboarding.companies.actions import do_submit_company_application
from onboarding.companies.errors import ApplicationErrorCode
from onboarding.companies.lifecycle import ApplicationStatus
from onboarding.companies.models import CompanyApplication
from tests.factories import cnpj_for
from tests.onboarding.companies.helpers import ALPHANUMERIC_CNPJ, application_data
from tests.support.mail import public_emails

pytestmark = pytest.mark.django_db

API = "/api/v1/companies/applications/"


@pytest.mark.parametrize(
    ("cnpj", "stored"),
    [
        ("31.415.926/0001-" + cnpj_for("31415926")[-2:], cnpj_for("31415926")),
        (ALPHANUMERIC_CNPJ, "12ABC34501DE35"),
        ("12abc34501de35", "12ABC34501DE35"),
    ],
)
def test_api_accepts_numeric_and_alphanumeric_cnpjs(public_client, cnpj, stored) -> None:
    response = public_client.post(API, application_data(cnpj=cnpj), content_type="application/json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["cnpj"] == stored
    assert body["status"] == ApplicationStatus.PENDING
    application = CompanyApplication.objects.get(pk=body["id"])
    assert application.representative_cpf == "52998224725"
    [ack] = public_emails(f"company-application:{application.pk}:received")
    assert set(ack.to) == {"contato@exemplo.test", "maria@exemplo.test"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cnpj", "31.415.926/0001-00"),
        ("cnpj", "12.ABC.345/01DE-36"),
        ("cnpj", "123"),
        ("cnpj", ""),
        ("representative_cpf", "529.982.247-24"),
        ("representative_email", "not-an-email"),
        ("email", ""),
        ("legal_name", ""),
        ("state", "XX"),
        ("site", "not a url"),
    ],
)
def test_api_field_errors_name_the_field_and_store_nothing(public_client, field, value) -> None:
    response = public_client.post(
        API, application_data(**{field: value}), content_type="application/json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not CompanyApplication.objects.exists()
    assert public_emails("company-application:") == []


def test_a_second_pending_application_for_the_same_cnpj_is_refused(public_client) -> None:
    first = public_client.post(API, application_data(), content_type="application/json")
    assert first.status_code == 201

    second = public_client.post(
        API, application_data(legal_name="Outra"), content_type="application/json"
    )

    assert second.status_code == 400
    assert second.json()["cnpj"][0]
    assert CompanyApplication.objects.count() == 1


def test_the_action_refuses_a_duplicate_pending_application_with_its_code() -> None:
    do_submit_company_application(**application_data())
    with pytest.raises(ValidationError) as caught:
        do_submit_company_application(**application_data())
    assert caught.value.error_dict["cnpj"][0].code == ApplicationErrorCode.ALREADY_PENDING


def test_the_sign_up_page_stores_the_application_and_thanks(public_client) -> None:
    page = public_client.get("/empresas/adesao/")
    assert page.status_code == 200
    assert b'data-testid="company-application-form"' in page.content

    response = public_client.post("/empresas/adesao/", application_data(cnpj=ALPHANUMERIC_CNPJ))

    assert response.status_code == 302
    assert response["Location"] == "/empresas/adesao/enviada/"
    application = CompanyApplication.objects.get()
    assert application.cnpj == "12ABC34501DE35"
    assert application.status == ApplicationStatus.PENDING
    assert public_emails(f"company-application:{application.pk}:received")


def test_the_sign_up_page_shows_field_errors_and_stores_nothing(public_client) -> None:
    response = public_client.post(
        "/empresas/adesao/", application_data(cnpj="12.ABC.345/01DE-36", representative_cpf="1")
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"cnpj", "representative_cpf"}
    assert not CompanyApplication.objects.exists()


def test_the_sign_up_page_refuses_a_duplicate_pending_application(public_client) -> None:
    do_submit_company_application(**application_data())

    response = public_client.post("/empresas/adesao/", application_data())

    assert response.status_code == 200
    assert response.context["form"].errors["cnpj"]
    assert CompanyApplication.objects.count() == 1


def test_the_sign_up_page_is_only_on_the_platform_host(procon_client) -> None:
    assert procon_client.get("/empresas/adesao/").status_code == 404
