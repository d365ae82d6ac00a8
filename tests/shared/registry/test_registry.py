"""The registry of founded complaints: figures per company checked against a hand-counted set,
its page, CSV, JSON and SINDEC files, on a Procon's host and state-wide on the platform's host."""

import csv
import io
import json

import pytest
from django.utils import timezone

from shared.caseindex.models import CaseIndexEntry
from shared.registry.actions import do_refresh_registry_rollup
from shared.registry.renderers import SINDEC_COLUMNS, SINDEC_EMPTY_COLUMNS
from shared.registry.selectors import registry_rows, registry_years
from shared.registry.tasks import rebuild_sindec_file
from tests.conftest import host_client
from tests.factories import CompanyFactory
from tests.shared.registry.helpers import index_case, utc

pytestmark = pytest.mark.django_db

MET, NOT_MET = "founded_met", "founded_not_met"


@pytest.fixture
def seeded(procon, other_procon):
    """2019, hand-counted:
    Santos:   A met 2 (one at 23:00 on 31 Dec in São Paulo), not met 1; B not met 1;
              A not founded 1 and withdrawn 1 (not in the registry); A met on 31 Dec 2018 at
              22:00 in São Paulo (01:00 UTC on 1 Jan 2019: belongs to 2018).
    Campinas: A met 1; C not met 2.
    State-wide: A 3 met / 1 not met, B 0/1, C 0/2.
    """
    a = CompanyFactory(legal_name="Alfa Telecomunicações S.A.", trade_name="Alfa")
    b = CompanyFactory(legal_name="Beta Varejo Ltda", trade_name="Beta")
    c = CompanyFactory(legal_name="Gama Energia S.A.", trade_name="Gama")
    index_case(procon, a, closed_at=utc(2019, 3, 1, 12), classification=MET)
    index_case(procon, a, closed_at=utc(2020, 1, 1, 2), classification=MET)
    index_case(procon, a, closed_at=utc(2019, 5, 1, 12), classification=NOT_MET)
    index_case(procon, b, closed_at=utc(2019, 7, 1, 12), classification=NOT_MET)
    index_case(procon, a, closed_at=utc(2019, 8, 1, 12), classification="not_founded")
    index_case(procon, a, closed_at=utc(2019, 8, 2, 12), classification="withdrawn")
    index_case(procon, a, closed_at=utc(2019, 1, 1, 1), classification=MET)
    index_case(other_procon, a, closed_at=utc(2019, 9, 1, 12), classification=MET)
    index_case(other_procon, c, closed_at=utc(2019, 10, 1, 12), classification=NOT_MET)
    index_case(other_procon, c, closed_at=utc(2019, 11, 1, 12), classification=NOT_MET)
    do_refresh_registry_rollup()  # what the beat task runs: the pages read its figures
    return a, b, c


def _figures(rows) -> dict[str, tuple[int, int]]:
    return {row.cnpj: (row.founded_met, row.founded_not_met) for row in rows}


def test_state_wide_and_per_procon_figures_match_the_hand_counted_set(seeded, procon) -> None:
    a, b, c = seeded

    assert _figures(registry_rows(procon=None, year=2019)) == {
        a.cnpj: (3, 1),
        b.cnpj: (0, 1),
        c.cnpj: (0, 2),
    }
    assert _figures(registry_rows(procon=procon, year=2019)) == {a.cnpj: (2, 1), b.cnpj: (0, 1)}
    assert _figures(registry_rows(procon=procon, year=2018)) == {a.cnpj: (1, 0)}
    assert 2019 in registry_years(procon=procon)


def test_search_by_name_or_cnpj_and_sort(seeded) -> None:
    a, b, c = seeded

    assert [r.cnpj for r in registry_rows(procon=None, year=2019, q="gama")] == [c.cnpj]
    assert [r.cnpj for r in registry_rows(procon=None, year=2019, q=a.cnpj[:8])] == [a.cnpj]
    assert [r.cnpj for r in registry_rows(procon=None, year=2019, sort="not_met")] == [
        c.cnpj,
        a.cnpj,
        b.cnpj,
    ]
    assert [r.cnpj for r in registry_rows(procon=None, year=2019, sort="name")] == [
        a.cnpj,
        b.cnpj,
        c.cnpj,
    ]


