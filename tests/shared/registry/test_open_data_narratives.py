"""Open data's narrative columns: a complaint's narrative appears once staff approved it, with the
company's public response (its label in Portuguese, its words once approved), neutralised like
every cell; a withdrawal's rebuild leaves it out; the file is still one read."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from shared.narratives.responses import ResponseKind
from shared.registry.actions import do_rebuild_open_data
from shared.registry.opendata import OPEN_DATA_COLUMNS, open_data_rows
from shared.registry.tasks import rebuild_open_data_file
from tenants.narratives.actions import (
    do_approve,
    do_approve_response,
    do_consent,
    do_respond,
    do_withdraw,
)
from tests.conftest import host_client
from tests.factories import ConsumerFactory, company_agent
from tests.shared.registry.helpers import verified_company
from tests.tenants.complaints.factories import at_cip_sent

pytestmark = pytest.mark.django_db

NARRATIVE = "=cmd|' /C calc'!A0 A geladeira chegou quebrada e a loja não troca."
ACTED = "A empresa entende que agiu como o contrato ou a lei permitem"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _rows(procon) -> list[dict[str, str]]:
    response = host_client(procon.host).get("/dados-abertos/reclamacoes.csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0] == OPEN_DATA_COLUMNS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _published_case(procon, attendant, company, *, words: str = "Trocamos a geladeira."):
    consumer = ConsumerFactory(full_name="Joana Prado Lemos")
    agent = company_agent(company)
    with tenant_context(procon):
        complaint = at_cip_sent(attendant, consumer=consumer, company=company)
        narrative = do_consent(complaint, actor=consumer)
        do_approve(narrative, actor=attendant, text=NARRATIVE)
        response = do_respond(
            complaint, actor=agent, kind=ResponseKind.ACTED_APPROPRIATELY, text=words
        )
    return complaint, consumer, response


def test_the_columns_come_after_consumidor_gov_br_s_thirty() -> None:
    assert OPEN_DATA_COLUMNS[30:] == [
        "Relato do Consumidor",
        "Resposta Pública da Empresa",
        "Texto da Resposta da Empresa",
    ]


def test_a_published_narrative_and_the_company_s_response_reach_the_file(
    procon, attendant, settings
) -> None:
    settings.LANGUAGE_CODE = "en"  # the file is Portuguese whatever the builder's language
    company = verified_company(trade_name="Geladeiras Zeta")
    with tenant_context(procon):
        at_cip_sent(attendant, company=company)  # no consent: empty cells
    _complaint, _consumer, response = _published_case(procon, attendant, company)

    do_rebuild_open_data(procon=procon)
    ours = [row for row in _rows(procon) if row["Nome Fantasia"] == "Geladeiras Zeta"]

    with_narrative = [row for row in ours if row["Relato do Consumidor"]]
    without = [row for row in ours if not row["Relato do Consumidor"]]
    assert len(with_narrative) == len(without) == 1
    row = with_narrative[0]
    # The formula is written as text, not evaluated by a spreadsheet.
    assert row["Relato do Consumidor"] == "'" + NARRATIVE
    assert row["Resposta Pública da Empresa"] == ACTED
    # The company's words wait for moderation: the kind is public at once, the words are not.
    assert row["Texto da Resposta da Empresa"] == ""
    assert (
        without[0]["Resposta Pública da Empresa"],
        without[0]["Texto da Resposta da Empresa"],
    ) == (
        "",
        "",
    )

    with tenant_context(procon):
        do_approve_response(response, actor=attendant)
    do_rebuild_open_data(procon=procon)
    row = next(row for row in _rows(procon) if row["Relato do Consumidor"])
    assert row["Texto da Resposta da Empresa"] == "Trocamos a geladeira."


def test_a_withdrawal_queues_rebuilds_that_leave_the_narrative_out(
    procon, attendant, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    company = verified_company(trade_name="Geladeiras Zeta")
    complaint, consumer, _response = _published_case(procon, attendant, company)
    do_rebuild_open_data(procon=procon)
    do_rebuild_open_data(procon=None)
    assert any(row["Relato do Consumidor"] for row in _rows(procon))
    queued: list[object] = []

    def run_now(args=(), kwargs=None, **_options):
        queued.append(args[0])
        return rebuild_open_data_file(*args)

    monkeypatch.setattr(rebuild_open_data_file, "apply_async", run_now)

    # when the consumer withdraws (the rebuilds run as the commit queues them)
    with django_capture_on_commit_callbacks(execute=True), tenant_context(procon):
        do_withdraw(complaint, actor=consumer)

    # then the Procon's file and the state's were rewritten without it
    assert sorted(queued, key=str) == sorted([procon.pk, None], key=str)
    for rows in (_rows(procon), _state_rows()):
        zeta = [row for row in rows if row["Nome Fantasia"] == "Geladeiras Zeta"]
        assert len(zeta) == 1
        assert zeta[0]["Relato do Consumidor"] == ""
        assert zeta[0]["Resposta Pública da Empresa"] == ""
        assert "geladeira chegou quebrada" not in "".join(zeta[0].values())


def _state_rows() -> list[dict[str, str]]:
    response = host_client("localhost").get("/dados-abertos/reclamacoes.csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_file_is_one_read_however_many_narratives(procon, attendant) -> None:
    company = verified_company(trade_name="Geladeiras Zeta")
    _published_case(procon, attendant, company)
    with CaptureQueriesContext(connection) as one:
        assert len(list(open_data_rows(procon=procon))) == 1
    _published_case(procon, attendant, company)
    _published_case(procon, attendant, company)
    with CaptureQueriesContext(connection) as three:
        rows = list(open_data_rows(procon=procon))
    assert len(rows) == 3 and all(row[30] == "=" + NARRATIVE[1:] for row in rows)
    assert len(three.captured_queries) == len(one.captured_queries)
