"""Every file the platform writes for the public (open data, registry CSV/JSON, SINDEC,
publications) and the company inbox CSV: no cell a spreadsheet would evaluate, no complaint
before triage, no name a consumer typed, no person's CPF or name."""

import csv
import io
import json
import re

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context
from validate_docbr import CPF

from shared.accounts.roles import StaffRole
from shared.companies.actions import do_register_company
from shared.csvfiles import FORMULA_STARTS, neutralise
from shared.registry.actions import (
    do_publish_registry,
    do_rebuild_open_data,
    do_rebuild_sindec_file,
    do_refresh_registry_rollup,
)
from shared.registry.names import PERSON, UNVERIFIED
from tests.conftest import host_client
from tests.factories import company_agent, staff
from tests.shared.registry.helpers import founded_complaint, verified_company
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import at_cip_sent, file_complaint

pytestmark = pytest.mark.django_db

HOSTILE_NAMES = [
    '=HYPERLINK("http://evil","x")',
    "@SUM(1+1)",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\uff1dHYPERLINK(1)",
]
SOLE_TRADER = "VINICIUS SOUZA DE OLIVEIRA 36241338889"
SUPPLIER_CPF = "86288366757"
CPF_SHAPED = re.compile(r"(?<![0-9])[0-9]{3}\.?[0-9]{3}\.?[0-9]{3}-?[0-9]{2}(?![0-9])")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def _public_files(procon) -> dict[str, str]:
    """Every public file of the state host and of the Procon's host, as served."""
    year = timezone.localdate().year
    do_refresh_registry_rollup(full=True)
    do_rebuild_open_data(procon=None)
    do_rebuild_open_data(procon=procon)
    do_rebuild_sindec_file(year=year)
    supervisor_publication = do_publish_registry(
        procon=procon, year=year, actor=staff(procon, StaffRole.TENANT_ADMIN)
    )
    files = {}
    for host in ("localhost", procon.host):
        client = host_client(host)
        for path in (
            "/dados-abertos/reclamacoes.csv",
            f"/reclamacoes-fundamentadas/{year}.csv",
            f"/reclamacoes-fundamentadas/{year}.json",
            f"/reclamacoes-fundamentadas/{year}.csv?layout=sindec",
            f"/reclamacoes-fundamentadas/{year}.csv?layout=sindec-oficial",
            f"/api/v1/registry/?year={year}",
        ):
            response = client.get(path)
            assert response.status_code == 200, (host, path, response.status_code)
            files[f"{host}{path}"] = _body(response)
    client = host_client(procon.host)
    for suffix in ("csv", "json"):
        path = f"/reclamacoes-fundamentadas/publicacoes/{supervisor_publication.pk}.{suffix}"
        response = client.get(path)
        assert response.status_code == 200, path
        files[f"{procon.host}{path}"] = _body(response)
    return files


def test_neutralise_quotes_text_that_starts_a_formula_and_leaves_numbers() -> None:
    for name in HOSTILE_NAMES:
        assert neutralise(name) == "'" + name
    assert neutralise("Operadora Zeta S.A.") == "Operadora Zeta S.A."
    assert neutralise(-3) == -3
    assert neutralise(None) == ""


def test_hostile_company_names_reach_no_cell_as_a_formula(procon) -> None:
    # given companies named as formulas, registered by consumers (unverified) and verified with
    # those names, each with a founded complaint that passed triage
    attendant = staff(procon, StaffRole.ATTENDANT)
    companies = []
    for index, name in enumerate(HOSTILE_NAMES):
        company = verified_company(legal_name=name, trade_name=name if index % 2 else "")
        if not index % 2:
            type(company).objects.filter(pk=company.pk).update(verified_at=None)
        companies.append(company)
        founded_complaint(procon, attendant, company)

    # when every file is built and downloaded, and an agent exports the inbox
    files = _public_files(procon)
    files["inbox"] = _body(logged_in_client(company_agent(companies[1])).get("/empresa/caixa.csv"))

    # then no cell of any CSV starts a formula, and the hostile names are there, quoted
    for where, text in files.items():
        if text.lstrip().startswith(("{", "[")):
            continue
        for row in _cells(text):
            for cell in row:
                assert cell[:1] not in FORMULA_STARTS, (where, cell)
    assert f"'{HOSTILE_NAMES[1]}" in files["localhost/dados-abertos/reclamacoes.csv"]
    assert "'@SUM(1+1)" in files["inbox"]


