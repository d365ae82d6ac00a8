"""A replay of real SINDEC rows (the first 150 of tests/data/README.md's 300: 85 CNPJ roots, 48
subjects, 83 met): each complaint filed by a consumer
through the API against the row's company, accepted, sent, answered, rated and closed as the
row says (Atendida S: founded and met; N: founded, not met); then the open data, the SINDEC
export and the live registry must hold exactly the counts computed from the rows."""

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from kernel.periods import default_period
from portals.supervision.actions import do_refresh_figure_rollup
from portals.supervision.selectors import figures
from shared.accounts.roles import StaffRole
from shared.companies.actions import do_register_company
from shared.companies.models import Company
from shared.registry.actions import (
    do_rebuild_open_data,
    do_rebuild_sindec_file,
    do_refresh_registry_rollup,
)
from shared.registry.renderers import SINDEC_COLUMNS
from tenants.catalogue.actions import do_add_problem, do_add_subject
from tenants.catalogue.models import Problem, ProblemGroup, PurchaseChannel, Subject, SubjectArea
from tests.conftest import host_client
from tests.factories import ConsumerFactory, staff
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import closed_through_the_api

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sindec_cnrf_2017_sp_sample.csv"
# Six API calls a row: the first 150 rows keep the run near two minutes on two cores.
REPLAYED = 150
CONSUMERS = 60


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _rows() -> list[dict[str, str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))[:REPLAYED]


def _catalogue(procon, rows) -> tuple[dict[str, int], dict[str, int], int]:
    """The Procon curates its catalogue with SINDEC's subjects and problems (as a Procon that
    files under SINDEC's codes would)."""
    with tenant_context(procon):
        area, _ = SubjectArea.objects.get_or_create(name="SINDEC")
        group, _ = ProblemGroup.objects.get_or_create(name="SINDEC")
        subjects, problems = {}, {}
        for row in rows:
            name = row["DescricaoAssunto"]
            if name.casefold() not in subjects:
                found = Subject.objects.filter(area=area, name__iexact=name).first()
                subjects[name.casefold()] = (found or do_add_subject(area=area, name=name)).pk
            name = row["DescricaoProblema"]
            if name.casefold() not in problems:
                found = Problem.objects.filter(group=group, name__iexact=name).first()
                problems[name.casefold()] = (found or do_add_problem(group=group, name=name)).pk
        return subjects, problems, PurchaseChannel.objects.first().pk


def _company(row: dict[str, str]) -> Company:
    return Company.objects.filter(cnpj=row["NumeroCNPJ"]).first() or do_register_company(
        cnpj=row["NumeroCNPJ"], legal_name=row["strRazaoSocial"], trade_name=row["strNomeFantasia"]
    )


