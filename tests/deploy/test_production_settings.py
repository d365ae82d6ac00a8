"""Production settings in a fresh process, as the image runs them: `check --deploy` is clean,
logs are JSON lines carrying the tenant schema, Sentry starts only with a DSN."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SENTRY_", "LOG_", "PYTEST_", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        PLATFORM_DOMAIN="procon.example.gov.br",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'platform'}",
    )
    env.update(extra)
    return env


def run(code: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=production_env(**extra),
    )


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=production_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = run("import django; django.setup()", SECRET_KEY="")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_logs_are_json_lines_with_the_tenant_schema() -> None:
    result = run(
        "import django, logging; django.setup();"
        "logging.getLogger('procon').warning('sent %s', 'cip', extra={'complaint': 7})"
    )
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("{")]
    entry = json.loads(line)
    assert entry["message"] == "sent cip" and entry["level"] == "WARNING"
    assert entry["schema"] == "public" and entry["complaint"] == 7


@pytest.mark.parametrize("dsn", ["", "https://public@o1.ingest.example.invalid/1"])
def test_sentry_starts_only_with_a_dsn(dsn: str) -> None:
    result = run(
        "import django, sentry_sdk; django.setup();"
        "client = sentry_sdk.get_client();"
        "print(client.is_active(), sorted(client.integrations) if client.is_active() else [])",
        SENTRY_DSN=dsn,
    )
    assert result.returncode == 0, result.stderr
    if dsn:
        assert result.stdout.startswith("True") and "'celery'" in result.stdout
        assert "'django'" in result.stdout
    else:
        assert result.stdout.strip() == "False []"
