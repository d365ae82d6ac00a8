"""The city picker's suggestions (/cidades/sugestoes/): on every host, to anyone, read-only; the
state's cities only, accents and case ignored, a handful at most; bad input is a 400 naming `q`
in the page's language, never a 500; a client asking too fast is slowed down with a 429."""

import pytest
from django.test import Client
from django.utils import translation

from shared.geo import views
from tests.conftest import host_client
from tests.factories import ConsumerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

URL = "/cidades/sugestoes/"


def _names(client: Client, query: str) -> list[str]:
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return [row["name"] for row in response.json()["results"]]


@pytest.mark.parametrize("query", ["sao paulo", "SÃO PAULO", "  são   paulo "])
def test_sao_paulo_is_found_without_accents_nor_case(procon, query: str) -> None:
    assert _names(host_client(procon.host), query)[0] == "São Paulo"


def test_a_suggestion_carries_the_ibge_code_the_form_takes_and_what_to_show(procon) -> None:
    [row] = host_client(procon.host).get(URL, {"q": "guaruja"}).json()["results"]
    assert row == {
        "id": 3518701,
        "name": "Guarujá",
        "uf": "SP",
        "label": "Guarujá/SP",
        "value": "Guarujá",
    }


def test_names_starting_with_the_letters_come_first(public_client) -> None:
    names = _names(public_client, "santos")
    assert names[0] == "Santos"
    assert all("santos" in name.lower() for name in names)


def test_only_the_platforms_state_is_suggested(public_client) -> None:
    assert _names(public_client, "Belo Horizonte") == []
    assert _names(public_client, "Rio de Janeiro") == []


def test_at_most_a_handful_of_cities_is_suggested(public_client) -> None:
    names = _names(public_client, "sa")
    assert len(names) == views.SUGGESTIONS == 8


@pytest.mark.parametrize("host", ["localhost", "santos.localhost", "sp.localhost"])
def test_every_host_answers_anyone_signed_in_or_not(host: str, procon, state_procon) -> None:
    assert _names(host_client(host), "campinas") == ["Campinas"]
    signed_in = host_client(host)
    signed_in.force_login(ConsumerFactory())
    assert _names(signed_in, "campinas") == ["Campinas"]


def test_the_suggestions_are_read_only(public_client) -> None:
    assert public_client.post(URL, {"q": "santos"}).status_code == 405


@pytest.mark.parametrize(
    ("params", "message", "values"),
    [
        ({}, "Type at least %(min)d letters of the name.", {"min": 2}),
        ({"q": ""}, "Type at least %(min)d letters of the name.", {"min": 2}),
        ({"q": " s "}, "Type at least %(min)d letters of the name.", {"min": 2}),
        ({"q": "s" * 65}, "Type at most %(max)d characters.", {"max": 64}),
        ({"q": "sa\x00o"}, "Type only letters, digits, spaces and punctuation.", {}),
        ({"q": "sa\x1bo"}, "Type only letters, digits, spaces and punctuation.", {}),
    ],
)
def test_bad_input_is_a_400_naming_q_in_the_pages_language(
    public_client, params: dict, message: str, values: dict
) -> None:
    response = public_client.get(URL, params)
    assert response.status_code == 400
    with translation.override("pt-br"):
        expected = translation.gettext(message) % values if values else translation.gettext(message)
    assert expected != message % values if values else expected != message  # really Portuguese
    assert response.json() == {"q": [expected]}


def test_odd_but_printable_input_is_searched_not_refused(public_client) -> None:
    for query in ("d'Oeste", "Embu-Guaçu", "%_%", "'; drop table x; --", "ção" * 20, "��"):
        assert public_client.get(URL, {"q": query}).status_code == 200, query
    assert _names(public_client, "%_%") == []
    assert "Santa Bárbara d'Oeste" in _names(public_client, "barbara d'oeste")


def test_a_client_asking_too_fast_gets_429_with_retry_after(public_client, monkeypatch) -> None:
    monkeypatch.setattr(views.SuggestionThrottle, "LIMIT", 3)
    statuses = [public_client.get(URL, {"q": "santos"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = public_client.get(URL, {"q": "santos"})
    assert refused["Retry-After"] == "60"
    assert refused.json()["detail"]
    # another client is not slowed down by the first
    other = Client(HTTP_HOST="localhost", REMOTE_ADDR="192.0.2.7")
    assert other.get(URL, {"q": "santos"}).status_code == 200
