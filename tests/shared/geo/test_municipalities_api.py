import pytest

pytestmark = pytest.mark.django_db


def test_city_search_ignores_accents_and_case_and_puts_prefix_matches_first(public_client) -> None:
    names = [
        row["name"] for row in public_client.get("/api/v1/municipalities/?q=SAO JOSE DOS").json()
    ]
    assert names == ["São José dos Campos"]


def test_city_search_only_returns_the_platforms_state(public_client) -> None:
    rows = public_client.get("/api/v1/municipalities/?q=Campinas&limit=100").json()
    assert {row["uf"] for row in rows} == {"SP"}
    assert {"ibge_code": 3509502, "name": "Campinas", "uf": "SP"} in rows


def test_a_prefix_match_comes_before_a_match_inside_the_name(public_client) -> None:
    names = [row["name"] for row in public_client.get("/api/v1/municipalities/?q=santos").json()]
    assert names[0] == "Santos"
    assert "Bom Jesus dos Perdões" not in names


@pytest.mark.parametrize("query", ["limit=0", "limit=abc", "limit=1000"])
def test_a_bad_limit_is_a_400_naming_the_field(public_client, query: str) -> None:
    response = public_client.get(f"/api/v1/municipalities/?q=a&{query}")
    assert response.status_code == 400
    assert list(response.json()) == ["limit"]


def test_a_very_long_query_is_refused_with_the_field_named(public_client) -> None:
    response = public_client.get("/api/v1/municipalities/?q=" + "a" * 500)
    assert response.status_code == 400
    assert list(response.json()) == ["q"]
