"""The subject catalogue: seeded from consumidor.gov.br in every Procon, curated per Procon."""

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import tenant_context

from shared.procons.models import Procon
from tenants.catalogue.actions import (
    do_add_problem,
    do_add_subject,
    do_seed_catalogue,
    do_set_problem_active,
    do_set_subject_active,
)
from tenants.catalogue.models import Problem, ProblemGroup, PurchaseChannel, Subject, SubjectArea
from tenants.catalogue.selectors import problem_list, purchase_channel_list, subject_list
from tenants.configuration.actions import do_ensure_procon_settings

pytestmark = pytest.mark.django_db

PHONES = "Produtos de Telefonia e Informática"

# 97 published pairs; one area is published in two spellings (6 pairs merge): 91; less the 8
# duplicates data/subject_merges.csv lists.
SUBJECTS = 83
AREAS = 12  # 13 published; Habitação holds only duplicates of Serviços Financeiros' subjects
PROBLEMS = 130
GROUPS = 7
CHANNELS = 8


def _counts() -> tuple[int, ...]:
    """Areas, subjects, problem groups, problems and purchase channels."""
    models = (SubjectArea, Subject, ProblemGroup, Problem, PurchaseChannel)
    return tuple(model.objects.count() for model in models)


@pytest.mark.parametrize("slug", ["sp", "santos", "campinas"])
def test_every_session_procon_has_the_catalogue(slug: str) -> None:
    with tenant_context(Procon.objects.get(slug=slug)):
        assert _counts() == (AREAS, SUBJECTS, GROUPS, PROBLEMS, CHANNELS)
        assert Subject.objects.filter(
            area__name="Produtos de Telefonia e Informática", name="Aparelho celular"
        ).exists()
        assert Problem.objects.filter(
            group__name="Cobrança / Contestação", name__startswith="Cobrança"
        ).exists()
        assert list(purchase_channel_list().values_list("name", flat=True))[:3] == [
            "Telefone",
            "Internet",
            "Loja física",
        ]


def test_seeding_again_adds_nothing_and_keeps_the_procons_changes(procon) -> None:
    with tenant_context(procon):
        subject = Subject.objects.get(area__name=PHONES, name="Aparelho celular")
        do_set_subject_active(subject, active=False)
        # when
        result = do_seed_catalogue()
        do_ensure_procon_settings()
        # then
        assert (result.subjects_added, result.problems_added, result.purchase_channels_added) == (
            0,
            0,
            0,
        )
        assert _counts() == (AREAS, SUBJECTS, GROUPS, PROBLEMS, CHANNELS)
        subject.refresh_from_db()
        assert subject.active is False


def test_ensuring_the_settings_restores_a_missing_catalogue(procon) -> None:
    with tenant_context(procon):
        Subject.objects.filter(area__name="Turismo/Viagens").delete()
        Problem.objects.filter(group__name="Informação").delete()
        do_ensure_procon_settings()
        assert _counts() == (AREAS, SUBJECTS, GROUPS, PROBLEMS, CHANNELS)


def test_deactivating_a_subject_in_one_procon_leaves_another_alone(procon, other_procon) -> None:
    with tenant_context(procon):
        subject = Subject.objects.get(area__name=PHONES, name="Aparelho celular")
        do_set_subject_active(subject, active=False)
        assert not subject_list().filter(area__name=PHONES, name="Aparelho celular").exists()
        assert (
            subject_list(active_only=False)
            .filter(area__name=PHONES, name="Aparelho celular")
            .exists()
        )
    with tenant_context(other_procon):
        assert Subject.objects.get(area__name=PHONES, name="Aparelho celular").active is True
        assert subject_list().filter(area__name=PHONES, name="Aparelho celular").exists()


def test_deactivated_problems_leave_the_offered_list(procon) -> None:
    with tenant_context(procon):
        problem = Problem.objects.order_by("pk").first()
        do_set_problem_active(problem, active=False)
        assert problem not in problem_list()
        assert problem_list().count() == PROBLEMS - 1
        do_set_problem_active(problem, active=True)
        assert problem_list().count() == PROBLEMS


def test_a_subject_is_added_at_the_end_of_its_area(procon, other_procon) -> None:
    with tenant_context(procon):
        area = SubjectArea.objects.get(name="Turismo/Viagens")
        subject = do_add_subject(area=area, name="  Cruzeiros marítimos ")
        assert subject.name == "Cruzeiros marítimos"
        assert list(subject_list().filter(area=area))[-1] == subject
    with tenant_context(other_procon):
        assert not Subject.objects.filter(name="Cruzeiros marítimos").exists()


def test_a_subject_already_in_the_area_is_refused_whatever_the_case(procon) -> None:
    with tenant_context(procon):
        area = Subject.objects.get(area__name=PHONES, name="Aparelho celular").area
        with pytest.raises(ValidationError) as error:
            do_add_subject(area=area, name="APARELHO CELULAR")
    assert "name" in error.value.message_dict


def test_a_problem_already_in_the_group_is_refused(procon) -> None:
    with tenant_context(procon):
        existing = Problem.objects.order_by("pk").first()
        with pytest.raises(ValidationError) as error:
            do_add_problem(group=existing.group, name=existing.name.upper())
        assert "name" in error.value.message_dict
        added = do_add_problem(group=existing.group, name="Cobrança de taxa de boleto")
        assert added.active


def test_an_empty_name_is_refused(procon) -> None:
    with tenant_context(procon), pytest.raises(ValidationError) as error:
        do_add_subject(area=SubjectArea.objects.first(), name="   ")
    assert "name" in error.value.message_dict
