"""Password reset on every host, through the outbox, without telling whether an account exists."""

import re
from urllib.parse import urlsplit

import pytest

from tests.conftest import host_client
from tests.factories import UserFactory
from tests.support.mail import link_in, public_emails

pytestmark = pytest.mark.django_db


def _without_csrf_token(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_an_unknown_email_gets_the_same_answer_as_a_known_one(procon) -> None:
    # given one address with an account and one without
    known = UserFactory(email="conhecida@exemplo.test")

    # when both ask for a reset
    answers = [
        host_client(procon.host).post("/senha/recuperar/", {"email": email}, follow=True)
        for email in ["conhecida@exemplo.test", "desconhecida@exemplo.test"]
    ]

    # then they see the same page
    assert [a.redirect_chain for a in answers] == [[("/senha/recuperar/enviado/", 302)]] * 2
    pages = [_without_csrf_token(a.content.decode()) for a in answers]
    assert pages[0] == pages[1]
    assert b'data-testid="password-reset-sent"' in answers[0].content
    # and only the account's owner gets an e-mail
    emails = public_emails("password-reset:")
    assert [e.to for e in emails] == [[known.email]]


def test_the_reset_link_leads_back_to_the_host_and_sets_a_new_password(procon) -> None:
    # given a reset asked for on Santos's host, in another case
    user = UserFactory(email="rosa@exemplo.test")
    host_client(procon.host).post("/senha/recuperar/", {"email": "ROSA@exemplo.test"})
    link = urlsplit(link_in(public_emails(f"password-reset:{user.pk}:")[0]))
    assert link.netloc == procon.host

    # when the person opens the link and chooses a new password
    client = host_client(procon.host)
    form_page = client.get(link.path, follow=True)
    assert b'data-testid="password-reset-confirm-form"' in form_page.content
    new_password = "outra senha bem comprida 2026"
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )

    # then it is set, and the link is spent
    assert response.status_code == 302
    assert response["Location"] == "/senha/redefinida/"
    user.refresh_from_db()
    assert user.check_password(new_password)
    spent = host_client(procon.host).get(link.path, follow=True)
    assert b'data-testid="password-reset-invalid"' in spent.content


def test_the_reset_page_answers_on_the_platform_host_too(public_client) -> None:
    response = public_client.get("/senha/recuperar/")
    assert response.status_code == 200
    assert b'data-testid="password-reset-form"' in response.content
