"""Atendimentos counted by kind in the open data and the SINDEC file's demographic columns,
against a hand-counted set: in Santos, 3 guidance (2 at the counter, 1 by phone), 2 referrals,
4 preliminary services (1 filed on the web, 3 registered at the counter), 1 complaint opened
directly; in Campinas, 1 guidance."""

import csv
import io

import pytest

from shared.registry.actions import do_rebuild_atendimento_data
from shared.registry.atendimentos import ATENDIMENTO_COLUMNS
from shared.registry.renderers import SINDEC_COLUMNS, sindec_csv
from tests.conftest import host_client
from tests.shared.caseindex.atendimentos import (
    KNOWN_SET_BY_KIND,
    procon_totals,
    register_known_set,
)
from tests.shared.registry.helpers import index_case, utc

pytestmark = pytest.mark.django_db

SANTOS, SAO_PAULO = 3548500, 3550308


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.OPEN_DATA_MIN_CITY_COUNT = 2
    settings.REGISTRY_ATENDIMENTO_CACHE_SECONDS = 0


@pytest.fixture
def known_set(procon, other_procon, company):
    # the web filing from a consumer of São Paulo (by the CEP): a city of one, so "Outros"
    web_consumer = {"consumer_cep": "01310100"}
    register_known_set(
        procon, other_procon, company, web_consumer=web_consumer, campinas_channel="counter"
    )


def _read(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0] == ATENDIMENTO_COLUMNS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _counts(rows, *keys) -> dict[tuple[str, ...], int]:
    out: dict[tuple[str, ...], int] = {}
    for row in rows:
        key = tuple(row[k] for k in keys)
        out[key] = out.get(key, 0) + int(row["Atendimentos"])
    return out


def test_the_procon_s_file_counts_its_atendimentos_by_kind_and_channel(known_set, procon):
    export = do_rebuild_atendimento_data(procon=procon)
    rows = _read(host_client(procon.host).get("/dados-abertos/atendimentos.csv"))

    assert export.rows == 10
    assert _counts(rows, "Tipo de Atendimento", "Canal de Origem") == {
        ("Orientação / consulta", "Presencial"): 2,
        ("Orientação / consulta", "Telefone"): 1,
        ("Encaminhamento", "Presencial"): 2,
        ("Atendimento preliminar (CIP)", "Internet"): 1,
        ("Atendimento preliminar (CIP)", "Presencial"): 3,
        ("Abertura direta de reclamação", "Presencial"): 1,
    }
    # Santos's own city for those who gave none (9); São Paulo's single one generalised
    assert _counts(rows, "Cidade") == {("Santos",): 9, ("Outros",): 1}
    assert _counts(rows, "Sexo", "Faixa Etária")[("F", "entre 31 a 40 anos")] == 2
    assert {row["Gestor"] for row in rows} == {procon.name}


def test_the_state_file_counts_every_procon(known_set, procon, other_procon, public_client):
    export = do_rebuild_atendimento_data(procon=None)
    rows = _read(public_client.get("/dados-abertos/atendimentos.csv"))

    assert export.rows == 11
    assert _counts(rows, "Gestor") == {(procon.name,): 10, (other_procon.name,): 1}


def test_the_page_links_the_file(known_set, procon):
    do_rebuild_atendimento_data(procon=procon)
    page = host_client(procon.host).get("/dados-abertos/").content.decode()
    assert 'data-testid="atendimento-download"' in page
    assert 'data-rows="10"' in page


def test_no_file_yet_is_a_404(procon):
    assert host_client(procon.host).get("/dados-abertos/atendimentos.csv").status_code == 404


@pytest.mark.parametrize("official", [False, True])
def test_the_sindec_file_writes_sex_age_band_and_the_cep_prefix(procon, company, official):
    given = index_case(
        procon,
        company,
        closed_at=utc(2025, 6, 1, 12),
        classification="founded_met",
        consumer_sex="M",
        age_band="mais_70",
        cep="11045",
    )
    blank = index_case(
        procon, company, closed_at=utc(2025, 6, 2, 12), classification="founded_not_met"
    )
    lines = list(sindec_csv(year=2025, cases=[given, blank], official=official))
    rows = list(csv.reader(io.StringIO("".join(lines).lstrip("\ufeff")), delimiter=";"))
    if not official:
        rows = rows[1:]
    demographics = [row[SINDEC_COLUMNS.index("SexoConsumidor") :] for row in rows]
    empty = "NULL" if official else ""
    assert demographics == [["M", "mais de 70 anos", "11045"], [empty, empty, empty]]


def _in_february(year: int) -> None:
    from django.utils import timezone

    from shared.caseindex.models import AtendimentoEntry

    AtendimentoEntry.objects.update(
        opened_at=timezone.make_aware(timezone.datetime(year, 2, 10, 12))
    )


def test_the_registry_api_counts_a_year_by_kind_and_channel(
    known_set, procon, other_procon, public_client
):
    _in_february(2025)
    state = public_client.get("/api/v1/registry/atendimentos/?year=2025").json()
    santos = host_client(procon.host).get("/api/v1/registry/atendimentos/?year=2025").json()
    other_year = public_client.get("/api/v1/registry/atendimentos/?year=2024").json()
    future = public_client.get("/api/v1/registry/atendimentos/?year=3000")

    assert state["total"] == 11
    assert state["by_kind"] == KNOWN_SET_BY_KIND
    assert procon_totals(state) == [(procon.slug, 10), (other_procon.slug, 1)]
    assert (santos["scope"], santos["total"], santos["procons"]) == (procon.slug, 10, [])
    assert santos["by_channel"] == {"web": 1, "counter": 8, "phone": 1, "email": 0, "letter": 0}
    pairs = {(r["kind"], r["channel"]): r["count"] for r in santos["by_kind_and_channel"]}
    assert pairs[("preliminary", "counter")] == 3
    assert pairs[("preliminary", "web")] == 1
    assert other_year["total"] == 0
    assert future.status_code == 400
    assert list(future.json()) == ["year"]


def test_the_registry_page_shows_this_year_s_atendimentos(known_set, procon, public_client):
    from django.utils import timezone

    _in_february(timezone.localdate().year)
    page = public_client.get("/reclamacoes-fundamentadas/").content.decode()
    santos = host_client(procon.host).get("/reclamacoes-fundamentadas/").content.decode()

    assert 'data-total="11"' in page
    assert 'data-testid="registry-kind-guidance">4<' in page
    assert f'data-testid="registry-atendimentos-{procon.slug}"' in page
    assert 'data-total="10"' in santos
    assert 'data-testid="registry-kind-referral">2<' in santos
    assert 'data-testid="registry-atendimentos-per-procon"' not in santos
