"""A consumer creates an account on any host; what is refused stores nothing."""

import pytest
from validate_docbr import CPF

from shared.accounts.models import User
from shared.documents import format_cpf
from tests.conftest import host_client
from tests.factories import ConsumerFactory
from tests.support.mail import public_emails

pytestmark = pytest.mark.django_db

PASSWORD = "uma senha bem comprida 2026"


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "full_name": "Maria da Silva",
        "cpf": format_cpf(CPF().generate()),
        "email": "maria.silva@exemplo.test",
        "phone": "(13) 99999-0000",
        "password": PASSWORD,
        "password_confirmation": PASSWORD,
    }
    return {**data, **overrides}


def test_a_consumer_registers_on_a_procon_host_and_is_logged_in(procon) -> None:
    # given
    client = host_client(procon.host)
    data = _form()

    # when
    response = client.post("/cadastro/", data)

    # then
    assert response.status_code == 302
    assert response["Location"] == "/cadastro/confirme-seu-email/"
    user = User.objects.get(email="maria.silva@exemplo.test")
    assert user.cpf == data["cpf"].replace(".", "").replace("-", "")
    assert user.full_name == "Maria da Silva"
    assert user.phone == "(13) 99999-0000"
    assert user.email_verified_at is None
    assert user.check_password(PASSWORD)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b'data-testid="verify-email-pending"' in page.content
    assert client.get("/api/v1/me/").json()["email"] == user.email


def test_registration_works_on_the_platform_host_too(public_client) -> None:
    response = public_client.post("/cadastro/", _form(email="Joao@Exemplo.test"))
    assert response.status_code == 302
    assert User.objects.filter(email="joao@exemplo.test").exists()


def test_the_phone_is_optional(procon) -> None:
    response = host_client(procon.host).post("/cadastro/", _form(phone=""))
    assert response.status_code == 302
    assert User.objects.get(email="maria.silva@exemplo.test").phone == ""


def test_the_registration_page_has_only_the_consumers_fields(procon) -> None:
    form = host_client(procon.host).get("/cadastro/").context["form"]
    assert list(form.fields) == [
        "full_name",
        "cpf",
        "email",
        "phone",
        "password",
        "password_confirmation",
    ]


def _refused(client, data: dict[str, str]) -> dict[str, list[str]]:
    users_before = User.objects.count()
    response = client.post("/cadastro/", data)
    assert response.status_code == 200
    assert User.objects.count() == users_before
    assert public_emails("verify-email:") == []
    assert "_auth_user_id" not in client.session
    return response.context["form"].errors


def test_an_invalid_cpf_is_a_field_error_in_portuguese(procon) -> None:
    errors = _refused(host_client(procon.host), _form(cpf="111.111.111-11"))
    assert list(errors) == ["cpf"]
    assert errors["cpf"] == ["Informe um CPF válido."]


def test_a_taken_cpf_is_a_field_error_that_does_not_say_whose_it_is(procon) -> None:
    # given an account with this CPF
    owner = ConsumerFactory(full_name="Dona do CPF", email="dona@exemplo.test")

    # when someone else registers with it, formatted differently
    client = host_client(procon.host)
    users_before = User.objects.count()
    response = client.post("/cadastro/", _form(cpf=format_cpf(owner.cpf)))

    # then
    assert User.objects.count() == users_before
    form = response.context["form"]
    assert list(form.errors) == ["cpf"]
    assert form.errors.as_data()["cpf"][0].code == "cpf_taken"
    body = response.content.decode()
    assert owner.email not in body
    assert owner.full_name not in body


def test_an_email_taken_in_another_case_is_a_field_error(procon) -> None:
    ConsumerFactory(email="maria.silva@exemplo.test")
    errors = _refused(host_client(procon.host), _form(email="MARIA.Silva@Exemplo.TEST"))
    assert list(errors) == ["email"]
    assert errors.as_data()["email"][0].code == "email_taken"


def test_a_password_confirmation_that_differs_is_a_field_error(procon) -> None:
    errors = _refused(host_client(procon.host), _form(password_confirmation="outra senha 2026"))
    assert list(errors) == ["password_confirmation"]
    assert errors["password_confirmation"] == [
        "As senhas informadas nos dois campos não são iguais."
    ]


def test_a_weak_password_is_refused_by_djangos_validators(procon) -> None:
    errors = _refused(
        host_client(procon.host), _form(password="12345", password_confirmation="12345")
    )
    assert list(errors) == ["password"]
    assert (
        "Esta senha é muito curta. Ela precisa conter pelo menos 8 caracteres."
        in errors["password"]
    )


def test_missing_fields_are_named(procon) -> None:
    errors = _refused(host_client(procon.host), {})
    assert set(errors) == {"full_name", "cpf", "email", "password", "password_confirmation"}
    assert errors["cpf"] == ["Este campo é obrigatório."]


def test_a_logged_in_person_is_sent_home_from_the_registration_page(procon) -> None:
    client = host_client(procon.host)
    client.force_login(ConsumerFactory())
    response = client.get("/cadastro/")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_login_page_and_the_header_link_to_registration_and_password_reset(procon) -> None:
    page = host_client(procon.host).get("/entrar/").content.decode()
    assert 'href="/cadastro/" data-testid="create-account"' in page
    assert 'href="/senha/recuperar/" data-testid="forgot-password"' in page
    assert 'href="/cadastro/" data-testid="header-create-account"' in page
