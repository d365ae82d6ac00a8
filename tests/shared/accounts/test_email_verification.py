"""A new account confirms its e-mail through a signed, expiring link to the host it came from."""

import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django_tenants.utils import get_public_schema_name, schema_context
from validate_docbr import CPF

from shared.accounts.actions import do_send_verification_email, do_verify_email
from shared.accounts.models import User
from shared.accounts.verification import MAX_AGE_SECONDS, email_digest, make_token
from shared.notifications.models import OutboundEmail
from tests.conftest import host_client
from tests.factories import ConsumerFactory
from tests.support.mail import link_in, public_emails

pytestmark = pytest.mark.django_db

PASSWORD = "uma senha bem comprida 2026"


def _register(client, email: str = "ana@exemplo.test") -> User:
    response = client.post(
        "/cadastro/",
        {
            "full_name": "Ana Souza",
            "cpf": CPF().generate(),
            "email": email,
            "password": PASSWORD,
            "password_confirmation": PASSWORD,
        },
    )
    assert response.status_code == 302
    return User.objects.get(email=email)


def _age(email: OutboundEmail, seconds: int) -> None:
    with schema_context(get_public_schema_name()):
        OutboundEmail.objects.filter(pk=email.pk).update(
            created_at=email.created_at - timedelta(seconds=seconds)
        )


def test_registering_queues_one_confirmation_email_whose_link_verifies(
    procon, django_capture_on_commit_callbacks
) -> None:
    # given a consumer who registers on Santos's host
    client = host_client(procon.host)
    with django_capture_on_commit_callbacks() as callbacks:
        user = _register(client)

    # then one e-mail is queued for them, sent after commit, with a link to Santos's host
    emails = public_emails(f"verify-email:{user.pk}:")
    assert [e.key for e in emails] == [f"verify-email:{user.pk}:1"]
    assert emails[0].to == [user.email]
    assert len(callbacks) == 1
    link = urlsplit(link_in(emails[0]))
    assert (link.scheme, link.netloc) == ("http", procon.host)

    # when they open the link (in any browser: no login needed)
    response = host_client(procon.host).get(link.path)

    # then the address is confirmed
    assert response.status_code == 200
    assert b'data-testid="email-verified"' in response.content
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_opening_the_link_twice_keeps_the_first_confirmation_time(procon) -> None:
    user = _register(host_client(procon.host))
    path = urlsplit(link_in(public_emails(f"verify-email:{user.pk}:")[0])).path
    host_client(procon.host).get(path)
    first = User.objects.get(pk=user.pk).email_verified_at
    assert host_client(procon.host).get(path).status_code == 200
    assert User.objects.get(pk=user.pk).email_verified_at == first


def test_a_tampered_link_is_refused(procon) -> None:
    user = _register(host_client(procon.host))
    path = urlsplit(link_in(public_emails(f"verify-email:{user.pk}:")[0])).path
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    response = host_client(procon.host).get(tampered)
    assert response.status_code == 400
    assert b'data-testid="verify-email-failed"' in response.content
    assert User.objects.get(pk=user.pk).email_verified_at is None


def test_another_users_token_cannot_be_forged_from_a_valid_one(procon) -> None:
    victim = ConsumerFactory(email="vitima@exemplo.test")
    User.objects.filter(pk=victim.pk).update(email_verified_at=None)
    token = signing.TimestampSigner(salt="other-salt").sign_object(
        {"u": victim.pk, "e": email_digest(victim.email)}, compress=True
    )
    with pytest.raises(ValidationError) as error:
        do_verify_email(token=token)
    assert list(error.value.message_dict) == ["token"]
    assert User.objects.get(pk=victim.pk).email_verified_at is None


def test_an_expired_link_is_refused(procon, monkeypatch) -> None:
    # given a token issued longer ago than a link lasts
    user = ConsumerFactory()
    User.objects.filter(pk=user.pk).update(email_verified_at=None)
    long_ago = time.time() - MAX_AGE_SECONDS - 60
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: long_ago)
        token = make_token(user_id=user.pk, email=user.email)

    # when it is used
    response = host_client(procon.host).get(f"/cadastro/confirmar/{token}/")

    # then
    assert response.status_code == 400
    assert User.objects.get(pk=user.pk).email_verified_at is None


def test_a_link_sent_to_an_old_address_does_not_confirm_a_new_one(procon) -> None:
    user = ConsumerFactory(email="antigo@exemplo.test")
    User.objects.filter(pk=user.pk).update(email_verified_at=None)
    token = make_token(user_id=user.pk, email=user.email)
    User.objects.filter(pk=user.pk).update(email="novo@exemplo.test")
    assert host_client(procon.host).get(f"/cadastro/confirmar/{token}/").status_code == 400


def test_resending_is_refused_within_a_minute_and_allowed_after(procon) -> None:
    # given a consumer who has just registered
    client = host_client(procon.host)
    user = _register(client)

    # when they ask again at once
    response = client.post("/cadastro/confirmar/reenviar/", follow=True)

    # then nothing new is queued and they are told why
    assert response.status_code == 200
    assert len(public_emails(f"verify-email:{user.pk}:")) == 1
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]

    # when a minute has passed
    _age(public_emails(f"verify-email:{user.pk}:")[0], 61)
    client.post("/cadastro/confirmar/reenviar/")

    # then a second e-mail is queued under the next key
    assert [e.key for e in public_emails(f"verify-email:{user.pk}:")] == [
        f"verify-email:{user.pk}:1",
        f"verify-email:{user.pk}:2",
    ]


def test_nothing_is_sent_to_an_address_already_confirmed() -> None:
    user = ConsumerFactory()
    assert do_send_verification_email(user, site_url="http://localhost/") is None
    assert public_emails(f"verify-email:{user.pk}:") == []


def test_resending_needs_a_login(procon) -> None:
    response = host_client(procon.host).post("/cadastro/confirmar/reenviar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/entrar/")
