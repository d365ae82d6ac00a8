"""The inspection form's municipality is the city picker (suggestions on demand, the state's 645
cities no longer listed in the page): picked by IBGE code or typed by name, checked on the
server, required."""

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenants.sanctions.models import Inspection
from tests.factories import CompanyFactory
from tests.support.clients import logged_in_client

pytestmark = pytest.mark.django_db

NEW = "/fiscalizacao/inspecoes/nova/"


def _data(inspector, company, **city) -> dict:
    return {
        "origin": "planned",
        "company_cnpj": company.cnpj_display,
        "place_address": "Avenida Ana Costa, 100",
        "inspected_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "inspectors": [str(inspector.pk)],
        "findings": "Preços ausentes.",
    } | city


def test_the_form_offers_the_picker_instead_of_every_city(procon, inspector) -> None:
    html = logged_in_client(inspector, procon.host).get(NEW).content.decode()
    assert 'name="municipality"' in html and 'data-picker-url="/cidades/sugestoes/"' in html
    assert '<input type="hidden" name="municipality_ibge" id="id_municipality_ibge"' in html
    assert "Guarujá" not in html and '<option value="3518701"' not in html
    assert '<script src="/static/js/picker.js" defer>' in html


@pytest.mark.parametrize(
    "city",
    [
        {"municipality": "Guarujá", "municipality_ibge": "3518701"},
        {"municipality": "guaruja"},
        {"municipality": "3518701"},
    ],
)
def test_a_picked_or_typed_city_is_recorded(procon, inspector, city: dict) -> None:
    company = CompanyFactory()
    response = logged_in_client(inspector, procon.host).post(NEW, _data(inspector, company, **city))
    assert response.status_code == 302
    with tenant_context(procon):
        assert Inspection.objects.get(company=company).municipality_id == 3518701


@pytest.mark.parametrize(
    ("city", "code"),
    [
        ({"municipality": "Niterói", "municipality_ibge": "3303302"}, "other_state"),
        ({"municipality": "Nárnia"}, "not_found"),
        ({"municipality": ""}, "required"),
    ],
)
def test_a_city_outside_the_state_unknown_or_missing_is_a_field_error(
    procon, inspector, city: dict, code: str
) -> None:
    company = CompanyFactory()
    response = logged_in_client(inspector, procon.host).post(NEW, _data(inspector, company, **city))
    assert response.status_code == 400
    [error] = response.context["form"].errors.as_data()["municipality"]
    assert error.code == code
