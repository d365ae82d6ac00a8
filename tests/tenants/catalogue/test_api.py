"""GET /api/v1/catalogue/: public, this Procon's active entries, grouped."""

import pytest
from django_tenants.utils import tenant_context

from tenants.catalogue.actions import do_add_subject, do_set_subject_active
from tenants.catalogue.models import Subject, SubjectArea
from tests.tenants.queries import data_queries

pytestmark = pytest.mark.django_db

PHONES = "Produtos de Telefonia e Informática"


def _names(body: dict, key: str, children: str) -> dict[str, list[str]]:
    return {group["name"]: [c["name"] for c in group[children]] for group in body[key]}


def test_anyone_reads_the_catalogue_grouped(procon_client) -> None:
    response = procon_client.get("/api/v1/catalogue/")
    assert response.status_code == 200
    body = response.json()
    subjects = _names(body, "subject_areas", "subjects")
    problems = _names(body, "problem_groups", "problems")
    # 13 areas, 91 subjects as published; 8 duplicates merged (data/subject_merges.csv) leave
    # the area Habitação without subjects, so it is not listed.
    assert len(subjects) == 12
    assert "Habitação" not in subjects
    assert sum(len(names) for names in subjects.values()) == 83
    assert "Aparelho celular" in subjects["Produtos de Telefonia e Informática"]
    assert len(problems) == 7
    assert sum(len(names) for names in problems.values()) == 130
    assert [c["name"] for c in body["purchase_channels"]][:2] == ["Telefone", "Internet"]
    assert set(body["subject_areas"][0]) == {"id", "name", "subjects"}


def test_a_subject_deactivated_in_santos_still_shows_in_campinas(
    procon, procon_client, other_procon_client
) -> None:
    with tenant_context(procon):
        do_set_subject_active(
            Subject.objects.get(area__name=PHONES, name="Aparelho celular"), active=False
        )
    santos = _names(procon_client.get("/api/v1/catalogue/").json(), "subject_areas", "subjects")
    campinas = _names(
        other_procon_client.get("/api/v1/catalogue/").json(), "subject_areas", "subjects"
    )
    area = PHONES
    assert "Aparelho celular" not in santos[area]
    assert "Aparelho celular" in campinas[area]


def test_the_catalogue_reads_a_fixed_number_of_queries(procon, procon_client) -> None:
    procon_client.get("/api/v1/catalogue/")  # the process learns the host's Procon
    with data_queries() as before:
        procon_client.get("/api/v1/catalogue/")
    with tenant_context(procon):
        for n in range(5):
            do_add_subject(area=SubjectArea.objects.first(), name=f"Novo assunto {n}")
    with data_queries() as after:
        procon_client.get("/api/v1/catalogue/")
    catalogue_reads = [sql for sql in after if "catalogue_" in sql]
    assert len(catalogue_reads) == 3, catalogue_reads
    assert len(after) == len(before)