def test_open_data_publishes_only_triaged_complaints_under_the_registered_name(
    procon,
) -> None:
    # given a verified company and a company a consumer registered with a name of their own
    attendant = staff(procon, StaffRole.ATTENDANT)
    verified = verified_company(legal_name="Operadora Zeta S.A.", trade_name="Zeta")
    typed = verified_company(legal_name="Loja Que Me Enganou Ladrões")
    type(typed).objects.filter(pk=typed.pk).update(verified_at=None)
    with tenant_context(procon):
        untriaged = file_complaint(company=verified)
        accepted = at_cip_sent(attendant, company=verified)
        at_cip_sent(attendant, company=typed)
    # when the file is built
    do_rebuild_open_data(procon=procon)
    rows = _cells(_body(host_client(procon.host).get("/dados-abertos/reclamacoes.csv")))
    header, rows = rows[0], rows[1:]
    names = [row[header.index("Nome Fantasia")] for row in rows]
    # then only the two triaged complaints are there; the unverified company by its CNPJ root
    assert untriaged.status == "registered" and accepted.status == "cip_sent"
    assert len(rows) == 2
    assert "Zeta" in names
    assert UNVERIFIED.format(root=f"{typed.cnpj[:2]}.{typed.cnpj[2:5]}.{typed.cnpj[5:8]}") in names
    assert not any("Ladrões" in cell for row in rows for cell in row)


def test_no_public_file_holds_a_valid_cpf_or_a_sole_traders_name(procon) -> None:
    # given sole traders whose legal name is the owner's name and CPF, one with a trade name
    attendant = staff(procon, StaffRole.ATTENDANT)
    cpf = "36241338889"
    assert CPF().validate(cpf)
    bare = verified_company(legal_name=SOLE_TRADER, trade_name="")
    named = verified_company(
        legal_name="MARIA DA SILVA 529.982.247-25", trade_name="Doces da Maria"
    )
    mei = verified_company(legal_name="JOAO PEREIRA MEI", trade_name="")
    # and a supplier identified by CPF (SINDEC Tipo 0) under the name the consumer typed
    person = do_register_company(cpf=SUPPLIER_CPF, legal_name="JOSE ENCANADOR DA SILVA")
    for company in (bare, named, mei, person):
        founded_complaint(procon, attendant, company)

    # when every public file is built and downloaded
    files = _public_files(procon)

    # then no valid CPF and no owner's name appears anywhere; the companies read as their trade
    # name or "Pessoa física", with the CNPJ root only
    validator = CPF()
    for where, text in files.items():
        for match in CPF_SHAPED.findall(text):
            assert not validator.validate(re.sub(r"\D", "", match)), (where, match)
        for owner in ("VINICIUS SOUZA", "MARIA DA SILVA", "JOAO PEREIRA", "JOSE ENCANADOR"):
            assert owner not in text, (where, owner)
        assert SUPPLIER_CPF[:9] not in text and SUPPLIER_CPF[3:] not in text, where
        assert "883.667" not in text, where  # not even masked
        assert bare.cnpj not in text and mei.cnpj not in text, where
    registry = json.loads(
        files[f"localhost/reclamacoes-fundamentadas/{timezone.localdate().year}.json"]
    )
    by_root = {row["cnpj"]: row for row in registry["rows"]}
    assert by_root[bare.cnpj[:8]]["legal_name"] == PERSON
    assert by_root[named.cnpj[:8]]["legal_name"] == "Doces da Maria"
    # the person supplier is "Pessoa física" with no document; SINDEC calls it Tipo 0
    assert (by_root[""]["legal_name"], by_root[""]["trade_name"]) == (PERSON, "")
    year = timezone.localdate().year
    sindec = _cells(files[f"localhost/reclamacoes-fundamentadas/{year}.csv?layout=sindec"])
    person_rows = [row for row in sindec[1:] if row[8] == "0"]
    assert len(person_rows) == 1
    assert (person_rows[0][6], person_rows[0][9], person_rows[0][10]) == (PERSON, "", "")


@pytest.mark.parametrize(
    ("supplier", "name"),
    [
        pytest.param(
            lambda: do_register_company(cpf=SUPPLIER_CPF, legal_name="JOSE ENCANADOR DA SILVA"),
            "Encanador",
            id="a-supplier-identified-by-cpf-by-the-persons-name",
        ),
        pytest.param(
            lambda: verified_company(legal_name=SOLE_TRADER, trade_name=""),
            "Vinicius Souza",
            id="a-sole-trader-whose-legal-name-is-its-owners-by-that-name",
        ),
    ],
)
def test_the_registry_search_does_not_find(procon, supplier, name: str) -> None:
    # given a founded complaint against a supplier that is a person, under the person's name
    founded_complaint(procon, staff(procon, StaffRole.ATTENDANT), supplier())
    do_refresh_registry_rollup(full=True)
    year = timezone.localdate().year

    # when someone searches the registry (page and API, state and Procon) by that name
    for host in ("localhost", procon.host):
        client = host_client(host)
        page = client.get("/reclamacoes-fundamentadas/", {"year": year, "q": name})
        api = client.get("/api/v1/registry/", {"year": year, "q": name})
        everyone = client.get("/api/v1/registry/", {"year": year})

        # then nothing is found, though the row is there as "Pessoa física", never by that name
        assert page.status_code == 200 and 'data-testid="registry-row"' not in _body(page)
        assert api.status_code == 200 and api.json()["rows"] == []
        assert [r["legal_name"] for r in everyone.json()["rows"]] == [PERSON]
