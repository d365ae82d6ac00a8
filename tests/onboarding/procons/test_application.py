"""Sign-up rules: the sub-domain's format, reserved and taken names, one tenant per city."""

import pytest
from django.core.exceptions import ValidationError

from onboarding.procons.actions import do_submit_procon_application
from onboarding.procons.lifecycle import ApplicationStatus
from shared.geo.models import Municipality
from tests.onboarding.procons.helpers import GUARUJA, application_data, verified_application

pytestmark = pytest.mark.django_db


def _codes(exc: pytest.ExceptionInfo[ValidationError], field: str) -> list[str]:
    return [error.code for error in exc.value.error_dict[field]]


@pytest.mark.parametrize(
    ("slug", "code"),
    [
        ("9vidas", "slug_format"),
        ("sao_vicente", "slug_format"),
        ("sao-vicente-", "slug_format"),
        ("www", "slug_reserved"),
        ("adesao", "slug_reserved"),
        ("santos", "slug_taken"),
    ],
)
def test_a_bad_reserved_or_taken_slug_is_a_field_error(procon, slug: str, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        do_submit_procon_application(**application_data(slug=slug))
    assert _codes(exc, "slug") == [code]


def test_a_slug_asked_by_an_open_application_is_taken() -> None:
    verified_application()
    guaruja = Municipality.objects.get(ibge_code=GUARUJA)
    with pytest.raises(ValidationError) as exc:
        do_submit_procon_application(**application_data(municipality=guaruja))
    assert _codes(exc, "slug") == ["slug_taken"]


def test_a_city_with_a_procon_or_an_open_application_is_refused(procon) -> None:
    with pytest.raises(ValidationError) as exc:
        do_submit_procon_application(
            **application_data(municipality=procon.municipality, slug="outro")
        )
    assert _codes(exc, "municipality") == ["city_taken"]
    verified_application()
    with pytest.raises(ValidationError) as exc:
        do_submit_procon_application(**application_data(slug="outro"))
    assert _codes(exc, "municipality") == ["city_taken"]


def test_a_city_of_another_state_is_refused() -> None:
    rio = Municipality.objects.exclude(uf_id=35).first()
    with pytest.raises(ValidationError) as exc:
        do_submit_procon_application(**application_data(municipality=rio))
    assert _codes(exc, "municipality") == ["city_outside_state"]


# What the adhesion form's API takes: a complete, acceptable application.
API_APPLICATION = {
    "municipality_ibge_code": GUARUJA,
    "procon_name": "Procon Guarujá",
    "slug": "guaruja",
    "responsible_name": "João",
    "responsible_email": "joao@guaruja.test",
    "responsible_phone": "(13) 3000-0000",
    "responsible_role": "Diretor",
}


def _apply_by_api(public_client, **changes: object):  # type: ignore[no-untyped-def]
    body = API_APPLICATION | changes
    return public_client.post("/api/v1/procon-applications/", body, content_type="application/json")


def test_the_api_names_the_field(public_client, procon) -> None:
    # a city that has its Procon, a reserved sub-domain and a plan that does not exist
    response = _apply_by_api(
        public_client, municipality_ibge_code=procon.municipality_id, slug="www", plan="nenhum"
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"slug", "municipality", "plan"}


def test_the_api_accepts_an_application(public_client) -> None:
    response = _apply_by_api(public_client)
    assert response.status_code == 201
    assert response.json()["status"] == ApplicationStatus.EMAIL_PENDING


def test_a_forged_status_or_confirmation_link_fails(public_client) -> None:
    assert public_client.get("/adesao/forjado/").status_code == 404
    assert public_client.get("/adesao/confirmar/forjado/").status_code == 400
