"""The seeded catalogue carries SINDEC's codes (tenants/catalogue/sindec.py): every subject its
closest SINDEC subject and group, every problem its code under each of those subjects; a
complaint filed under them is exported to SINDEC with both codes, in both layouts."""

import csv
import io
from collections import Counter

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from shared.registry.actions import do_rebuild_sindec_file
from shared.registry.renderers import SINDEC_COLUMNS
from tenants.catalogue.models import Problem, PurchaseChannel, Subject
from tenants.catalogue.sindec import (
    GROUP_NAMES,
    SUBJECT_CROSSWALK_CSV,
    apply_codes,
    subject_groups,
)
from tests.conftest import host_client
from tests.factories import CompanyFactory, ConsumerFactory, staff
from tests.tenants.complaints.factories import closed_through_the_api

pytestmark = pytest.mark.django_db


def test_sindec_groups_are_derived_from_the_pairs() -> None:
    groups = subject_groups()
    assert len(groups) == 222  # every SINDEC subject code but NULL
    assert set(groups.values()) == set(GROUP_NAMES.values())
    assert groups["187"] == groups["185"] == "Serviços Essenciais"  # celular, energia
    assert groups["101"] == groups["288"] == "Produtos"
    assert groups["53"] == "Assuntos Financeiros"
    assert groups["233"] == "Serviços Privados"
    assert groups["284"] == "Saúde"


def test_every_seeded_subject_and_problem_has_its_sindec_codes(procon) -> None:
    with open(SUBJECT_CROSSWALK_CSV, encoding="utf-8") as handle:
        assert sum(1 for _ in handle) == 98  # header + the 97 consumidor.gov.br subjects
    with tenant_context(procon):
        subjects = list(Subject.objects.all())
        assert len(subjects) == 83
        assert all(subject.sindec_code and subject.sindec_group for subject in subjects)
        assert Subject.objects.get(name="Telefonia Móvel Pós-paga").sindec_code == "187"
        assert Subject.objects.get(name="Energia Elétrica").sindec_code == "185"
        problems = list(Problem.objects.all())
        assert len(problems) == 130
        assert all(problem.sindec_codes for problem in problems)
        # one code per SINDEC subject: "Produto com vício" is 2502 under Telefone, 2495 under
        # Geladeira e Freezer
        broken = Problem.objects.get(
            name="Produto danificado / não funciona - Dificuldade em trocar ou consertar no"
            " prazo de garantia"
        )
        assert (broken.sindec_codes["101"], broken.sindec_codes["94"]) == ("2502", "2495")


def test_the_codes_are_filled_again_on_a_schema_that_lost_them(procon) -> None:
    # the data migration's path: rows without codes get them
    with tenant_context(procon):
        Subject.objects.update(sindec_code="", sindec_group="")
        Problem.objects.update(sindec_codes={})
        apply_codes(Subject, Problem)
        assert not Subject.objects.filter(sindec_code="").exists()
        assert not Problem.objects.filter(sindec_codes={}).exists()


def test_a_complaint_filed_under_the_seeded_catalogue_is_exported_with_both_codes(
    procon,
) -> None:
    with tenant_context(procon):
        subject = Subject.objects.get(name="Telefonia Móvel Pós-paga")
        problem = Problem.objects.get(name="Cobrança após cancelamento do serviço")
        channel = PurchaseChannel.objects.first()
        assert problem.sindec_codes["187"] == "3746"  # "Cobrança indevida/abusiva" on celular
    company = CompanyFactory(legal_name="TELEFONICA BRASIL S.A.", trade_name="VIVO")
    consumer = host_client(procon.host)
    consumer.force_login(ConsumerFactory())
    attendant = host_client(procon.host)
    attendant.force_login(staff(procon, StaffRole.ATTENDANT))

    closed_through_the_api(
        consumer,
        attendant,
        {
            "company_id": company.pk,
            "subject_id": subject.pk,
            "problem_id": problem.pk,
            "purchase_channel_id": channel.pk,
            "contacted_company_first": True,
            "facts": "Cobrança depois do cancelamento da linha.",
            "request": "Estorno.",
            "lgpd_consent": True,
        },
        classification="founded_not_met",
    )

    year = timezone.localdate().year
    do_rebuild_sindec_file(year=year)
    site = host_client("localhost")
    own = b"".join(
        site.get(f"/reclamacoes-fundamentadas/{year}.csv?layout=sindec").streaming_content
    ).decode()
    row = next(
        r
        for r in csv.DictReader(io.StringIO(own), delimiter=";")
        if r["NumeroCNPJ"] == company.cnpj
    )
    assert (row["CodigoAssunto"], row["CodigoProblema"]) == ("187", "3746")
    assert row["DescricaoAssunto"] == "Telefonia Móvel Pós-paga"

    # the official layout carries the same codes in the same columns
    official = b"".join(
        site.get(f"/reclamacoes-fundamentadas/{year}.csv?layout=sindec-oficial").streaming_content
    ).decode("utf-8-sig")
    cells = next(
        cells for cells in csv.reader(io.StringIO(official), delimiter=";") if company.cnpj in cells
    )
    named = dict(zip(SINDEC_COLUMNS, cells, strict=True))
    assert (named["CodigoAssunto"], named["CodigoProblema"]) == ("187", "3746")
    assert Counter(named[c] for c in ("Tipo",)) == {"1": 1}
