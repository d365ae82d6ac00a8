"""API tokens: shown once, stored hashed, usable as `Authorization: Token`, revocable."""

import pytest

from shared.accounts.models import ApiToken
from shared.accounts.tokens import hash_key
from tests.conftest import host_client
from tests.factories import PASSWORD, UserFactory
from tests.support.clients import logged_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def logged_in(user):
    return logged_in_client(user)


def test_a_created_token_is_shown_once_stored_hashed_and_authenticates(user, logged_in) -> None:
    # when
    response = logged_in.post("/api/v1/tokens/", {"name": "CRM"}, content_type="application/json")
    # then
    assert response.status_code == 201
    key = response.json()["key"]
    token = ApiToken.objects.get(pk=response.json()["id"])
    assert token.key_hash == hash_key(key)
    assert key not in {token.key_hash, token.prefix, token.name}
    assert "key" not in logged_in.get("/api/v1/tokens/").json()[0]

    me = host_client("localhost").get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert me.status_code == 200
    assert me.json()["email"] == user.email


def test_a_revoked_token_no_longer_authenticates(logged_in) -> None:
    created = logged_in.post(
        "/api/v1/tokens/", {"name": "ERP"}, content_type="application/json"
    ).json()
    assert logged_in.delete(f"/api/v1/tokens/{created['id']}/").status_code == 204

    response = host_client("localhost").get(
        "/api/v1/me/", HTTP_AUTHORIZATION=f"Token {created['key']}"
    )
    assert response.status_code == 401
    assert logged_in.get("/api/v1/tokens/").json()[0]["revoked_at"] is not None


def test_a_made_up_token_is_401_with_a_message() -> None:
    response = host_client("localhost").get("/api/v1/me/", HTTP_AUTHORIZATION="Token pd_nope")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_another_users_token_is_404_not_403(logged_in) -> None:
    other = host_client("localhost")
    assert other.login(username=UserFactory().email, password=PASSWORD)
    theirs = other.post(
        "/api/v1/tokens/", {"name": "theirs"}, content_type="application/json"
    ).json()

    assert logged_in.delete(f"/api/v1/tokens/{theirs['id']}/").status_code == 404
    assert ApiToken.objects.get(pk=theirs["id"]).revoked_at is None


def test_a_token_without_a_name_is_a_400_naming_the_field_in_portuguese(logged_in) -> None:
    response = logged_in.post("/api/v1/tokens/", {"name": ""}, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["name"]
    assert "em branco" in response.json()["name"][0]


def test_malformed_json_is_a_400_not_a_500(logged_in) -> None:
    response = logged_in.post("/api/v1/tokens/", "{not json", content_type="application/json")
    assert response.status_code == 400


def test_the_tokens_page_creates_shows_the_key_once_and_revokes(user, logged_in) -> None:
    page = logged_in.post("/conta/tokens/", {"name": "Integração CRM"})
    assert page.status_code == 200
    html = page.content.decode()
    token = ApiToken.objects.get(user=user)
    key = page.context["new_key"]
    assert key in html
    assert token.key_hash == hash_key(key)
    assert key not in logged_in.get("/conta/tokens/").content.decode()

    response = logged_in.post(f"/conta/tokens/{token.pk}/revogar/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_tokens_page_names_the_missing_field(logged_in) -> None:
    page = logged_in.post("/conta/tokens/", {"name": ""})
    assert page.status_code == 200
    assert "Este campo é obrigatório." in page.content.decode()
