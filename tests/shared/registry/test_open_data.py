"""Open data: the consumidor.gov.br layout, no personal data in any column, small cells
generalised, served from the public host and each Procon's host."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from shared.geo.models import Municipality
from shared.registry.actions import do_rebuild_open_data
from shared.registry.opendata import OPEN_DATA_COLUMNS, OTHER_CITIES
from shared.registry.tasks import rebuild_open_data_file
from tenants.complaints.actions.answer import do_lapse_cip
from tenants.complaints.actions.closing import do_close_complaint, do_rate_answer
from tests.conftest import host_client
from tests.factories import CompanyFactory, ConsumerFactory, staff
from tests.shared.registry.helpers import index_case, utc, verified_company
from tests.tenants.complaints.factories import at_answered, at_cip_sent

pytestmark = pytest.mark.django_db

CPF_PATTERN = re.compile(r"\d{3}\.?\d{3}\.?\d{3}-?\d{2}")
EMAIL_PATTERN = re.compile(r"[^@\s;]+@[^@\s;]+\.[a-z]{2,}", re.IGNORECASE)
PHONE_PATTERN = re.compile(r"\(?\d{2}\)?\s?9?\d{4}-?\d{4}")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _read(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0] == OPEN_DATA_COLUMNS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_no_column_of_the_export_carries_personal_data(procon, public_client) -> None:
    # given complaints whose consumers have names, CPFs, e-mails and phones, and free text
    attendant = staff(procon, StaffRole.ATTENDANT)
    company = verified_company(legal_name="Operadora Zeta S.A.", trade_name="Zeta")
    consumers = [
        ConsumerFactory(full_name="Hermenegilda Quintanilha", phone="(13) 99876-5432"),
        ConsumerFactory(full_name="Epaminondas Vasconcelos", phone="13 3222-1100"),
    ]
    with tenant_context(procon):
        answered = at_answered(
            attendant,
            consumer=consumers[0],
            company=company,
            facts="Meu CPF é 529.982.247-25, escrevam para hermenegilda@exemplo.test",
            customer_reference="Contrato ZK-40417",
            # the demographics she chose to give: only the band, sex and CEP prefix go out
            consumer_cep="11045907",
            consumer_birth_date=date(1961, 4, 9),
            consumer_sex="F",
        )
        do_rate_answer(answered, actor=consumers[0], resolved=False, satisfaction=2, comment="Ruim")
        lapsed = at_cip_sent(attendant, consumer=consumers[1], company=company)
        lapsed = do_lapse_cip(lapsed, today=lapsed.cip_due_on + timedelta(days=1))
        do_close_complaint(
            lapsed, actor=attendant, as_role="attendant", classification="founded_not_met"
        )

    # when the state-wide file is rebuilt and downloaded from the public host
    do_rebuild_open_data(procon=None)
    rows = _read(public_client.get("/dados-abertos/reclamacoes.csv"))

    # then every cell is free of CPF, e-mail, phone and the consumers' names
    ours = [row for row in rows if row["Nome Fantasia"] == "Zeta"]
    assert len(ours) == 2
    forbidden = [consumer.full_name for consumer in consumers]
    forbidden += [part for consumer in consumers for part in consumer.full_name.split()]
    forbidden += [consumer.email for consumer in consumers] + [
        consumer.cpf for consumer in consumers
    ]
    forbidden += ["ZK-40417"]  # the contract number the consumer gave the company
    forbidden += ["11045907", "11045-907", "09/04/1961", "1961-04-09"]
    for row in rows:
        for column, value in row.items():
            assert not CPF_PATTERN.search(value), (column, value)
            assert not EMAIL_PATTERN.search(value), (column, value)
            assert not PHONE_PATTERN.search(value), (column, value)
            for text in forbidden:
                assert text.lower() not in value.lower(), (column, value)
    by_status = {row["Situação"]: row for row in ours}
    assert by_status["Finalizada não avaliada"]["Respondida"] == "N"
    rated = by_status["Em andamento"]
    assert (rated["Avaliação Reclamação"], rated["Nota do Consumidor"]) == ("Não Resolvida", "2")
    assert rated["Procurou Empresa"] == "S"
    assert rated["Gestor"] == procon.name
    assert rated["UF"] == "SP"
    assert (rated["Sexo"], rated["Canal de Origem"]) == ("F", "Internet")
    assert rated["Faixa Etária"] == "entre 61 a 70 anos"  # 65 when she filed (a date in 2026)
    lapsed_row = by_status["Finalizada não avaliada"]
    assert (lapsed_row["Sexo"], lapsed_row["Faixa Etária"]) == ("Não informado", "Não informada")


def test_a_city_below_the_minimum_count_is_written_as_others(
    procon, other_procon, settings
) -> None:
    settings.OPEN_DATA_MIN_CITY_COUNT = 3
    company = CompanyFactory()
    santos_city = procon.municipality
    guaruja = Municipality.objects.get(ibge_code=3518701)
    for _ in range(3):
        index_case(procon, company, closed_at=None, opened_at=utc(2025, 5, 1, 12))
    for _ in range(2):
        index_case(
            procon,
            company,
            closed_at=None,
            opened_at=utc(2025, 5, 2, 12),
            municipality_id=guaruja.pk,
        )

    export = do_rebuild_open_data(procon=procon)
    rows = _read(host_client(procon.host).get("/dados-abertos/reclamacoes.csv"))

    assert export.rows == len(rows) == 5
    assert sorted(row["Cidade"] for row in rows) == sorted(
        [santos_city.name] * 3 + [OTHER_CITIES] * 2
    )
    assert all(row["UF"] == "SP" for row in rows)
    assert {row["Faixa Etária"] for row in rows} == {"Não informada"}


def test_each_procon_host_serves_only_its_own_complaints(procon, other_procon) -> None:
    company = verified_company(trade_name="SoCampinas")
    index_case(other_procon, company, closed_at=None, opened_at=utc(2025, 5, 1, 12))

    # what beat queues, one file per task
    assert rebuild_open_data_file(procon.pk) == 0
    assert rebuild_open_data_file(other_procon.pk) >= 1

    santos = _read(host_client(procon.host).get("/dados-abertos/reclamacoes.csv"))
    campinas = _read(host_client(other_procon.host).get("/dados-abertos/reclamacoes.csv"))
    assert "SoCampinas" not in {row["Nome Fantasia"] for row in santos}
    assert [row["Gestor"] for row in campinas if row["Nome Fantasia"] == "SoCampinas"] == [
        other_procon.name
    ]


def test_before_the_first_build_the_page_says_so_and_the_file_is_404(public_client) -> None:
    page = public_client.get("/dados-abertos/")

    assert page.status_code == 200
    assert 'data-testid="open-data-pending"' in page.content.decode()
    assert public_client.get("/dados-abertos/reclamacoes.csv").status_code == 404
