"""A real OpenID Connect provider on loopback for the gov.br tests: the FakeGov of `govbr-auth`
(its `fake` extra), which requires PKCE S256, a nonce and a registered redirect URI, issues
single-use codes bound to the verifier, signs RS256 ID tokens published at /jwk, answers
/userinfo for its access tokens and checks /logout's post_logout_redirect_uri, all over HTTP.

It runs under uvicorn in its own process (`python -m tests.support.govbr_provider CONFIG`), with
the people a test needs. Two additions imitate what the Login Único sends and FakeGov does not:
the trust level in the ID token (`reliability_info`, scope govbr_confiabilidades_idtoken) and the
older levels API (`/confiabilidades/v3/contas/{cpf}/niveis`, Bearer access token).
"""

import html
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests

from tests.support import processes

CLIENT_ID = "procon-digital-test"
CLIENT_SECRET = "segredo-do-cliente-de-teste"
LEVEL_IDS = {"bronze": "1", "silver": "2", "gold": "3"}


@dataclass(frozen=True)
class Person:
    """Someone with a gov.br account at the provider; `level_in_id_token=False` leaves the level
    to the levels API only."""

    cpf: str
    password: str
    name: str
    email: str | None
    email_verified: bool = True
    level: str = "bronze"
    level_in_id_token: bool = True
    social_name: str | None = None


@dataclass
class GovbrProvider:
    base_url: str
    client_id: str
    client_secret: str
    process: subprocess.Popen
    people: dict[str, Person] = field(default_factory=dict)

    def settings(self) -> dict[str, Any]:
        """The platform's settings for this provider (override_settings in this process)."""
        base = self.base_url
        return {
            "GOVBR_CLIENT_ID": self.client_id,
            "GOVBR_CLIENT_SECRET": self.client_secret,
            "GOVBR_ISSUER": f"{base}/",
            "GOVBR_AUTHORIZE_URL": f"{base}/authorize",
            "GOVBR_TOKEN_URL": f"{base}/token",
            "GOVBR_JWKS_URL": f"{base}/jwk",
            "GOVBR_USERINFO_URL": f"{base}/userinfo",
            "GOVBR_LOGOUT_URL": f"{base}/logout",
            "GOVBR_LEVELS_URL": f"{base}/confiabilidades/v3/contas",
        }

    def env(self) -> dict[str, str]:
        """The same for a server process (config.settings.test reads these)."""
        return {
            "GOVBR_TEST_PROVIDER": self.base_url,
            "GOVBR_CLIENT_ID": self.client_id,
            "GOVBR_CLIENT_SECRET": self.client_secret,
        }


def start_govbr_provider(
    workdir: Path,
    *,
    redirect_uris: list[str],
    post_logout_redirect_uris: list[str],
    people: list[Person],
    client_id: str = CLIENT_ID,
    client_secret: str = CLIENT_SECRET,
) -> GovbrProvider:
    port = processes.free_port()
    config = {
        "port": port,
        "client_id": client_id,
        "client_secret": client_secret,
        "redirect_uris": redirect_uris,
        "post_logout_redirect_uris": post_logout_redirect_uris,
        "people": [person.__dict__ for person in people],
    }
    workdir.mkdir(parents=True, exist_ok=True)
    config_path = workdir / f"govbr-provider-{port}.json"
    config_path.write_text(json.dumps(config))
    log_path = workdir / f"govbr-provider-{port}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.govbr_provider", str(config_path)],
        cwd=processes.ROOT,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
    )
    processes.wait_until_listening(process, port, log_path, what="the gov.br provider", timeout=30)
    return GovbrProvider(
        base_url=f"http://127.0.0.1:{port}",
        client_id=client_id,
        client_secret=client_secret,
        process=process,
        people={person.cpf: person for person in people},
    )


