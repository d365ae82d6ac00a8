"""The filing form's company picker answers like the city picker: what to show and what to put
in the field, a 400 naming `q` for bad input (never a 500), a 429 for a client asking too fast."""

import pytest

from shared.geo import views as geo_views
from tests.conftest import host_client
from tests.factories import CompanyFactory, ConsumerFactory
from tests.support.clients import logged_in_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

URL = "/reclamar/empresas/"


def test_a_suggestion_shows_name_and_cnpj_and_fills_the_cnpj(procon) -> None:
    company = CompanyFactory(legal_name="Comgás Distribuidora S.A.", trade_name="Comgás")
    [row] = (
        logged_in_client(ConsumerFactory(), procon.host).get(URL, {"q": "comgas"}).json()["results"]
    )
    assert row["id"] == company.pk
    assert row["value"] == company.cnpj_display
    assert row["label"] == f"{company} — {company.cnpj_display}"


@pytest.mark.parametrize("query", ["", "a", "x" * 65, "vi\x00vo"])
def test_bad_input_is_a_400_naming_q(procon, query: str) -> None:
    response = logged_in_client(ConsumerFactory(), procon.host).get(URL, {"q": query})
    assert response.status_code == 400
    assert list(response.json()) == ["q"]


def test_a_client_asking_too_fast_gets_429(procon, monkeypatch) -> None:
    monkeypatch.setattr(geo_views.SuggestionThrottle, "LIMIT", 2)
    client = logged_in_client(ConsumerFactory(), procon.host)
    assert [client.get(URL, {"q": "vivo"}).status_code for _ in range(3)] == [200, 200, 429]


def test_anonymous_visitors_are_sent_to_log_in(procon) -> None:
    assert host_client(procon.host).get(URL, {"q": "vivo"}).status_code == 302
