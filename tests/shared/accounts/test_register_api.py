"""The sign-up and e-mail confirmation API: JSON in, 201 or 400s naming the field."""

import pytest
from validate_docbr import CPF

from shared.accounts.models import User
from shared.accounts.verification import make_token
from tests.conftest import host_client
from tests.factories import ConsumerFactory
from tests.support.mail import public_emails

pytestmark = pytest.mark.django_db

PASSWORD = "uma senha bem comprida 2026"


def _post(client, path: str, data: dict):
    return client.post(path, data, content_type="application/json")


def _payload(**overrides: str) -> dict[str, str]:
    return {
        "full_name": "Carla Dias",
        "cpf": CPF().generate(mask=True),
        "email": "carla@exemplo.test",
        "password": PASSWORD,
        **overrides,
    }


@pytest.mark.parametrize("host", ["localhost", "santos.localhost"])
def test_register_answers_201_with_the_new_account(host: str, procon) -> None:
    response = _post(host_client(host), "/api/v1/accounts/register/", _payload())
    assert response.status_code == 201
    user = User.objects.get(email="carla@exemplo.test")
    assert response.json() == {"id": user.pk, "email": user.email, "full_name": "Carla Dias"}
    assert len(public_emails(f"verify-email:{user.pk}:")) == 1


def test_register_400_names_each_bad_field(procon) -> None:
    ConsumerFactory(email="carla@exemplo.test")
    response = _post(
        host_client(procon.host),
        "/api/v1/accounts/register/",
        {"cpf": "123", "email": "Carla@Exemplo.test", "password": PASSWORD},
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"full_name", "cpf"}
    assert body["full_name"] == ["Este campo é obrigatório."]
    assert body["cpf"] == ["Informe um CPF válido."]


def test_register_refuses_a_taken_email_or_cpf_naming_the_field(procon) -> None:
    owner = ConsumerFactory(email="carla@exemplo.test")
    client = host_client(procon.host)
    assert list(
        _post(client, "/api/v1/accounts/register/", _payload(email="CARLA@exemplo.test")).json()
    ) == ["email"]
    taken_cpf = _post(
        client, "/api/v1/accounts/register/", _payload(email="outra@exemplo.test", cpf=owner.cpf)
    )
    assert taken_cpf.status_code == 400
    assert list(taken_cpf.json()) == ["cpf"]
    assert User.objects.filter(email="outra@exemplo.test").exists() is False


def test_register_refuses_a_weak_password_naming_the_field(procon) -> None:
    response = _post(
        host_client(procon.host), "/api/v1/accounts/register/", _payload(password="carla")
    )
    assert response.status_code == 400
    assert list(response.json()) == ["password"]


def test_verify_email_confirms_with_a_valid_token_and_names_the_field_otherwise(procon) -> None:
    user = ConsumerFactory()
    User.objects.filter(pk=user.pk).update(email_verified_at=None)
    client = host_client(procon.host)

    refused = _post(client, "/api/v1/accounts/verify-email/", {"token": "nao-e-um-token"})
    assert refused.status_code == 400
    assert list(refused.json()) == ["token"]

    accepted = _post(
        client,
        "/api/v1/accounts/verify-email/",
        {"token": make_token(user_id=user.pk, email=user.email)},
    )
    assert accepted.status_code == 200
    assert accepted.json()["id"] == user.pk
    assert accepted.json()["email_verified_at"] is not None


def test_the_schema_documents_both_operations(procon) -> None:
    client = host_client(procon.host)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/api/v1/accounts/register/" in schema
    assert "/api/v1/accounts/verify-email/" in schema
    assert "Create a consumer account" in schema
    # the same operation, described in Portuguese for a Portuguese reader
    schema_pt = client.get("/api/v1/schema/", HTTP_ACCEPT_LANGUAGE="pt-br").content.decode()
    assert "Create a consumer account" not in schema_pt
