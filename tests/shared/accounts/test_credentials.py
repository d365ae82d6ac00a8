"""Events that must end what an earlier holder of the account could keep using: a password
reset or change, two-step verification turned off, an e-mail change, a role lost and the
account's deletion each revoke every API token and end the account's other sessions (issue 13,
item 2)."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from shared.accounts.actions import do_issue_api_token
from shared.accounts.models import CompanyMembership, StaffMembership, User
from shared.accounts.roles import StaffRole
from shared.procons.models import Procon
from tests.conftest import host_client
from tests.factories import PASSWORD, CompanyFactory, ConsumerFactory, company_agent, staff
from tests.support.clients import logged_in_client
from tests.support.mail import link_in, public_emails
from tests.support.two_factor import confirmed_device

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "outra senha bem comprida 2026"


def _token(user: User) -> str:
    return do_issue_api_token(user, name="integração")[1]


def _token_status(key: str) -> int:
    return (
        host_client("localhost").get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code
    )


def _signed_in(client: Client) -> bool:
    return client.get("/conta/tokens/").status_code == 200


def _revoked_everywhere(key: str, other: Client) -> bool:
    return _token_status(key) == 401 and not _signed_in(other)


def test_a_password_reset_revokes_tokens_and_ends_sessions(procon) -> None:
    user = ConsumerFactory()
    key, other = _token(user), logged_in_client(user, "localhost")
    assert _token_status(key) == 200 and _signed_in(other)
    # when the password is reset through the e-mailed link
    host_client(procon.host).post("/senha/recuperar/", {"email": user.email})
    link = urlsplit(link_in(public_emails(f"password-reset:{user.pk}:")[0]))
    client = host_client(procon.host)
    form = client.get(link.path, follow=True)
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    # then the old token and the other session are gone
    assert _revoked_everywhere(key, other)


def test_a_squatters_authenticator_goes_when_the_owner_resets_the_password(procon) -> None:
    # given a squatter signed up with the owner's address (unconfirmed) and enrolled their phone
    squatter_account = ConsumerFactory()
    User.objects.filter(pk=squatter_account.pk).update(email_verified_at=None)
    confirmed_device(squatter_account)
    assert TOTPDevice.objects.filter(user=squatter_account).exists()
    # when the owner resets the password through the link sent to the address
    host_client(procon.host).post("/senha/recuperar/", {"email": squatter_account.email})
    link = urlsplit(link_in(public_emails(f"password-reset:{squatter_account.pk}:")[0]))
    client = host_client(procon.host)
    form = client.get(link.path, follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    # then the account is confirmed and the squatter's authenticator is gone
    squatter_account.refresh_from_db()
    assert squatter_account.email_verified_at is not None
    assert not TOTPDevice.objects.filter(user=squatter_account).exists()


def test_a_password_change_keeps_only_the_current_session() -> None:
    user = ConsumerFactory()
    key, other, current = (
        _token(user),
        logged_in_client(user, "localhost"),
        logged_in_client(user, "localhost"),
    )

    response = current.post(
        "/conta/senha/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert _revoked_everywhere(key, other)
    assert _signed_in(current)


def test_a_wrong_current_password_changes_nothing() -> None:
    user = ConsumerFactory()
    key, current = _token(user), logged_in_client(user, "localhost")
    response = current.post(
        "/conta/senha/",
        {"old_password": "errada", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 400
    assert "old_password" in response.context["form"].errors
    assert _token_status(key) == 200


def test_turning_two_step_verification_off_revokes_tokens_and_other_sessions() -> None:
    user = ConsumerFactory()
    confirmed_device(user)
    key, other, current = (
        _token(user),
        logged_in_client(user, "localhost"),
        logged_in_client(user, "localhost"),
    )

    current.post("/conta/verificacao/desativar/")

    assert _revoked_everywhere(key, other)
    assert _signed_in(current)


def test_an_email_change_needs_the_password_then_revokes_tokens_and_other_sessions(
    procon,
) -> None:
    user = ConsumerFactory()
    key, other = _token(user), logged_in_client(user, "localhost")
    current = logged_in_client(user, procon.host)
    data = {"full_name": user.full_name, "email": "novo@exemplo.test", "phone": ""}
    # without the password the e-mail stays
    refused = current.post("/conta/meus-dados/", data)
    assert refused.status_code == 200
    assert "password" in refused.context["form"].errors
    user.refresh_from_db()
    assert user.email != "novo@exemplo.test" and _token_status(key) == 200
    # with it, the address changes, is unconfirmed, and the old credentials end
    assert current.post("/conta/meus-dados/", data | {"password": PASSWORD}).status_code == 302
    user.refresh_from_db()
    assert (user.email, user.email_verified_at) == ("novo@exemplo.test", None)
    assert _revoked_everywhere(key, other)
    assert current.get("/conta/meus-dados/").status_code == 200


def test_an_email_change_takes_the_roles_until_the_new_address_is_confirmed(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    client = logged_in_client(attendant, procon.host)
    assert client.get("/atendimento/").status_code == 200
    client.post(
        "/conta/meus-dados/",
        {
            "full_name": attendant.full_name,
            "email": "outro.endereco@exemplo.test",
            "phone": "",
            "password": PASSWORD,
        },
    )
    assert client.get("/atendimento/").status_code == 404
    # the confirmation link sent to the new address gives them back
    link = urlsplit(link_in(public_emails(f"verify-email:{attendant.pk}:")[-1]))
    assert host_client(procon.host).get(link.path).status_code == 200
    assert client.get("/atendimento/").status_code == 200


def test_losing_a_staff_role_revokes_tokens_and_sessions(procon: Procon) -> None:
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    inspector = staff(procon, StaffRole.INSPECTOR)
    key, other = _token(inspector), logged_in_client(inspector, procon.host)
    membership = StaffMembership.objects.get(user=inspector, procon=procon)

    removed = logged_in_client(admin, procon.host).post(
        f"/configuracoes/equipe/{membership.pk}/remover/"
    )

    assert removed.status_code == 302
    assert _token_status(key) == 401
    assert other.get("/conta/meus-dados/").status_code == 302


def test_losing_a_company_role_revokes_tokens_and_sessions() -> None:
    company = CompanyFactory()
    admin = company_agent(company, "admin")
    agent = company_agent(company, "agent")
    key, other = _token(agent), logged_in_client(agent, "localhost")
    membership = CompanyMembership.objects.get(user=agent, company=company)

    removed = logged_in_client(admin, "localhost").post(f"/empresa/equipe/{membership.pk}/remover/")

    assert removed.status_code == 302
    assert _revoked_everywhere(key, other)


def test_an_administrator_who_leaves_keeps_the_current_session() -> None:
    company = CompanyFactory()
    company_agent(company, "admin")
    leaving = company_agent(company, "admin")
    key, current = _token(leaving), logged_in_client(leaving, "localhost")
    membership = CompanyMembership.objects.get(user=leaving, company=company)

    assert current.post(f"/empresa/equipe/{membership.pk}/remover/").status_code == 302

    assert _token_status(key) == 401
    assert _signed_in(current)


def test_deleting_the_account_revokes_tokens_and_sessions(procon) -> None:
    user = ConsumerFactory()
    key, other = _token(user), logged_in_client(user, "localhost")
    current = logged_in_client(user, procon.host)

    response = current.post("/conta/excluir/", {"password": PASSWORD, "understood": "on"})

    assert response.status_code == 200
    assert _revoked_everywhere(key, other)
