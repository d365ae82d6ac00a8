"""The filing form's city: a picker whose suggestions load on demand (the page lists no city),
the IBGE code of the suggestion picked, or without the script the typed name, resolved and
checked on the server; a city of another state, an unknown or an ambiguous one is an error on
the field "Sua cidade"."""

import re
import uuid

import pytest
from django.utils import translation
from django_tenants.utils import tenant_context

from tenants.complaints.models import Complaint
from tests.factories import CompanyFactory, ConsumerFactory
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import catalogue_ids

pytestmark = pytest.mark.django_db

SANTOS, CAMPINAS, GUARUJA, SAO_PAULO, RIO_DE_JANEIRO = 3548500, 3509502, 3518701, 3550308, 3304557


def _form(procon, **city) -> dict:
    return {
        "company_cnpj": CompanyFactory().cnpj_display,
        "company_name": "",
        **catalogue_ids(procon),
        "contacted_company_first": "no",
        "facts": "Comprei um celular que não liga e a loja não responde.",
        "request": "Quero o dinheiro de volta.",
        "lgpd_consent": "on",
        "form_token": uuid.uuid4().hex,
    } | city


def _filed_city(procon) -> int | None:
    with tenant_context(procon):
        return Complaint.objects.get().consumer_municipality_id


def _city_errors(response) -> list:
    assert response.status_code == 400
    return response.context["form"].errors.as_data()["consumer_municipality"]


def test_the_page_lists_no_city_and_offers_the_picker(procon) -> None:
    html = logged_in_client(ConsumerFactory(), procon.host).get("/reclamar/").content.decode()
    field = re.search(r'<input type="text" name="consumer_municipality"[^>]*>', html).group(0)
    assert 'data-picker-url="/cidades/sugestoes/"' in field
    assert 'value="Santos"' in field  # the Procon's city, to change if the consumer lives elsewhere
    assert '<input type="hidden" name="consumer_municipality_ibge"' in html
    assert 'value="3548500"' in html
    # no option per city (there were 645) and no inline script: picker.js comes from a URL
    assert "Guarujá" not in html and "Campinas" not in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert '<script src="/static/js/picker.js" defer>' in scripts
    assert all(" src=" in script for script in scripts)
    # the company picker is the same component
    assert 'data-picker-url="/reclamar/empresas/"' in html
    assert "<datalist" not in html


def test_the_state_procons_form_starts_with_no_city(state_procon) -> None:
    html = logged_in_client(ConsumerFactory(), state_procon.host).get("/reclamar/").content.decode()
    field = re.search(r'<input type="text" name="consumer_municipality"[^>]*>', html).group(0)
    assert "value=" not in field


def test_a_picked_city_is_taken_by_its_ibge_code(procon) -> None:
    data = _form(procon, consumer_municipality="Guarujá", consumer_municipality_ibge=GUARUJA)
    response = logged_in_client(ConsumerFactory(), procon.host).post("/reclamar/", data)
    assert response.status_code == 302
    assert _filed_city(procon) == GUARUJA


@pytest.mark.parametrize("typed", ["sao paulo", "SÃO PAULO/SP", str(SAO_PAULO)])
def test_without_the_script_the_typed_name_or_code_is_resolved(procon, typed: str) -> None:
    response = logged_in_client(ConsumerFactory(), procon.host).post(
        "/reclamar/", _form(procon, consumer_municipality=typed)
    )
    assert response.status_code == 302
    assert _filed_city(procon) == SAO_PAULO


def test_a_name_changed_after_picking_wins_over_the_stale_code(procon) -> None:
    # given Santos was picked (or prefilled), then the text was changed to Campinas without the script
    data = _form(procon, consumer_municipality="Campinas", consumer_municipality_ibge=SANTOS)
    response = logged_in_client(ConsumerFactory(), procon.host).post("/reclamar/", data)
    assert response.status_code == 302
    assert _filed_city(procon) == CAMPINAS


def test_an_empty_city_is_the_procons_own(procon) -> None:
    data = _form(procon, consumer_municipality="", consumer_municipality_ibge="")
    assert (
        logged_in_client(ConsumerFactory(), procon.host).post("/reclamar/", data).status_code == 302
    )
    assert _filed_city(procon) == SANTOS  # the action takes the Procon's city when none is given


@pytest.mark.parametrize(
    "city",
    [
        {"consumer_municipality": "Rio de Janeiro", "consumer_municipality_ibge": RIO_DE_JANEIRO},
        {"consumer_municipality": "Rio de Janeiro"},
        {"consumer_municipality": str(RIO_DE_JANEIRO)},
    ],
)
def test_a_city_of_another_state_is_refused_on_the_field(procon, city: dict) -> None:
    response = logged_in_client(ConsumerFactory(), procon.host).post(
        "/reclamar/", _form(procon, **city)
    )
    [error] = _city_errors(response)
    assert error.code == "other_state"
    with tenant_context(procon):
        assert not Complaint.objects.exists()


@pytest.mark.parametrize("typed", ["Atlântida", "9999999", "xyzw"])
def test_an_unknown_city_is_refused_on_the_field(procon, typed: str) -> None:
    response = logged_in_client(ConsumerFactory(), procon.host).post(
        "/reclamar/", _form(procon, consumer_municipality=typed)
    )
    [error] = _city_errors(response)
    assert error.code == "not_found"


def test_an_ambiguous_name_lists_the_cities_it_could_be(procon) -> None:
    response = logged_in_client(ConsumerFactory(), procon.host).post(
        "/reclamar/", _form(procon, consumer_municipality="sao jose d")
    )
    [error] = _city_errors(response)
    assert error.code == "ambiguous"
    message = response.context["form"].errors["consumer_municipality"][0]
    assert "São José dos Campos" in message and "São José do Rio Preto" in message


def test_the_error_names_the_field_in_portuguese_and_points_at_it(procon) -> None:
    client = logged_in_client(ConsumerFactory(), procon.host)
    with translation.override("pt-br"):
        response = client.post("/reclamar/", _form(procon, consumer_municipality="Atlântida"))
        html = response.content.decode()
    summary = re.search(r'data-testid="form-errors".*?</div>', html, re.S).group(0)
    assert '<a href="#id_consumer_municipality">Sua cidade</a>' in summary
    field = re.search(r'<input type="text" name="consumer_municipality"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_consumer_municipality_error"' in field
    assert 'id="id_consumer_municipality_error"' in html
    assert "Município não encontrado." in html
    # what was typed stays in the field, to correct it
    assert 'value="Atlântida"' in field
