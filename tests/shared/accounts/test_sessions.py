"""Logging in by e-mail; a session belongs to the host it was opened on."""

import pytest

from tests.conftest import host_client
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_by_email_on_a_procon_host_opens_a_session_there(procon) -> None:
    user = UserFactory(email="Maria@Exemplo.test")
    client = host_client(procon.host)
    response = client.post("/entrar/", {"username": "maria@exemplo.test", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/api/v1/me/").json()["email"] == user.email


def test_a_wrong_password_shows_an_error_in_portuguese(procon) -> None:
    UserFactory(email="joao@exemplo.test")
    response = host_client(procon.host).post(
        "/entrar/", {"username": "joao@exemplo.test", "password": "x"}
    )
    assert response.status_code == 200
    assert "Por favor, entre com um e-mail  e senha corretos" in response.content.decode()


def test_a_session_cookie_copied_to_another_procons_host_does_not_open_it(
    procon, other_procon
) -> None:
    # given a session opened on Santos's host
    user = UserFactory()
    santos = host_client(procon.host)
    santos.post("/entrar/", {"username": user.email, "password": PASSWORD})
    assert santos.get("/api/v1/me/").status_code == 200
    cookie = santos.cookies["sessionid"].value

    # when the same cookie is sent to Campinas's host
    campinas = host_client(other_procon.host)
    campinas.cookies["sessionid"] = cookie

    # then Campinas treats the request as anonymous
    assert campinas.get("/api/v1/me/").status_code == 401
    # and the session still works where it was opened
    assert santos.get("/api/v1/me/").status_code == 200


def test_session_cookies_are_host_only_and_http_only(procon) -> None:
    user = UserFactory()
    client = host_client(procon.host)
    client.post("/entrar/", {"username": user.email, "password": PASSWORD})
    morsel = client.cookies["sessionid"]
    assert morsel["domain"] == ""
    assert morsel["httponly"] is True