def test_the_public_host_page_shows_the_state_wide_registry(seeded, public_client) -> None:
    a, _b, c = seeded

    response = public_client.get("/reclamacoes-fundamentadas/?year=2019&sort=total")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-cnpj="{a.cnpj}" data-met="3" data-not-met="1"' in html
    assert f'data-cnpj="{c.cnpj}" data-met="0" data-not-met="2"' in html
    assert 'data-companies="3" data-met="3" data-not-met="4"' in html


def test_a_procon_host_shows_only_its_own_registry(seeded, procon_client) -> None:
    a, _b, c = seeded

    html = procon_client.get("/reclamacoes-fundamentadas/?year=2019").content.decode()

    assert f'data-cnpj="{a.cnpj}" data-met="2" data-not-met="1"' in html
    assert c.cnpj not in html


def test_bad_filters_fall_back_and_an_unknown_year_is_404(seeded, public_client) -> None:
    assert public_client.get("/reclamacoes-fundamentadas/?year=abc&sort=x").status_code == 200
    assert public_client.get("/reclamacoes-fundamentadas/1900.csv").status_code == 404
    assert public_client.get("/reclamacoes-fundamentadas/2999.json").status_code == 404


def test_csv_and_json_carry_the_same_figures(seeded, procon_client) -> None:
    a, b, _c = seeded

    response = procon_client.get("/reclamacoes-fundamentadas/2019.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode()), delimiter=";"))
    assert {
        r["NumeroCNPJ"]: (r["FundamentadasAtendidas"], r["FundamentadasNaoAtendidas"]) for r in rows
    } == {
        a.cnpj: ("2", "1"),
        b.cnpj: ("0", "1"),
    }

    data = json.loads(procon_client.get("/reclamacoes-fundamentadas/2019.json").content)
    assert data["year"] == 2019
    assert data["frozen"] is False
    assert {
        r["cnpj"]: (r["founded_met"], r["founded_not_met"], r["total"]) for r in data["rows"]
    } == {
        a.cnpj: (2, 1, 3),
        b.cnpj: (0, 1, 1),
    }


def test_sindec_layout_has_23_columns_one_line_per_founded_case(seeded, public_client) -> None:
    a, b, c = seeded

    response = public_client.get("/reclamacoes-fundamentadas/2019.csv?layout=sindec")

    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == SINDEC_COLUMNS
    assert len(SINDEC_COLUMNS) == 23
    lines = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert len(lines) == 7
    assert sorted((line["NumeroCNPJ"], line["Atendida"]) for line in lines) == sorted(
        [(a.cnpj, "S")] * 3 + [(a.cnpj, "N"), (b.cnpj, "N"), (c.cnpj, "N"), (c.cnpj, "N")]
    )
    assert {line["UF"] for line in lines} == {"SP"}
    assert {line["RadicalCNPJ"] for line in lines if line["NumeroCNPJ"] == a.cnpj} == {a.cnpj[:8]}
    for column in SINDEC_EMPTY_COLUMNS:
        assert {line[column] for line in lines} == {""}, column


def test_the_api_answers_the_registry_and_names_a_bad_year(seeded, public_client, procon) -> None:
    a, b, c = seeded

    state = public_client.get("/api/v1/registry/?year=2019&sort=not_met")
    santos = host_client(procon.host).get("/api/v1/registry/?year=2019&q=beta")
    bad = public_client.get("/api/v1/registry/?year=1800")
    missing = public_client.get("/api/v1/registry/")

    assert state.status_code == 200
    assert state.json()["scope"] == "state"
    assert [(r["cnpj"], r["founded_met"], r["founded_not_met"]) for r in state.json()["rows"]] == [
        (c.cnpj, 0, 2),
        (a.cnpj, 3, 1),
        (b.cnpj, 0, 1),
    ]
    assert [r["cnpj"] for r in santos.json()["rows"]] == [b.cnpj]
    assert santos.json()["scope"] == procon.slug
    assert bad.status_code == 400
    assert "year" in bad.json()
    assert missing.status_code == 400
    assert "year" in missing.json()
    assert public_client.get("/api/v1/registry/publications/").json() == []


def test_a_refresh_moves_a_reclassified_company_out_of_both_registries(
    seeded, other_procon, public_client
) -> None:
    a, b, c = seeded
    # given Campinas reclassifies C's two founded cases as not founded
    CaseIndexEntry.objects.filter(procon=other_procon, company=c).update(
        classification="not_founded", updated_at=timezone.now()
    )

    def state_wide() -> dict[str, tuple[int, int]]:
        data = json.loads(public_client.get("/reclamacoes-fundamentadas/2019.json").content)
        return {r["cnpj"]: (r["founded_met"], r["founded_not_met"]) for r in data["rows"]}

    # then the pages keep the computed figures until the next refresh
    assert state_wide()[c.cnpj] == (0, 2)
    do_refresh_registry_rollup()
    assert state_wide() == {a.cnpj: (3, 1), b.cnpj: (0, 1)}
    campinas = host_client(other_procon.host).get("/reclamacoes-fundamentadas/2019.json")
    assert [r["cnpj"] for r in json.loads(campinas.content)["rows"]] == [a.cnpj]
    page = public_client.get("/reclamacoes-fundamentadas/?year=2019").content.decode()
    assert 'data-companies="2"' in page


def test_the_state_wide_sindec_file_is_served_as_built_by_the_beat_task(
    seeded, public_client, procon, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    a, _b, _c = seeded
    # given the beat task built 2019's file
    rebuild_sindec_file(2019)

    # when a founded case is reclassified afterwards
    CaseIndexEntry.objects.filter(procon=procon, company=a, classification=MET).update(
        classification="not_founded", updated_at=timezone.now()
    )

    # then the state-wide download is the stored file (7 lines), dated on the page
    response = public_client.get("/reclamacoes-fundamentadas/2019.csv?layout=sindec")
    rows = list(
        csv.reader(io.StringIO(b"".join(response.streaming_content).decode()), delimiter=";")
    )
    assert rows[0] == SINDEC_COLUMNS
    assert len(rows) == 1 + 7
    page = public_client.get("/reclamacoes-fundamentadas/?year=2019").content.decode()
    assert 'data-testid="registry-sindec-generated" data-rows="7"' in page
    # and a Procon's own SINDEC file is built live (Santos now: A not met, B not met)
    santos = host_client(procon.host).get("/reclamacoes-fundamentadas/2019.csv?layout=sindec")
    lines = list(
        csv.reader(io.StringIO(b"".join(santos.streaming_content).decode()), delimiter=";")
    )
    assert len(lines) == 1 + 2
    # and the next build follows the reclassification
    rebuild_sindec_file(2019)
    response = public_client.get("/reclamacoes-fundamentadas/2019.csv?layout=sindec")
    assert len(b"".join(response.streaming_content).decode().strip().split("\r\n")) == 1 + 5


def test_the_page_shows_50_companies_and_the_rest_on_the_next_page(procon, procon_client) -> None:
    for _ in range(52):
        index_case(procon, CompanyFactory(), closed_at=utc(2019, 4, 1, 12), classification=MET)
    do_refresh_registry_rollup()

    first = procon_client.get("/reclamacoes-fundamentadas/?year=2019").content.decode()
    second = procon_client.get("/reclamacoes-fundamentadas/?year=2019&page=2").content.decode()

    assert 'data-companies="52"' in first
    assert first.count('data-testid="registry-row"') == 50
    assert 'data-testid="registry-next"' in first
    assert second.count('data-testid="registry-row"') == 2
