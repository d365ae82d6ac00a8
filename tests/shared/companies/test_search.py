"""Company search with real names: accents and case ignored, best match first, one result per
CNPJ root, through the selector and the public API (GET /api/v1/companies/?q=)."""

import pytest

from shared.companies.actions import do_register_company
from shared.companies.models import Company
from shared.companies.selectors import company_search
from tests.conftest import host_client
from tests.factories import cnpj_for

pytestmark = pytest.mark.django_db

# (root, branch, legal name, trade name): real companies, as the CNPJ register writes them.
COMPANIES = [
    ("60701190", "0001", "ITAÚ UNIBANCO S.A.", "Itaú Unibanco"),
    ("60701190", "0002", "ITAÚ UNIBANCO S.A.", "Itaú Unibanco"),  # a branch: same group
    ("60701190", "4080", "ITAU UNIBANCO S.A.", ""),  # another branch, written without accent
    ("00360305", "0001", "CAIXA ECONÔMICA FEDERAL", ""),
    ("02558157", "0001", "TELEFÔNICA BRASIL S.A.", "Vivo"),
    ("02421421", "0001", "TIM S.A.", "TIM CELULAR"),
    ("40432544", "0001", "CLARO S.A.", "Claro"),
    ("11222333", "0001", "TIMBÓ MATERIAIS DE CONSTRUÇÃO LTDA", "Timbó Materiais"),
    ("11222334", "0001", "ESTIMATIVA CONSULTORIA LTDA", ""),
    ("00000000", "0001", "BANCO DO BRASIL SA", "Banco do Brasil"),
    ("59285411", "0001", "MAGAZINE LUIZA S/A", "Magalu"),
    ("47960950", "0001", "MAGAZINE LUIZA S.A.", ""),  # an unrelated group, same name
]


@pytest.fixture
def companies() -> dict[str, Company]:
    registered = {}
    for root, branch, legal, trade in COMPANIES:
        company = do_register_company(
            cnpj=cnpj_for(root, branch), legal_name=legal, trade_name=trade
        )
        registered[f"{root}/{branch}"] = company
    return registered


def _roots(query: str) -> list[str]:
    return [c.cnpj_root for c in company_search(query=query)]


@pytest.mark.parametrize(
    "query, root",
    [
        ("Itaú", "60701190"),
        ("itau", "60701190"),
        ("ITAU UNIBANCO", "60701190"),
        ("Caixa Econômica", "00360305"),
        ("caixa economica", "00360305"),
        ("Telefonica", "02558157"),
        ("telefônica brasil", "02558157"),
        ("vivo", "02558157"),
        ("Tim", "02421421"),
        ("tim celular", "02421421"),
        ("Banco do Brasil", "00000000"),
        ("magalu", "59285411"),
        ("Telefonca", "02558157"),  # a typo still finds it (trigram similarity)
        ("02.558.157", "02558157"),  # the CNPJ's first digits
    ],
)
def test_real_names_are_found_first_whatever_the_accents_and_case(
    companies, query: str, root: str
) -> None:
    assert _roots(query)[0] == root


def test_tim_lists_tim_celular_before_names_that_only_contain_tim(companies) -> None:
    roots = _roots("Tim")
    assert roots[0] == "02421421"
    assert roots.index("11222333") < roots.index(
        "11222334"
    )  # starts with "tim" before "estimativa"


def test_one_result_per_cnpj_root_preferring_the_head_office(companies) -> None:
    results = list(company_search(query="itau"))
    assert [c.cnpj_root for c in results] == ["60701190"]
    assert results[0].cnpj == companies["60701190/0001"].cnpj
    # two groups with the same name stay two results
    assert sorted(_roots("magazine luiza")) == ["47960950", "59285411"]


def test_a_query_shorter_than_two_letters_finds_nothing(companies) -> None:
    assert _roots("a") == []
    assert _roots("  ") == []


@pytest.mark.parametrize("host", ["localhost", "santos"])
def test_the_api_pages_formats_the_cnpj_and_needs_no_login(companies, procon, host: str) -> None:
    client = host_client("localhost" if host == "localhost" else procon.host)
    response = client.get("/api/v1/companies/", {"q": "Itaú"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [item] = body["results"]
    assert item["cnpj_formatted"] == companies["60701190/0001"].cnpj_display
    assert item["cnpj_root"] == "60701190"
    assert item["name"] == "Itaú Unibanco"
    # the id a filing names the company by
    assert item["id"] == companies["60701190/0001"].pk

    refused = client.get("/api/v1/companies/", {"q": "x"})
    assert refused.status_code == 400
    assert list(refused.json()) == ["q"]
    assert client.get("/api/v1/companies/").status_code == 400


def test_the_api_pages_of_twenty(companies) -> None:
    for n in range(25):
        do_register_company(cnpj=cnpj_for(f"7{n:07d}"), legal_name=f"Padaria Pão Quente {n}")
    client = host_client("localhost")
    first = client.get("/api/v1/companies/", {"q": "padaria pao"}).json()
    assert first["count"] == 25 and len(first["results"]) == 20 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 5


def test_the_openapi_schema_documents_the_search() -> None:
    schema = host_client("localhost").get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/companies/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"q", "page"}
