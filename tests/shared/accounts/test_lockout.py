"""Login throttling (django-axes): wrong passwords for one e-mail from one address lock that pair
for a while; other addresses and API tokens are unaffected; an operator unlocks."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from shared.accounts.actions import do_issue_api_token
from shared.accounts.roles import StaffRole
from tests.factories import PASSWORD, ConsumerFactory, staff

pytestmark = pytest.mark.django_db


def _attempt(client: Client, email: str, password: str):
    return client.post("/entrar/", {"username": email, "password": password})


def _lock(client: Client, email: str) -> None:
    """The limit-th wrong password is already answered with the lock."""
    statuses = [
        _attempt(client, email, "senha errada").status_code
        for _n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]


def test_too_many_wrong_passwords_lock_the_email_from_that_address(procon) -> None:
    # given a consumer whose password was guessed wrong five times from one address
    consumer = ConsumerFactory()
    client = Client(HTTP_HOST=procon.host, REMOTE_ADDR="203.0.113.7")
    _lock(client, consumer.email)

    # when the right password is tried from there
    response = _attempt(client, consumer.email, PASSWORD)

    # then the login page explains the lock, with 429, and no session is opened
    assert response.status_code == 429
    assert b'data-testid="login-locked"' in response.content
    assert b'name="username"' in response.content
    assert "_auth_user_id" not in client.session
    # and the attempts are counted in the database, which every web process shares
    attempt = AccessAttempt.objects.get(username=consumer.email, ip_address="203.0.113.7")
    assert attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT


def test_another_address_is_not_locked(procon) -> None:
    consumer = ConsumerFactory()
    _lock(Client(HTTP_HOST=procon.host, REMOTE_ADDR="203.0.113.8"), consumer.email)

    elsewhere = Client(HTTP_HOST=procon.host, REMOTE_ADDR="198.51.100.4")
    response = _attempt(elsewhere, consumer.email, PASSWORD)

    assert response.status_code == 302


def test_fewer_failures_than_the_limit_then_success_resets_the_count(procon) -> None:
    consumer = ConsumerFactory()
    client = Client(HTTP_HOST=procon.host, REMOTE_ADDR="203.0.113.9")
    for _n in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt(client, consumer.email, "senha errada")

    assert _attempt(client, consumer.email, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username=consumer.email).exists()


def test_api_tokens_keep_working_while_the_login_is_locked(procon) -> None:
    # given an attendant with an API token, whose login is locked from an address
    attendant = staff(procon, StaffRole.ATTENDANT)
    _token, key = do_issue_api_token(attendant, name="sistema")
    _lock(Client(HTTP_HOST=procon.host, REMOTE_ADDR="203.0.113.10"), attendant.email)

    # when their system calls the API from that address
    response = Client(
        HTTP_HOST=procon.host, REMOTE_ADDR="203.0.113.10", HTTP_AUTHORIZATION=f"Token {key}"
    ).get("/api/v1/me/")

    # then it is served
    assert response.status_code == 200
    assert response.json()["email"] == attendant.email


def test_an_operator_unlocks_with_the_management_command(procon) -> None:
    consumer = ConsumerFactory()
    client = Client(HTTP_HOST=procon.host, REMOTE_ADDR="203.0.113.11")
    _lock(client, consumer.email)
    assert _attempt(client, consumer.email, PASSWORD).status_code == 429

    call_command("axes_reset_username", consumer.email)

    assert _attempt(client, consumer.email, PASSWORD).status_code == 302


def test_the_operator_sees_and_can_delete_attempts_in_the_admin(procon) -> None:
    consumer = ConsumerFactory()
    _lock(Client(HTTP_HOST=procon.host, REMOTE_ADDR="203.0.113.12"), consumer.email)
    operator = ConsumerFactory(is_operator=True)
    admin = Client(HTTP_HOST="localhost")
    admin.force_login(operator)

    listing = admin.get("/admin/axes/accessattempt/")

    assert listing.status_code == 200
    assert consumer.email in listing.content.decode()
    attempt = AccessAttempt.objects.get(username=consumer.email)
    deleted = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert not AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_the_client_address_behind_trusted_proxies_is_the_one_they_saw(settings) -> None:
    from django.test import RequestFactory

    from shared.accounts.lockout import client_ip

    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.50"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    # the client may forge the first entry; the proxy appended the last one
    assert client_ip(request) == "203.0.113.50"


# -- per-account lock of privileged accounts (issue 13, item 11) ------------------------------


def _rotate(procon, email: str, tries: int) -> list[int]:
    """Wrong passwords from a new address each time (axes' per-address lock never triggers)."""
    return [
        _attempt(
            Client(HTTP_HOST=procon.host, REMOTE_ADDR=f"198.51.100.{n + 10}"), email, "errada"
        ).status_code
        for n in range(tries)
    ]


def test_a_staff_account_is_locked_against_guesses_from_rotating_addresses(
    procon, account_limit
) -> None:
    # given an attendant, and an attacker changing address after every guess
    attendant = staff(procon, StaffRole.ATTENDANT)
    statuses = _rotate(procon, attendant.email, account_limit)
    assert 429 not in statuses[:-1]
    # when the right password comes from yet another address
    fresh = Client(HTTP_HOST=procon.host, REMOTE_ADDR="192.0.2.99")
    response = _attempt(fresh, attendant.email, PASSWORD)
    # then the account is locked, with the same page as the per-address lock
    assert response.status_code == 429
    assert b'data-testid="login-locked"' in response.content
    assert "_auth_user_id" not in fresh.session


def test_a_consumer_account_is_not_locked_by_rotating_addresses(procon, account_limit) -> None:
    consumer = ConsumerFactory()
    _rotate(procon, consumer.email, account_limit + 2)
    response = _attempt(
        Client(HTTP_HOST=procon.host, REMOTE_ADDR="192.0.2.98"), consumer.email, PASSWORD
    )
    assert response.status_code == 302


def test_an_unknown_email_sees_the_same_answer_as_a_wrong_password(procon, account_limit) -> None:
    statuses = _rotate(procon, "ninguem@exemplo.test", account_limit + 1)
    assert set(statuses) == {200}


def test_a_password_reset_unlocks_the_account(procon, account_limit) -> None:
    from urllib.parse import urlsplit

    from tests.support.mail import link_in, public_emails

    attendant = staff(procon, StaffRole.ATTENDANT)
    _rotate(procon, attendant.email, account_limit)
    Client(HTTP_HOST=procon.host).post("/senha/recuperar/", {"email": attendant.email})
    link = urlsplit(link_in(public_emails(f"password-reset:{attendant.pk}:")[0]))
    client = Client(HTTP_HOST=procon.host)
    form = client.get(link.path, follow=True)
    new = "outra senha bem comprida 2026"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})

    response = _attempt(
        Client(HTTP_HOST=procon.host, REMOTE_ADDR="192.0.2.97"), attendant.email, new
    )

    assert response.status_code == 302