def test_the_public_files_equal_the_counts_of_the_replayed_rows(procon) -> None:
    rows = _rows()
    assert len(rows) == REPLAYED
    subjects, problems, channel = _catalogue(procon, rows)
    consumers = [logged_in_client(ConsumerFactory(), procon.host) for _ in range(CONSUMERS)]
    attendant = logged_in_client(staff(procon, StaffRole.ATTENDANT), procon.host)

    # when each row is filed, triaged, answered, rated and closed through the API
    for index, row in enumerate(rows):
        consumer = consumers[index % CONSUMERS]
        met = row["Atendida"] == "S"
        closed = closed_through_the_api(
            consumer,
            attendant,
            {
                "company_id": _company(row).pk,
                "subject_id": subjects[row["DescricaoAssunto"].casefold()],
                "problem_id": problems[row["DescricaoProblema"].casefold()],
                "purchase_channel_id": channel,
                "contacted_company_first": True,
                "facts": "Reclamação do Cadastro Nacional de Reclamações Fundamentadas de 2017.",
                "request": "Solução do problema.",
                "lgpd_consent": True,
            },
            classification="founded_met" if met else "founded_not_met",
            answer="Resposta da empresa.",
            satisfaction=2,
        )
        assert closed["status"] == "closed"

    by_root = Counter(row["RadicalCNPJ"] for row in rows)
    met_by_root = Counter(row["RadicalCNPJ"] for row in rows if row["Atendida"] == "S")
    year = timezone.localdate().year

    # then the open data holds every complaint, finalised and rated, one per row
    do_rebuild_open_data(procon=procon)
    body = b"".join(
        host_client(procon.host).get("/dados-abertos/reclamacoes.csv").streaming_content
    ).decode()
    opened = list(csv.DictReader(io.StringIO(body), delimiter=";"))
    assert len(opened) == len(rows)
    assert Counter(row["Situação"] for row in opened) == {"Finalizada avaliada": len(rows)}
    assert Counter(row["Assunto"] for row in opened) == Counter(
        row["DescricaoAssunto"] for row in rows
    )

    # and the SINDEC export, per CNPJ root, met or not, and per SINDEC subject code
    do_rebuild_sindec_file(year=year)
    body = b"".join(
        host_client("localhost")
        .get(f"/reclamacoes-fundamentadas/{year}.csv?layout=sindec")
        .streaming_content
    ).decode()
    sindec = [row for row in csv.DictReader(io.StringIO(body), delimiter=";") if row["UF"] == "SP"]
    assert list(sindec[0]) == SINDEC_COLUMNS
    ours = [row for row in sindec if row["RadicalCNPJ"] in by_root]
    assert Counter(row["RadicalCNPJ"] for row in ours) == by_root
    assert Counter(row["RadicalCNPJ"] for row in ours if row["Atendida"] == "S") == met_by_root
    # SINDEC's code of each subject (a few texts carry two codes: one of them)
    codes_of = {}
    for row in rows:
        codes_of.setdefault(row["DescricaoAssunto"], set()).add(row["CodigoAssunto"])
    assert all(row["CodigoAssunto"] in codes_of[row["DescricaoAssunto"]] for row in ours)
    assert Counter(row["DescricaoAssunto"] for row in ours) == Counter(
        row["DescricaoAssunto"] for row in rows
    )
    assert all(row["CodigoProblema"] for row in ours)
    # each company under the names it came in with (its first row): trade name, else legal
    first = {}
    for row in rows:
        first.setdefault(row["NumeroCNPJ"], row["strNomeFantasia"] or row["strRazaoSocial"])
    assert {row["NumeroCNPJ"]: row["strNomeFantasia"] for row in ours} == first

    # and the live registry of the Procon, once refreshed
    do_refresh_registry_rollup(full=True)
    registry = host_client(procon.host).get(f"/reclamacoes-fundamentadas/{year}.json").json()
    met = Counter()
    total = Counter()
    for entry in registry["rows"]:
        met[entry["cnpj"][:8]] += entry["founded_met"]
        total[entry["cnpj"][:8]] += entry["total"]
    assert {root: total[root] for root in by_root} == dict(by_root)
    assert {root: met[root] for root in met_by_root} == dict(met_by_root)

    # and the supervisor's dashboard, once refreshed (incrementally, from the change log): the
    # Procon's and each company's figures equal the rows' counts
    do_refresh_figure_rollup()
    period = default_period()
    met_count = sum(1 for row in rows if row["Atendida"] == "S")
    shown = figures(period, procon_id=procon.pk)["complaints"]
    assert (shown["filed"], shown["closed"], shown["answers"]["answered"]) == (REPLAYED,) * 3
    assert shown["by_status"] == {"closed": REPLAYED}
    assert (shown["resolution"]["founded_met"], shown["resolution"]["founded_not_met"]) == (
        met_count,
        len(rows) - met_count,
    )
    assert sum(month["filed"] for month in shown["per_month"]) == len(rows)
    by_cnpj = Counter(row["NumeroCNPJ"] for row in rows)
    met_by_cnpj = Counter(row["NumeroCNPJ"] for row in rows if row["Atendida"] == "S")
    for company in Company.objects.filter(cnpj__in=by_cnpj):
        of_company = figures(period, company_id=company.pk)["complaints"]
        assert (of_company["filed"], of_company["resolution"]["founded_met"]) == (
            by_cnpj[company.cnpj],
            met_by_cnpj[company.cnpj],
        ), company.cnpj
