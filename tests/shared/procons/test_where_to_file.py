"""'Where do I file?': a city leads to the Procon that takes its new complaints."""

import re

import pytest

from shared.geo.models import Municipality
from shared.procons.lifecycle import ProconKind, ProconStatus
from shared.procons.models import Procon
from shared.procons.selectors import find_municipality, procon_serving
from tests.conftest import host_client

pytestmark = pytest.mark.django_db

SANTOS, CAMPINAS, GUARUJA, RIO_DE_JANEIRO = 3548500, 3509502, 3518701, 3304557
SAO_JOSE = 3549904


def _suspend(slug: str) -> None:
    Procon.objects.filter(slug=slug).update(status=ProconStatus.SUSPENDED)


def test_a_city_with_an_active_procon_is_served_by_it(procon) -> None:
    assert procon_serving(Municipality.objects.get(pk=SANTOS)) == procon


def test_a_city_without_a_procon_is_served_by_the_state_procon(state_procon) -> None:
    assert procon_serving(Municipality.objects.get(pk=GUARUJA)) == state_procon


def test_a_suspended_municipal_procons_city_is_served_by_the_state_procon(state_procon) -> None:
    _suspend("santos")
    assert procon_serving(Municipality.objects.get(pk=SANTOS)) == state_procon


@pytest.mark.parametrize(
    ("text", "ibge_code"),
    [
        ("Santos", SANTOS),
        ("  sAnToS ", SANTOS),
        ("Santos/SP", SANTOS),
        ("Guaruja", GUARUJA),
        ("GUARUJÁ", GUARUJA),
        ("sao jose dos campos", 3549904),
        ("3518701", GUARUJA),
    ],
)
def test_a_city_is_found_by_name_ignoring_accents_and_case_or_by_ibge_code(
    text: str, ibge_code: int
) -> None:
    found = find_municipality(text)
    assert found is not None and found.pk == ibge_code


@pytest.mark.parametrize("text", ["Atlântida", "", "Rio de Janeiro", str(RIO_DE_JANEIRO), "San"])
def test_a_name_that_is_not_a_city_of_the_state_finds_nothing(text: str) -> None:
    assert find_municipality(text) is None


def test_the_page_sends_santos_to_the_santos_host(public_client, procon) -> None:
    response = public_client.get("/onde-reclamar/", {"city": "Santos"})
    assert response.status_code == 302
    assert response["Location"] == "http://santos.localhost/"


def _answer(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'<section[^>]*data-testid="where-to-file-answer".*?</section>', html, re.S)
    assert match, html
    return match.group(0)


@pytest.mark.parametrize(
    "city", ["Itapecerica da Serra", "itapecerica da serra", "Guarujá", "guaruja", str(GUARUJA)]
)
def test_a_city_without_a_procon_is_told_why_the_state_procon_takes_it(
    public_client, city: str
) -> None:
    answer = _answer(public_client.get("/onde-reclamar/", {"city": city}))
    assert 'data-serving="sp"' in answer
    assert "não tem Procon próprio na plataforma" in answer
    assert "recebe as reclamações de todas as cidades do estado" in answer
    assert 'href="http://sp.localhost/reclamar/"' in answer


def test_the_answer_names_the_city_with_its_accents(public_client) -> None:
    answer = _answer(
        public_client.get(
            "/onde-reclamar/", {"city": "São José dos Campos", "city_ibge": str(SAO_JOSE)}
        )
    )
    assert "São José dos Campos" in answer
    assert 'data-serving="sp"' in answer


def test_a_city_whose_procon_is_on_the_platform_goes_to_its_site_accents_and_all(
    public_client,
) -> None:
    # given São José dos Campos's Procon on the platform (its row only: the page needs no schema)
    own = Procon(
        kind=ProconKind.MUNICIPAL,
        name="Procon São José dos Campos",
        slug="sjc",
        schema_name="procon_sjc",
        municipality=Municipality.objects.get(pk=SAO_JOSE),
        status=ProconStatus.ACTIVE,
    )
    own.auto_create_schema = False
    own.save()

    for query in (
        {"city": "São José dos Campos", "city_ibge": str(SAO_JOSE)},
        {"city": "sao jose dos campos"},
    ):
        response = public_client.get("/onde-reclamar/", query)
        assert response.status_code == 302, query
        assert response["Location"] == "http://sjc.localhost/"


def test_a_suspended_procons_city_is_told_its_procon_takes_no_new_complaints(
    public_client,
) -> None:
    _suspend("campinas")
    answer = _answer(public_client.get("/onde-reclamar/", {"city": "Campinas"}))
    assert 'data-serving="sp"' in answer
    assert "não está recebendo novas reclamações" in answer


def test_an_unknown_city_is_an_error_on_the_city_field(public_client) -> None:
    response = public_client.get("/onde-reclamar/", {"city": "Atlântida"})
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["city"]
    assert form.errors.as_data()["city"][0].code == "not_found"
    assert b'id="id_city_error"' in response.content
    assert b'data-testid="where-to-file-answer"' not in response.content


def test_typing_part_of_a_name_without_the_script_lists_the_cities_it_may_be(
    public_client,
) -> None:
    response = public_client.get("/onde-reclamar/", {"city": "sao jose"})
    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["city"][0]
    assert error.code == "ambiguous"
    assert "São José dos Campos" in response.content.decode()


def test_the_picker_suggests_accented_names_for_unaccented_typing(public_client) -> None:
    names = [
        row["value"]
        for row in public_client.get("/cidades/sugestoes/", {"q": "sao jose"}).json()["results"]
    ]
    assert "São José dos Campos" in names
    itapecerica = public_client.get("/cidades/sugestoes/", {"q": "itapecerica"}).json()
    assert [row["value"] for row in itapecerica["results"]] == ["Itapecerica da Serra"]


def test_the_page_without_a_city_offers_the_city_picker(public_client) -> None:
    response = public_client.get("/onde-reclamar/")
    assert response.status_code == 200
    assert not response.context["form"].is_bound
    page = response.content.decode()
    field = re.search(r'<input type="text" name="city"[^>]*>', page).group(0)
    assert 'data-picker-url="/cidades/sugestoes/"' in field
    assert 'name="city_ibge"' in page
    assert "/static/js/picker.js" in page
    # no browser-filtered datalist (it hid "São José" from "sao jose"), no inline script
    assert "<datalist" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)


def test_the_public_home_links_to_the_page(public_client) -> None:
    assert b'href="/onde-reclamar/"' in public_client.get("/").content


def test_the_page_is_only_on_the_platform_host(procon) -> None:
    assert host_client(procon.host).get("/onde-reclamar/").status_code == 404


def test_the_api_answers_the_procon_serving_a_city(public_client, procon) -> None:
    response = public_client.get("/api/v1/procons/serving/", {"ibge_code": SANTOS})
    assert response.status_code == 200
    assert response.json() == {
        "slug": "santos",
        "name": "Procon Santos",
        "kind": "municipal",
        "url": "http://santos.localhost/",
    }
    state = public_client.get("/api/v1/procons/serving/", {"ibge_code": GUARUJA}).json()
    assert (state["slug"], state["kind"]) == ("sp", "state")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?ibge_code=",
        "?ibge_code=abc",
        "?ibge_code=123",
        f"?ibge_code={RIO_DE_JANEIRO}",
        "?ibge_code=3599999",
    ],
)
def test_the_api_answers_400_naming_the_field_for_a_bad_or_unknown_code(
    public_client, query: str
) -> None:
    response = public_client.get(f"/api/v1/procons/serving/{query}")
    assert response.status_code == 400
    assert list(response.json()) == ["ibge_code"]