def sign_in_at_govbr(authorize_url: str, *, cpf: str, password: str) -> str:
    """What a browser does at gov.br: opens /authorize, fills in the CPF and password form and
    follows the answer; returns the redirect back to the platform (code and state)."""
    with requests.Session() as browser:
        page = browser.get(authorize_url, allow_redirects=False, timeout=10)
        page.raise_for_status()
        action = re.search(r'<form method="post" action="([^"]+)"', page.text)
        hidden = re.search(r'name="request" value="([^"]+)"', page.text)
        assert action and hidden, page.text[:500]
        answer = browser.post(
            urljoin(authorize_url, html.unescape(action.group(1))),
            data={"request": html.unescape(hidden.group(1)), "cpf": cpf, "password": password},
            allow_redirects=False,
            timeout=10,
        )
        assert answer.status_code == 302, answer.text[:500]
        return answer.headers["location"]


def build_app(config: dict[str, Any]) -> Any:
    """The provider's ASGI app: FakeGov's protocol routes plus the levels API."""
    from cryptography.fernet import Fernet
    from fastapi import Request
    from fastapi.responses import JSONResponse
    from govbr_auth.fake import (
        FakeClient,
        FakeGovBrProvider,
        FakeGovBrSettings,
        FakeOAuthError,
        FakeSigningKey,
        FakeUser,
        InMemoryAuthorizationCodeReplayStore,
        InMemoryFakeUserRepository,
        create_fake_govbr_app,
    )
    from pydantic import SecretStr

    class GovbrPerson(FakeUser):
        """FakeGov's user with the Login Único's trust level claim."""

        reliability_info: dict[str, Any] | None = None
        amr: list[str] | None = None

    base = f"http://127.0.0.1:{config['port']}"
    levels: dict[str, str] = {}
    users = []
    for person in config["people"]:
        levels[person["cpf"]] = person["level"]
        user = GovbrPerson(
            sub=person["cpf"],
            name=person["name"],
            social_name=person.get("social_name"),
            email=person["email"],
            email_verified=person["email_verified"],
            amr=["passwd"],
            reliability_info=(
                {"level": person["level"], "reliabilities": [{"id": "201"}]}
                if person["level_in_id_token"]
                else None
            ),
        )
        users.append((user, SecretStr(person["password"])))
    repository = InMemoryFakeUserRepository(tuple(users))
    provider = FakeGovBrProvider(
        settings=FakeGovBrSettings(
            base_url=base,
            issuer=f"{base}/",
            artifact_secret=SecretStr(Fernet.generate_key().decode("ascii")),
            request_ttl_seconds=600,
            authorization_code_ttl_seconds=60,
            access_token_ttl_seconds=300,
            id_token_ttl_seconds=60,
            clients=(
                FakeClient(
                    client_id=config["client_id"],
                    client_secret=SecretStr(config["client_secret"]),
                    registered_redirect_uris=tuple(config["redirect_uris"]),
                ),
            ),
            post_logout_redirect_uris=tuple(config["post_logout_redirect_uris"]),
        ),
        user_store=repository,
        replay_store=InMemoryAuthorizationCodeReplayStore(),
        signing_key=FakeSigningKey.generate(kid="rsa1"),
    )
    app = create_fake_govbr_app(provider, credential_authenticator=repository)

    @app.get("/confiabilidades/v3/contas/{cpf}/niveis")
    async def account_levels(cpf: str, request: Request) -> JSONResponse:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        try:
            user = provider.userinfo(SecretStr(token), now=datetime.now(UTC))
        except FakeOAuthError:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        if user.sub != cpf:
            return JSONResponse({"error": "forbidden"}, status_code=403)
        return JSONResponse(
            [{"id": LEVEL_IDS[levels[cpf]], "dataAtualizacao": "2026-01-02 03:04:05"}]
        )

    return app


if __name__ == "__main__":
    import uvicorn

    settings = json.loads(Path(sys.argv[1]).read_text())
    uvicorn.run(build_app(settings), host="127.0.0.1", port=settings["port"], log_level="info")
