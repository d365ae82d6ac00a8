"""The compose stack's defaults: no usable SECRET_KEY ships with it (it refuses to start without
one), and with gunicorn published directly nothing trusts X-Forwarded-For, so a client cannot
choose the address the login lockout counts or the audit log records."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from axes.models import AccessAttempt
from django.test import Client
from django_tenants.utils import tenant_context

from shared.accounts.actions import do_issue_api_token
from shared.accounts.roles import StaffRole
from shared.audit.models import AuditEntry
from tests.factories import PASSWORD, ConsumerFactory, staff

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "deploy" / "compose.yaml"
VARIABLE = re.compile(r"\$\{(\w+)(?::?([-?])([^}]*))?\}")


def compose_app_environment() -> dict[str, str]:
    return dict(yaml.safe_load(COMPOSE.read_text())["x-app"]["environment"])


def interpolated(value: str, env: dict[str, str]) -> str:
    """Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?error}` against `env`."""

    def one(match: re.Match[str]) -> str:
        name, kind, rest = match.groups()
        if env.get(name):
            return env[name]
        if kind == "?":
            raise LookupError(f"{name}: {rest}")
        return rest if kind == "-" else ""

    return VARIABLE.sub(one, str(value))


def proxy_count_under_compose() -> int:
    """TRUSTED_PROXY_COUNT as the production settings read it in the compose stack's web
    container, started with nothing but a SECRET_KEY set by the operator."""
    return int(setting_under_compose("TRUSTED_PROXY_COUNT"))


def setting_under_compose(name: str) -> str:
    """repr() of one production setting in the compose stack's web container."""
    operator = {"SECRET_KEY": "operator-chosen-secret-key-" + "x" * 40}
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "TRUSTED_"))
    }
    env |= {key: interpolated(value, operator) for key, value in compose_app_environment().items()}
    env["PYTHONPATH"] = f"{ROOT}{os.pathsep}{ROOT / 'platform'}"
    code = "import django; django.setup(); from django.conf import settings as s; "
    code += f"print(repr(s.{name}))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_compose_ships_no_secret_key_and_requires_one() -> None:
    value = compose_app_environment()["SECRET_KEY"]
    with pytest.raises(LookupError, match="SECRET_KEY"):
        interpolated(value, {})
    assert interpolated(value, {"SECRET_KEY": "mine"}) == "mine"


def test_docker_compose_refuses_to_start_the_stack_without_a_secret_key(
    docker_compose: str,
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}

    def config(**extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [docker_compose, "-f", str(COMPOSE), "config", "--quiet"],
            capture_output=True,
            text=True,
            check=False,
            cwd=COMPOSE.parent,
            env=env | extra,
        )

    refused = config()
    assert refused.returncode != 0
    assert "SECRET_KEY" in refused.stderr
    assert config(SECRET_KEY="operator-chosen").returncode == 0, config().stderr


def test_production_settings_trust_no_proxy_unless_told_and_compose_tells_none() -> None:
    assert compose_app_environment()["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-0}"
    assert proxy_count_under_compose() == 0


def test_with_nothing_in_front_a_forged_forwarded_proto_is_not_believed() -> None:
    # Django would take "X-Forwarded-Proto: https" from any client as proof of TLS.
    assert setting_under_compose("SECURE_PROXY_SSL_HEADER") == "None"
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    assert "FORWARDED_ALLOW_IPS=*" not in dockerfile


@pytest.mark.django_db
def test_a_forged_forwarded_for_changes_neither_the_lockout_nor_the_audit_address(
    procon, settings
) -> None:
    # given the proxy setting the compose stack runs with
    settings.TRUSTED_PROXY_COUNT = proxy_count_under_compose()
    # when an attacker at one address guesses passwords, writing a new X-Forwarded-For each time
    victim = ConsumerFactory()
    answers = []
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        attacker = Client(
            HTTP_HOST=procon.host,
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}",
        )
        answers.append(
            attacker.post("/entrar/", {"username": victim.email, "password": f"chute-{n}"})
        )
    # then the lock still falls on the attacker's real address
    assert answers[-1].status_code == 429
    addresses = set(
        AccessAttempt.objects.filter(username=victim.email).values_list("ip_address", flat=True)
    )
    assert addresses == {"203.0.113.9"}
    # and the right password from there is refused too
    right = Client(HTTP_HOST=procon.host, REMOTE_ADDR="203.0.113.9")
    assert (
        right.post("/entrar/", {"username": victim.email, "password": PASSWORD}).status_code == 429
    )

    # when a staff member's write carries a forged X-Forwarded-For
    attendant = staff(procon, StaffRole.ATTENDANT)
    _, key = do_issue_api_token(attendant, name="test")
    client = Client(
        HTTP_HOST=procon.host,
        HTTP_AUTHORIZATION=f"Token {key}",
        REMOTE_ADDR="200.144.10.8",
        HTTP_X_FORWARDED_FOR="6.6.6.6",
    )
    with tenant_context(procon):
        client.post("/api/v1/complaints/X/accept/", {}, content_type="application/json")
    # then the audit log records the address the request came from
    assert AuditEntry.objects.get(user=attendant).ip_address == "200.144.10.8"
