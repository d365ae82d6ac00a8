"""`POST /api/v1/auth/token/`: a person's client gets a token with e-mail, password and, where
the account uses two-step verification, the one-time code; the login page's lockouts apply."""

import pytest
from django.conf import settings
from django.test import Client

from shared.accounts.models import ApiToken
from shared.accounts.roles import StaffRole
from tests.factories import PASSWORD, ConsumerFactory, UserFactory, staff
from tests.support.two_factor import confirmed_device, current_code

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/token/"


def _client(address: str = "203.0.113.70") -> Client:
    return Client(HTTP_HOST="localhost", REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")


def _ask(client: Client, email: str, password: str = PASSWORD, **extra: str):
    return client.post(
        URL, {"email": email, "password": password, **extra}, content_type="application/json"
    )


def test_a_consumer_gets_a_token_shown_once_that_authenticates() -> None:
    consumer = ConsumerFactory()

    response = _ask(_client(), consumer.email, name="meu app")

    assert response.status_code == 201, response.json()
    key = response.json()["key"]
    assert ApiToken.objects.get(pk=response.json()["id"]).name == "meu app"
    me = Client(HTTP_HOST="localhost").get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert me.json()["email"] == consumer.email


def test_a_staff_account_without_the_code_gets_400_naming_otp_and_no_token(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    device = confirmed_device(attendant)

    missing = _ask(_client(), attendant.email)

    assert missing.status_code == 400 and "otp" in missing.json()
    assert not ApiToken.objects.filter(user=attendant).exists()
    # with the code of the authenticator the token is issued
    right = _ask(_client(), attendant.email, otp=current_code(device))
    assert right.status_code == 201, right.json()


def test_a_wrong_code_is_400_naming_otp_and_no_token(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    confirmed_device(attendant)

    wrong = _ask(_client(), attendant.email, otp="000000")

    assert wrong.status_code == 400 and "otp" in wrong.json()
    assert not ApiToken.objects.filter(user=attendant).exists()


def test_a_staff_account_that_never_enrolled_must_enrol_first(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)

    response = _ask(_client(), attendant.email, otp="123456")

    assert response.status_code == 400
    assert "otp" in response.json()
    assert not ApiToken.objects.filter(user=attendant).exists()


def test_an_unconfirmed_account_gets_no_token() -> None:
    person = UserFactory()
    person.email_verified_at = None
    person.save(update_fields=["email_verified_at"])

    response = _ask(_client(), person.email)

    assert response.status_code == 400
    assert not ApiToken.objects.filter(user=person).exists()


def test_a_wrong_password_is_400_without_saying_whether_the_account_exists() -> None:
    consumer = ConsumerFactory()

    wrong = _ask(_client(), consumer.email, password="errada")
    unknown = _ask(_client(), "ninguem@exemplo.test", password="errada")

    assert wrong.status_code == unknown.status_code == 400
    assert wrong.json() == unknown.json()
    assert "non_field_errors" in wrong.json()


def test_guessing_through_the_endpoint_locks_it_and_the_login_page() -> None:
    # given as many wrong passwords from one address as the login page allows
    consumer = ConsumerFactory()
    client = _client("203.0.113.71")
    for _n in range(settings.AXES_FAILURE_LIMIT):
        _ask(client, consumer.email, password="errada")

    # when the right password comes from the same address
    response = _ask(client, consumer.email)

    # then it is refused as a lock, in JSON, and the login page is locked too
    assert response.status_code == 429
    assert response.json()["code"] == "login_locked"
    assert int(response["Retry-After"]) > 0
    assert not ApiToken.objects.filter(user=consumer).exists()
    page = client.post("/entrar/", {"username": consumer.email, "password": PASSWORD})
    assert page.status_code == 429
    # another address is not locked
    assert _ask(_client("198.51.100.71"), consumer.email).status_code == 201


def test_a_staff_account_is_locked_against_guesses_from_rotating_addresses(
    procon, account_limit
) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    device = confirmed_device(attendant)
    for n in range(account_limit):
        _ask(_client(f"198.51.100.{n + 80}"), attendant.email, password="errada")

    response = _ask(_client("192.0.2.80"), attendant.email, otp=current_code(device))

    assert response.status_code == 429
    assert not ApiToken.objects.filter(user=attendant).exists()
