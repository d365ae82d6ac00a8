"""Duplicate subjects merged: the data migration for the duplicates consumidor.gov.br's data has
(an older schema seeded with them), and the administrator's page and API that merge subject X
into Y; complaints re-pointed, their index rows rewritten, the duplicate removed."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django_tenants.utils import tenant_context

from shared.caseindex.models import CaseIndexEntry
from tenants.catalogue.actions import do_add_subject
from tenants.catalogue.hierarchy import problems_for
from tenants.catalogue.merge import duplicate_subjects, name_key
from tenants.catalogue.models import Problem, Subject, SubjectArea
from tenants.complaints.models import Complaint
from tests.support.clients import post_json
from tests.tenants.complaints.factories import file_complaint

pytestmark = pytest.mark.django_db

FINANCE = "Serviços Financeiros"
CONSORTIUM = "Consórcio de Imóveis"
# Recorded under Habitação's Consórcio de Imóveis only (hand-checked in the CSV): one of the 3
# problems the kept subject gains (12 of its own, 15 after the merge).
HOUSING_ONLY = "Cobrança submetendo a ofensa, constrangimento ou ameaça"
MIGRATION = "tenants.catalogue.migrations.0005_link_problems_merge_duplicates"


class _SchemaEditor:
    connection = connection


def _index(procon, complaint: Complaint) -> CaseIndexEntry:
    return CaseIndexEntry.objects.get(procon=procon, kind="complaint", number=complaint.number)


def test_names_equal_but_for_case_accents_and_spaces_are_duplicates(procon) -> None:
    assert name_key(" Aparelho  CELULAR ") == name_key("aparelho celular")
    assert name_key("Água, Energia") == name_key("agua energia")
    with tenant_context(procon):
        kept = Subject.objects.get(area__name=FINANCE, name="Seguro Viagem")
        copy = do_add_subject(area=kept.area, name="seguro  viágem")
        assert [
            (k.pk, [o.pk for o in others])
            for k, others in duplicate_subjects(list(Subject.objects.all()))
        ] == [(kept.pk, [copy.pk])]


def test_the_migration_merges_the_datas_duplicates_of_an_older_schema(procon) -> None:
    with tenant_context(procon):
        # given a schema seeded before the merge: Habitação's copy of the subject, in use
        housing = SubjectArea.objects.create(name="Habitação")
        copy = Subject.objects.create(area=housing, name=CONSORTIUM)
        copy.problems.add(Problem.objects.get(name=HOUSING_ONLY))
        complaint = file_complaint(subject=copy, problem=Problem.objects.get(name=HOUSING_ONLY))
        assert _index(procon, complaint).subject_area == "Habitação"
        # when the migration runs
        importlib.import_module(MIGRATION).forwards(apps, _SchemaEditor())
        # then
        kept = Subject.objects.get(area__name=FINANCE, name=CONSORTIUM)
        complaint.refresh_from_db()
        assert complaint.subject_id == kept.pk
        assert not Subject.objects.filter(pk=copy.pk).exists()
        assert not SubjectArea.objects.filter(name="Habitação").exists()
        # its 12 and the 3 the data records only under the copy (which the migration relates
        # to it before merging)
        assert problems_for(kept).count() == 15
        assert Problem.objects.get(name=HOUSING_ONLY) in problems_for(kept)
        entry = _index(procon, complaint)
        assert (entry.subject, entry.subject_area, entry.subject_code) == (
            CONSORTIUM,
            FINANCE,
            kept.sindec_code,
        )
        assert entry.problem_code == complaint.problem.sindec_code_under(kept)
        # and running it again changes nothing
        importlib.import_module(MIGRATION).forwards(apps, _SchemaEditor())
        assert Subject.objects.count() == 83


def _duplicate(procon) -> tuple[Subject, Subject, Complaint]:
    with tenant_context(procon):
        kept = Subject.objects.get(area__name=FINANCE, name=CONSORTIUM)
        copy = do_add_subject(area=kept.area, name="Consórcios de imóveis")
        complaint = file_complaint(subject=copy, problem=problems_for(copy).first())
    return kept, copy, complaint


def test_the_administrator_merges_a_subject_into_another(procon, santos_admin_client) -> None:
    kept, copy, complaint = _duplicate(procon)
    url = f"/configuracoes/catalogo/assuntos/{copy.pk}/unir/"
    assert santos_admin_client.get(url).status_code == 200
    # a post without the confirmation merges nothing
    assert santos_admin_client.post(url, {"into": kept.pk}).status_code == 400
    # when
    response = santos_admin_client.post(url, {"into": kept.pk, "confirm": "on"})
    # then
    assert response.status_code == 302
    assert response["Location"].endswith(f"#subject-{kept.pk}")
    with tenant_context(procon):
        complaint.refresh_from_db()
        assert complaint.subject_id == kept.pk
        assert not Subject.objects.filter(pk=copy.pk).exists()
    assert _index(procon, complaint).subject == CONSORTIUM


def test_the_api_merges_and_refuses_a_subject_into_itself(procon, santos_admin_client) -> None:
    kept, copy, complaint = _duplicate(procon)
    itself = post_json(
        santos_admin_client, f"/api/v1/catalogue/subjects/{copy.pk}/merge/", {"into_id": copy.pk}
    )
    assert itself.status_code == 400
    assert set(itself.json()) == {"into_id"}
    response = post_json(
        santos_admin_client, f"/api/v1/catalogue/subjects/{copy.pk}/merge/", {"into_id": kept.pk}
    )
    assert response.status_code == 200
    assert response.json() == {"id": kept.pk, "name": CONSORTIUM, "area": FINANCE}
    with tenant_context(procon):
        complaint.refresh_from_db()
    assert complaint.subject_id == kept.pk
    assert _index(procon, complaint).subject == CONSORTIUM


def test_only_the_administrator_merges(procon, santos_attendant_client) -> None:
    kept, copy, _complaint = _duplicate(procon)
    page = santos_attendant_client.post(
        f"/configuracoes/catalogo/assuntos/{copy.pk}/unir/", {"into": kept.pk, "confirm": "on"}
    )
    api = post_json(
        santos_attendant_client,
        f"/api/v1/catalogue/subjects/{copy.pk}/merge/",
        {"into_id": kept.pk},
    )
    assert (page.status_code, api.status_code) == (404, 404)
    with tenant_context(procon):
        assert Subject.objects.filter(pk=copy.pk).exists()


def test_the_catalogue_page_lists_possible_duplicates(procon, santos_admin_client) -> None:
    with tenant_context(procon):
        kept = Subject.objects.get(area__name=FINANCE, name="Seguro Viagem")
        copy = do_add_subject(area=kept.area, name="SEGURO  VIAGEM")
    page = santos_admin_client.get("/configuracoes/catalogo/").content.decode()
    assert 'data-testid="duplicate-subjects"' in page
    assert f"/configuracoes/catalogo/assuntos/{copy.pk}/unir/" in page
