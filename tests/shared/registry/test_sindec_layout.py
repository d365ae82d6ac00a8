"""The SINDEC export: codes filled from SINDEC's own lists, the company's name in
strNomeFantasia, and the official layout byte for byte where the official file defines it."""

import csv
import io
import re

import pytest
from django.utils import timezone

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


def test_the_export_fills_codes_and_the_company_name_and_the_official_layout_matches(
    procon,
) -> None:
    # given a founded case under SINDEC's subject and problem, against a company that came in
    # by its CNPJ with a legal name only
    company = CompanyFactory(legal_name="ACBZ IMPORTACAO E COMERCIO LTDA", trade_name="")
    closed = timezone.now().replace(microsecond=0)
    index_case(
        procon,
        company,
        closed_at=closed,
        classification="founded_not_met",
        subject=SUBJECT,
        problem=PROBLEM,
    )
    year = timezone.localdate().year

    own = _get(f"/reclamacoes-fundamentadas/{year}.csv?layout=sindec").decode("utf-8")
    official = _get(f"/reclamacoes-fundamentadas/{year}.csv?layout=sindec-oficial")

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
