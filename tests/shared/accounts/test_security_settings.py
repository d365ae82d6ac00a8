"""Account security that a person never sees until it matters: Argon2 password hashes, CSRF on
every form, a Content Security Policy, production's cookie and HTTPS settings, and a password
reset that does not tell whether an account exists."""

import json
import re
import uuid

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.core import mail
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from config.settings import base
from tests.conftest import host_client
from tests.deploy.test_production_settings import run
from tests.factories import UserFactory
from tests.support.mail import public_emails

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2() -> None:
    # the test settings use a fast hasher; the real ones put Argon2 first
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        encoded = make_password("uma senha longa de verdade")
        assert encoded.startswith("argon2$argon2id$")
        assert check_password("uma senha longa de verdade", encoded)


def test_production_settings_in_a_fresh_process() -> None:
    result = run(
        "import django, json; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE',"
        "'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_SAMESITE', 'SECURE_SSL_REDIRECT',"
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SESSION_COOKIE_DOMAIN',"
        "'PASSWORD_HASHERS', 'MIDDLEWARE', 'AUTHENTICATION_BACKENDS', 'DEBUG',"
        "'TRUSTED_PROXY_COUNT']} | {'CSP': {k: [str(v) for v in vs]"
        " for k, vs in s.SECURE_CSP.items()}}))"
    )
    assert result.returncode == 0, result.stderr
    conf = json.loads(result.stdout.strip().splitlines()[-1])

    assert conf["SESSION_COOKIE_SECURE"] and conf["CSRF_COOKIE_SECURE"]
    assert conf["SESSION_COOKIE_HTTPONLY"]
    assert conf["SESSION_COOKIE_SAMESITE"] == conf["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert conf["SESSION_COOKIE_DOMAIN"] is None  # host-only: one Procon's cookie stays there
    assert conf["SECURE_SSL_REDIRECT"] and not conf["DEBUG"]
    assert conf["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert conf["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert conf["PASSWORD_HASHERS"][0].endswith("Argon2PasswordHasher")
    assert "django.middleware.csp.ContentSecurityPolicyMiddleware" in conf["MIDDLEWARE"]
    assert conf["MIDDLEWARE"][-1] == "axes.middleware.AxesMiddleware"
    assert conf["AUTHENTICATION_BACKENDS"][0] == "axes.backends.AxesStandaloneBackend"
    assert "'unsafe-inline'" not in conf["CSP"]["script-src"]
    assert conf["CSP"]["frame-ancestors"] == ["'none'"]
    assert conf["TRUSTED_PROXY_COUNT"] == 0  # X-Forwarded-For only behind proxies declared


def test_pages_carry_a_csp_and_inline_scripts_its_nonce() -> None:
    response = host_client("localhost").get("/onde-reclamar/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "default-src 'self'" in policy
    # a nonce is sent when the page has an inline script; this page's script is a file
    nonce = re.search(r"'nonce-([^']+)'", policy)
    scripts = re.findall(r"<script([^>]*)>", response.content.decode())
    assert scripts
    assert all(
        (nonce is not None and f'nonce="{nonce.group(1)}"' in attrs) or "src=" in attrs
        for attrs in scripts
    )


def test_the_api_docs_load_their_script_from_a_url() -> None:
    page = host_client("localhost").get("/api/v1/docs/").content.decode()
    assert "<script>" not in page


def _form_routes(urlconf: str) -> list[str]:
    """Every page route of a URLconf (the API, which uses tokens or DRF's own CSRF check, and
    Django's admin are apart), with its parameters filled in."""
    found: list[str] = []

    def walk(patterns: list, prefix: str) -> None:
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern):
                found.append(prefix + route)

    walk(get_resolver(urlconf).url_patterns, "")
    paths = []
    for route in found:
        if route.startswith(("api/", "admin/", "^")) or "(?P" in route:
            continue
        path = re.sub(r"<int:\w+>", "1", route)
        path = re.sub(r"<uuid:\w+>", str(uuid.uuid4()), path)
        path = re.sub(r"<(?:\w+:)?\w+>", "x", path)
        paths.append("/" + path)
    return sorted(set(paths))


@pytest.mark.parametrize(
    ("urlconf", "host"),
    [("config.urls_public", "localhost"), ("config.urls_tenants", "santos.localhost")],
)
def test_every_form_refuses_a_post_without_the_csrf_token(urlconf: str, host: str) -> None:
    # given a browser that sends no CSRF token
    paths = _form_routes(urlconf)
    assert len(paths) > 20
    client = Client(HTTP_HOST=host, enforce_csrf_checks=True)

    # when it posts to every page route
    answers = {path: client.post(path, {"x": "1"}).status_code for path in paths}

    # then each refuses it
    assert {path: code for path, code in answers.items() if code != 403} == {}


def test_a_password_reset_answers_and_behaves_the_same_with_and_without_an_account(
    procon, django_capture_on_commit_callbacks
) -> None:
    # given one address with an account and one without
    known = UserFactory(email="existe@exemplo.test")

    # when both ask for a reset
    answers = []
    callbacks = []
    for email in ["existe@exemplo.test", "nao-existe@exemplo.test"]:
        with django_capture_on_commit_callbacks(execute=False) as queued:
            answers.append(host_client(procon.host).post("/senha/recuperar/", {"email": email}))
        callbacks.append(len(queued))
        # then no e-mail goes out during the request in either case (sending happens in the
        # worker, so the answer takes as long for both)
        assert mail.outbox == []

    # and both get the same answer
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"] == "/senha/recuperar/enviado/"
    # and only the account's owner has a message queued
    assert [e.to for e in public_emails("password-reset:")] == [[known.email]]
    assert callbacks == [1, 0]
