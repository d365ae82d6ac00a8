"""The company's public page of narratives and its API (both hosts): only narratives staff
approved, of every establishment of the group, newest first, in pages of 20, with the company's
public response; one Procon's on its host or when asked for; text escaped; never the complaint's
number nor the consumer."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django_tenants.utils import tenant_context

from shared.narratives.actions import do_publish_narrative
from shared.narratives.responses import ResponseKind
from tenants.narratives.actions import do_approve, do_consent, do_refuse, do_withdraw
from tests.factories import CompanyFactory, ConsumerFactory, cnpj_for
from tests.shared.registry.helpers import index_case
from tests.support.html import text_by_testid, texts_by_testid
from tests.tenants.complaints.factories import at_cip_sent

pytestmark = pytest.mark.django_db


@pytest.fixture
def alfa():
    return CompanyFactory(cnpj=cnpj_for("62000001"), trade_name="Alfa Telecom")


@pytest.fixture
def alfa_branch():
    return CompanyFactory(cnpj=cnpj_for("62000001", "0002"), trade_name="Alfa Filial")


def _publish(procon, company, text, *, day=1, subject="Telefonia móvel", **response):
    """A narrative straight into the public index, as `do_approve` writes it."""
    entry = index_case(procon, company, closed_at=None, subject=subject)
    return do_publish_narrative(
        entry, text=text, published_at=datetime(2026, 3, day, 15, tzinfo=UTC), **response
    )


def _page(client, company, query=""):
    return client.get(f"/empresas/{company.cnpj}/relatos/{query}")


def _api(client, company, query=""):
    response = client.get(f"/api/v1/reputation/companies/{company.cnpj}/narratives/{query}")
    return response, json.loads(response.content)


def test_only_approved_narratives_of_the_group_appear_newest_first(
    procon, other_procon, attendant, alfa, alfa_branch, public_client
) -> None:
    # given narratives at every stage, against the group and another company
    consumers = [ConsumerFactory(full_name=f"Hermenegilda Quintanilha {n}") for n in range(4)]
    with tenant_context(procon):
        cases = [at_cip_sent(attendant, consumer=c, company=alfa) for c in consumers]
        pending, refused, withdrawn, published = cases
        do_consent(pending, actor=consumers[0])
        do_refuse(do_consent(refused, actor=consumers[1]), actor=attendant, reason="Identifica")
        do_approve(do_consent(withdrawn, actor=consumers[2]), actor=attendant, text="Retirado")
        do_withdraw(withdrawn, actor=consumers[2])
        do_approve(do_consent(published, actor=consumers[3]), actor=attendant, text="Aprovado")
    _publish(other_procon, alfa_branch, "Da filial em Campinas", day=20)
    _publish(procon, CompanyFactory(), "De outra empresa", day=25)

    # when anyone reads the company's page
    response = _page(public_client, alfa)

    # then the approved narratives of the group are there, newest first, and nothing else
    assert response.status_code == 200
    texts = texts_by_testid(response.content, "narrative-text")
    assert texts == ["Aprovado", "Da filial em Campinas"]  # approved today; March
    assert text_by_testid(response.content, "narratives-count").startswith("2 ")
    page = response.content.decode()
    assert "Alfa Filial" in text_by_testid(response.content, "narrative-establishment")
    assert len(texts_by_testid(response.content, "narrative-no-response")) == 2
    for hidden in ("Retirado", "De outra empresa", "Hermenegilda", published.number, "Identifica"):
        assert hidden not in page
    assert texts_by_testid(response.content, "narrative-procon") == [
        procon.name,
        other_procon.name,
    ]
    # the company's indicators page links to them with the count
    indicators = public_client.get(f"/empresas/{alfa.cnpj}/indicadores/")
    assert text_by_testid(indicators.content, "narratives-link").startswith("2 ")

    api, body = _api(public_client, alfa)
    assert api.status_code == 200
    assert body["count"] == 2
    assert [row["text"] for row in body["results"]] == ["Aprovado", "Da filial em Campinas"]
    assert body["results"][0]["procon"] == {"slug": procon.slug, "name": procon.name}
    assert body["results"][0]["response"] is None
    assert body["results"][1]["company"]["name"] == "Alfa Filial"
    assert published.number not in api.content.decode()
    assert "Hermenegilda" not in api.content.decode()


def test_the_company_s_response_shows_its_label_and_approved_words(
    procon, alfa, public_client
) -> None:
    _publish(
        procon,
        alfa,
        "A fatura veio em dobro.",
        response_kind=ResponseKind.ISOLATED_ERROR,
        response_text="Estornamos a cobrança.",
        responded_at=datetime(2026, 3, 2, tzinfo=UTC),
    )

    response = _page(public_client, alfa)
    _api_response, body = _api(public_client, alfa)

    assert (
        text_by_testid(response.content, "narrative-response-kind")
        == "A empresa entende que foi um erro isolado"
    )
    assert text_by_testid(response.content, "narrative-response-text") == "Estornamos a cobrança."
    assert body["results"][0]["response"]["kind"] == "isolated_error"
    assert body["results"][0]["response"]["text"] == "Estornamos a cobrança."


def test_a_procon_s_host_and_the_procon_filter_show_one_procon_s(
    procon, other_procon, alfa, public_client, procon_client
) -> None:
    _publish(procon, alfa, "Em Santos")
    _publish(other_procon, alfa, "Em Campinas")

    campinas = _page(public_client, alfa, "?procon=campinas")
    santos_host = _page(procon_client, alfa, "?procon=campinas")  # ignored on a Procon's host
    wrong = _page(public_client, alfa, "?procon=nenhum")
    _r, campinas_api = _api(public_client, alfa, "?procon=campinas")
    _r, santos_api = _api(procon_client, alfa)
    wrong_api, wrong_body = _api(public_client, alfa, "?procon=nenhum")

    assert texts_by_testid(campinas.content, "narrative-text") == ["Em Campinas"]
    assert texts_by_testid(santos_host.content, "narrative-text") == ["Em Santos"]
    assert procon.name in text_by_testid(santos_host.content, "scope-note")
    assert wrong.status_code == 400
    assert text_by_testid(wrong.content, "error-procon") == "Escolha um Procon da lista."
    assert [row["text"] for row in campinas_api["results"]] == ["Em Campinas"]
    assert [row["text"] for row in santos_api["results"]] == ["Em Santos"]
    assert wrong_api.status_code == 400 and "procon" in wrong_body


def test_the_text_is_shown_as_text_never_run(procon, alfa, public_client) -> None:
    _publish(
        procon,
        alfa,
        "<script>alert('x')</script> e <b>negrito</b>",
        response_kind=ResponseKind.DISPUTES_FACTS,
        response_text="<img src=x onerror=alert(1)>",
    )

    page = _page(public_client, alfa).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<b>negrito</b>" not in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_pages_of_twenty(procon, alfa, public_client) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(21):
        entry = index_case(procon, alfa, closed_at=None)
        do_publish_narrative(entry, text=f"Relato {n:02d}", published_at=start + timedelta(n))

    first = _page(public_client, alfa)
    second = _page(public_client, alfa, "?page=2")
    _r, first_api = _api(public_client, alfa)
    _r, second_api = _api(public_client, alfa, "?page=2")

    assert len(texts_by_testid(first.content, "narrative-text")) == 20
    assert texts_by_testid(first.content, "narrative-text")[0] == "Relato 20"
    assert texts_by_testid(second.content, "narrative-text") == ["Relato 00"]
    assert 'data-testid="narratives-next"' in first.content.decode()
    assert first_api["count"] == 21 and len(first_api["results"]) == 20
    assert first_api["next"].endswith("page=2")
    assert [row["text"] for row in second_api["results"]] == ["Relato 00"]


def test_the_api_reads_a_page_in_a_fixed_number_of_queries(
    procon, alfa, public_client, django_assert_num_queries
) -> None:
    for n in range(5):
        _publish(procon, alfa, f"Relato {n}", response_kind=ResponseKind.IMPROVEMENT)

    # the company (and its Procons), the count, the page
    with django_assert_num_queries(4):
        response, body = _api(public_client, alfa)

    assert response.status_code == 200 and body["count"] == 5


def test_an_unknown_cnpj_is_404_in_portuguese(public_client, procon_client) -> None:
    unknown = CompanyFactory.build(cnpj=cnpj_for("62999999"))

    page = _page(public_client, unknown)
    api, body = _api(procon_client, unknown)

    assert page.status_code == 404
    assert "encontrad" in page.content.decode().lower()
    assert api.status_code == 404
    assert body["detail"] == "Não encontrado."
