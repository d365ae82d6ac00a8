"""The SINDEC export: codes filled from SINDEC's own lists, the company's name in
strNomeFantasia, and the official layout byte for byte where the official file defines it."""

import csv
import io
import re

import pytest
from django.utils import timezone

from shared.companies.actions import do_register_company
from shared.registry.names import PERSON
from shared.registry.renderers import SINDEC_COLUMNS
from shared.registry.sindec_codes import problem_code, subject_code
from tests.conftest import host_client
from tests.factories import CompanyFactory
from tests.shared.registry.helpers import index_case

pytestmark = pytest.mark.django_db

SUBJECT = "Telefone ( Convencional, Celular, Interfone, Etc. )"
PROBLEM = "Produto com vício"
OFFICIAL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.000$")


def _get(path: str) -> bytes:
    response = host_client("localhost").get(path)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_sindec_codes_come_from_sindecs_own_lists() -> None:
    assert subject_code(SUBJECT) == "101"
    assert problem_code(subject=SUBJECT, problem=PROBLEM) == "2502"
    assert subject_code("telefonia  CELULAR") == "187"  # spacing and case do not matter
    assert subject_code("Aves, carnes e peixes/frutos do mar") == ""  # consumidor.gov.br's


def _both_layouts(procon, suppliers, *, classification: str) -> tuple[str, bytes]:
    """This year's export in the platform's SINDEC layout (text) and the official one (bytes),
    after a case under SINDEC's subject and problem closed now against each supplier."""
    closed = timezone.now().replace(microsecond=0)
    for supplier in suppliers:
        index_case(
            procon,
            supplier,
            closed_at=closed,
            classification=classification,
            subject=SUBJECT,
            problem=PROBLEM,
        )
    year = timezone.localdate().year
    own = _get(f"/reclamacoes-fundamentadas/{year}.csv?layout=sindec").decode("utf-8")
    return own, _get(f"/reclamacoes-fundamentadas/{year}.csv?layout=sindec-oficial")


def test_the_export_fills_codes_and_the_company_name_and_the_official_layout_matches(
    procon,
) -> None:
    # given a founded case under SINDEC's subject and problem, against a company that came in
    # by its CNPJ with a legal name only
    company = CompanyFactory(legal_name="ACBZ IMPORTACAO E COMERCIO LTDA", trade_name="")
    own, official = _both_layouts(procon, [company], classification="founded_not_met")

    # the platform's own file: a header, the codes, the company's name in strNomeFantasia
    rows = list(csv.DictReader(io.StringIO(own), delimiter=";"))
    row = next(r for r in rows if r["NumeroCNPJ"] == company.cnpj)
    assert (row["CodigoAssunto"], row["CodigoProblema"]) == ("101", "2502")
    assert row["strNomeFantasia"] == "ACBZ IMPORTACAO E COMERCIO LTDA"
    assert (row["Tipo"], row["Atendida"]) == ("1", "N")

    # the official one: a BOM, no header, CRLF, region "03", dates with time, NULL when unknown
    assert official.startswith(b"\xef\xbb\xbf2")
    lines = official.decode("utf-8-sig").split("\r\n")
    assert lines[-1] == ""
    cells = next(
        cells
        for cells in csv.reader(io.StringIO("\n".join(lines[:-1])), delimiter=";")
        if company.cnpj in cells
    )
    assert len(cells) == len(SINDEC_COLUMNS)
    named = dict(zip(SINDEC_COLUMNS, cells, strict=True))
    assert named["CodigoRegiao"] == "03"
    assert OFFICIAL_DATE.match(named["DataArquivamento"])
    assert OFFICIAL_DATE.match(named["DataAbertura"])
    assert named["RazaoSocialRFB"] == named["CEPConsumidor"] == "NULL"
    assert "AnoCalendario" not in official.decode("utf-8-sig")


def test_a_supplier_identified_by_cpf_is_a_tipo_0_row_without_its_cpf_in_both_layouts(
    procon,
) -> None:
    # given a founded case against a person selling as an individual (SINDEC's Tipo 0), whose
    # CPF SINDEC's own file would write in NumeroCNPJ/RadicalCNPJ ("00086288366757")
    cpf = "86288366757"
    person = do_register_company(cpf=cpf, legal_name="JOSE ENCANADOR DA SILVA")
    company = CompanyFactory(legal_name="ACBZ IMPORTACAO E COMERCIO LTDA", trade_name="")
    own, official = _both_layouts(procon, [person, company], classification="founded_met")

    # the platform's own file: Tipo 0 with the document cells empty, Tipo 1 for the company
    rows = list(csv.DictReader(io.StringIO(own), delimiter=";"))
    tipo = {row["Tipo"]: row for row in rows}
    assert tipo["1"]["NumeroCNPJ"] == company.cnpj
    assert (tipo["0"]["NumeroCNPJ"], tipo["0"]["RadicalCNPJ"]) == ("", "")
    assert tipo["0"]["strRazaoSocial"] == tipo["0"]["strNomeFantasia"] == PERSON
    assert (tipo["0"]["Atendida"], tipo["0"]["CodigoAssunto"]) == ("S", "101")

    # the official one: Tipo 0, NULL where SINDEC writes the CPF
    text = official.decode("utf-8-sig")
    cells = [
        dict(zip(SINDEC_COLUMNS, line, strict=True))
        for line in csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter=";")
    ]
    person_row = next(row for row in cells if row["Tipo"] == "0")
    assert (person_row["NumeroCNPJ"], person_row["RadicalCNPJ"]) == ("NULL", "NULL")
    assert person_row["strRazaoSocial"] == PERSON
    for file in (own, text):
        assert cpf[:9] not in file and cpf[3:] not in file and "JOSE ENCANADOR" not in file
