"""The catalogue pages: the Procon administrator curates its own catalogue only."""

import pytest
from django_tenants.utils import tenant_context

from tenants.catalogue.models import Problem, Subject

pytestmark = pytest.mark.django_db

PHONES = "Produtos de Telefonia e Informática"


def _subject(procon, name: str = "Aparelho celular") -> Subject:
    with tenant_context(procon):
        return Subject.objects.select_related("area").get(area__name=PHONES, name=name)


def test_the_page_lists_subjects_problems_and_channels(santos_admin_client, procon) -> None:
    page = santos_admin_client.get("/configuracoes/catalogo/").content.decode()
    subject = _subject(procon)
    assert f'data-testid="subject-{subject.pk}" data-active="true"' in page
    assert page.count('data-testid="subject-area"') == 12
    assert page.count('data-testid="problem-group"') == 7
    assert "Aparelho celular" in page
    assert 'data-testid="purchase-channels"' in page


def test_deactivating_a_subject_in_santos_leaves_campinas_alone(
    santos_admin_client, procon, other_procon
) -> None:
    subject = _subject(procon)
    # when
    response = santos_admin_client.post(
        f"/configuracoes/catalogo/assuntos/{subject.pk}/ativo/", {"active": "false"}
    )
    # then
    assert response.status_code == 302
    assert response["Location"].endswith(f"#subject-{subject.pk}")
    assert _subject(procon).active is False
    assert _subject(other_procon).active is True
    page = santos_admin_client.get("/configuracoes/catalogo/").content.decode()
    assert f'data-testid="subject-{subject.pk}" data-active="false"' in page
    # and asking for the same state again changes nothing more
    santos_admin_client.post(
        f"/configuracoes/catalogo/assuntos/{subject.pk}/ativo/", {"active": "false"}
    )
    assert _subject(procon).active is False
    santos_admin_client.post(
        f"/configuracoes/catalogo/assuntos/{subject.pk}/ativo/", {"active": "true"}
    )
    assert _subject(procon).active is True


def test_a_problem_is_deactivated(santos_admin_client, procon) -> None:
    with tenant_context(procon):
        problem = Problem.objects.order_by("pk").first()
    response = santos_admin_client.post(
        f"/configuracoes/catalogo/problemas/{problem.pk}/ativo/", {"active": "false"}
    )
    assert response.status_code == 302
    with tenant_context(procon):
        problem.refresh_from_db()
    assert problem.active is False


@pytest.mark.parametrize(
    ("who", "active"),
    [
        pytest.param("santos_admin_client", "maybe", id="a-state-that-is-not-true-or-false"),
        pytest.param("santos_attendant_client", "false", id="an-attendant-deactivating"),
    ],
)
def test_the_subject_stays_active_and_the_answer_is_404_to(
    request, procon, who: str, active: str
) -> None:
    subject = _subject(procon)
    response = request.getfixturevalue(who).post(
        f"/configuracoes/catalogo/assuntos/{subject.pk}/ativo/", {"active": active}
    )
    assert response.status_code == 404
    assert _subject(procon).active is True


def test_the_administrator_adds_a_subject_to_santos_only(
    santos_admin_client, procon, other_procon
) -> None:
    area = _subject(procon).area
    response = santos_admin_client.post(
        "/configuracoes/catalogo/assuntos/novo/", {"area": area.pk, "name": "Smartwatch"}
    )
    assert response.status_code == 302
    with tenant_context(procon):
        assert Subject.objects.filter(area=area, name="Smartwatch", active=True).exists()
    with tenant_context(other_procon):
        assert not Subject.objects.filter(name="Smartwatch").exists()


def test_the_administrator_adds_a_problem(santos_admin_client, procon) -> None:
    with tenant_context(procon):
        group = Problem.objects.order_by("pk").first().group
    response = santos_admin_client.post(
        "/configuracoes/catalogo/problemas/novo/",
        {"group": group.pk, "name": "Cobrança de taxa de boleto"},
    )
    assert response.status_code == 302
    with tenant_context(procon):
        assert Problem.objects.filter(group=group, name="Cobrança de taxa de boleto").exists()


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({}, {"area", "name"}),
        ({"area": "999999", "name": "X"}, {"area"}),
        ({"area": "same", "name": "aparelho CELULAR"}, {"name"}),
    ],
)
def test_a_bad_subject_shows_the_field_errors(santos_admin_client, procon, data, fields) -> None:
    if data.get("area") == "same":
        data = {**data, "area": _subject(procon).area_id}
    response = santos_admin_client.post("/configuracoes/catalogo/assuntos/novo/", data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == fields
    assert b'data-testid="form-errors"' in response.content


def test_a_bad_problem_shows_the_field_errors(santos_admin_client) -> None:
    response = santos_admin_client.post("/configuracoes/catalogo/problemas/novo/", {"name": ""})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"group", "name"}
