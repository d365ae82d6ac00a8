"""The reputation pages, CSV and API as a consumer, a Procon and a company use them, on conftest.py's
set; the company's own figures beside its peers' medians in the inbox."""

import csv
import io

import pytest

from tests.factories import company_agent
from tests.support.clients import logged_in_client
from tests.support.html import text_by_testid, texts_by_testid

pytestmark = pytest.mark.django_db
QUARTER = "start=2025-01&end=2025-03"


def _text(response, testid: str) -> str:
    return text_by_testid(response.content, testid)


def test_the_public_page_shows_the_group_s_figures_in_brazilian_formats(
    alfa_and_peers, public_client
) -> None:
    alfa, _beta, _gama = alfa_and_peers

    response = public_client.get(f"/empresas/{alfa.cnpj}/indicadores/?{QUARTER}")

    assert response.status_code == 200
    assert _text(response, "ind-filed") == "5"
    assert _text(response, "ind-answered") == "75,0%"
    assert _text(response, "ind-on-time") == "66,7%"
    assert _text(response, "ind-resolution") == "33,3%"
    assert _text(response, "ind-satisfaction") == "2,67"
    assert "5,3" in _text(response, "ind-days")
    assert "Procon Campinas" in _text(response, "reputation-by-procon")
    assert "Internet" in _text(response, "reputation-by-subject")


def test_a_procon_s_host_shows_only_its_own_complaints(alfa_and_peers, procon_client) -> None:
    alfa, _beta, _gama = alfa_and_peers

    response = procon_client.get(f"/empresas/{alfa.cnpj}/indicadores/?{QUARTER}&procon=campinas")

    assert response.status_code == 200
    assert _text(response, "ind-filed") == "4"  # Santos's four; the `procon` asked is ignored
    assert "Procon Santos" in _text(response, "scope-note")


def test_the_platform_narrows_to_one_procon_and_names_a_wrong_one(
    alfa_and_peers, public_client
) -> None:
    alfa, _beta, _gama = alfa_and_peers

    campinas = public_client.get(f"/empresas/{alfa.cnpj}/indicadores/?{QUARTER}&procon=campinas")
    wrong = public_client.get(f"/empresas/{alfa.cnpj}/indicadores/?start=2025-13&procon=nenhum")

    assert _text(campinas, "ind-filed") == "1"
    assert wrong.status_code == 400
    assert _text(wrong, "error-start")
    assert _text(wrong, "error-procon")


def test_the_csv_has_a_row_per_month_and_the_total(alfa_and_peers, public_client) -> None:
    alfa, _beta, _gama = alfa_and_peers

    response = public_client.get(f"/empresas/{alfa.cnpj}/indicadores.csv?{QUARTER}")

    rows = list(
        csv.reader(io.StringIO(b"".join(response.streaming_content).decode()), delimiter=";")
    )
    assert rows[0][:5] == [
        "Mes",
        "Reclamacoes",
        "ChegaramEmpresa",
        "Respondidas",
        "PercentualRespondidas",
    ]
    assert [row[:2] for row in rows[1:]] == [
        ["2025-01", "2"],
        ["2025-02", "2"],
        ["2025-03", "1"],
        ["Total", "5"],
    ]
    assert rows[-1][4] == "75,0" and rows[-1][10] == "33,3" and rows[-1][11] == "2,67"


def test_the_ranking_page_orders_the_segment_and_says_who_is_left_out(
    alfa_and_peers, public_client
) -> None:
    response = public_client.get(f"/indicadores/?{QUARTER}&segmento=Telecomunicações")

    rows = texts_by_testid(response.content, "ranking-row")
    names = [row.split(" ", 1)[1].rsplit(" ", 4)[0] for row in rows]
    assert names == ["Beta Telecom", "Alfa Telecom", "Gama Telecom"]
    assert "1" in _text(response, "ranking-left-out")
    bad = public_client.get(f"/indicadores/?{QUARTER}&segmento=Inexistente")
    assert bad.status_code == 400 and _text(bad, "error-segmento")


def test_the_api_gives_the_same_figures_and_names_bad_fields(alfa_and_peers, public_client) -> None:
    alfa, _beta, _gama = alfa_and_peers

    company = public_client.get(
        f"/api/v1/reputation/companies/{alfa.cnpj}/?{QUARTER}", HTTP_ACCEPT_LANGUAGE="pt-BR"
    ).json()
    ranking = public_client.get(
        f"/api/v1/reputation/rankings/?{QUARTER}&segment=Telecomunicações"
    ).json()
    bad_month = public_client.get(
        f"/api/v1/reputation/companies/{alfa.cnpj}/?start=2025-13", HTTP_ACCEPT_LANGUAGE="pt-BR"
    )
    bad_segment = public_client.get(f"/api/v1/reputation/rankings/?{QUARTER}&segment=X")
    unknown = public_client.get("/api/v1/reputation/companies/11222333000181/")

    assert company["indicators"]["answered_share"] == 0.75
    assert company["indicators"]["satisfaction"] == 2.67
    assert [m["month"] for m in company["per_month"]] == ["2025-01", "2025-02", "2025-03"]
    assert company["peers"]["peers"] == 2 and company["peers"]["mean_days"] == 3.5
    assert [(r["rank"], r["name"]) for r in ranking["rows"]] == [
        (1, "Beta Telecom"),
        (2, "Alfa Telecom"),
        (3, "Gama Telecom"),
    ]
    assert ranking["left_out"] == 1
    assert bad_month.status_code == 400 and "start" in bad_month.json()
    assert bad_segment.status_code == 400 and "segment" in bad_segment.json()
    assert unknown.status_code == 404


def test_a_supplier_known_by_cpf_has_no_reputation_page(public_client) -> None:
    response = public_client.get("/empresas/52998224725/indicadores/")

    assert response.status_code == 404


def test_the_inbox_sets_the_company_beside_its_peers_medians(alfa_and_peers) -> None:
    alfa, _beta, _gama = alfa_and_peers
    client = logged_in_client(company_agent(alfa))

    response = client.get(f"/empresa/caixa/indicadores/?{QUARTER}")

    assert response.status_code == 200
    assert _text(response, "peer-answered_share").split()[-2:] == ["75,0%", "75,0%"]
    assert _text(response, "peer-resolution_index").split()[-2:] == ["33,3%", "50,0%"]
    assert _text(response, "peer-satisfaction").split()[-2:] == ["2,67", "3,75"]


def test_the_inbox_figures_are_only_for_a_company_s_agents(alfa_and_peers, consumer) -> None:
    alfa, beta, _gama = alfa_and_peers
    beta_agent = logged_in_client(company_agent(beta))

    not_an_agent = logged_in_client(consumer).get("/empresa/caixa/indicadores/")
    # Beta's agent asking for Alfa's group sees Beta's own figures, never Alfa's.
    foreign = beta_agent.get(f"/empresa/caixa/indicadores/?{QUARTER}&grupo={alfa.cnpj_root}")

    assert not_an_agent.status_code == 404
    assert foreign.status_code == 200
    assert "Beta Telecom" in foreign.content.decode()
    assert _text(foreign, "ind-filed") == "2"
