"""The Dockerfile and the compose file, checked without a Docker engine: parsed with
dockerfile-parse, YAML linted with yamllint, the compose file validated by docker-compose's
own schema (`docker-compose config`; Debian's package, installed by .ci/run)."""

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from dockerfile_parse import DockerfileParser
from yamllint import linter
from yamllint.config import YamlLintConfig

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "deploy" / "compose.yaml"
YAMLLINT = YamlLintConfig(
    "extends: default\nrules:\n  line-length: {max: 120}\n  document-start: disable\n"
    "  comments: {min-spaces-from-content: 1}\n  truthy: {check-keys: false}\n"
)


def dockerfile() -> DockerfileParser:
    parser = DockerfileParser(fileobj=(ROOT / "deploy" / "Dockerfile").open("rb"))
    return parser


def final_stage(parser: DockerfileParser) -> list[dict[str, Any]]:
    instructions = parser.structure
    last_from = max(i for i, ins in enumerate(instructions) if ins["instruction"] == "FROM")
    return instructions[last_from:]


def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())


def test_image_is_multi_stage_on_slim_python_and_runs_as_a_numeric_non_root_user() -> None:
    parser = dockerfile()
    stages = [ins["value"] for ins in parser.structure if ins["instruction"] == "FROM"]
    assert len(stages) == 2
    (base,) = [ins["value"] for ins in parser.structure if ins["instruction"] == "ARG"][:1]
    assert base.startswith("PYTHON_IMAGE=python:3.12-slim")
    assert stages == ["${PYTHON_IMAGE} AS build", "${PYTHON_IMAGE} AS runtime"]
    users = [ins["value"] for ins in final_stage(parser) if ins["instruction"] == "USER"]
    assert users and users[-1].split(":")[0].isdigit() and users[-1].split(":")[0] != "0"


def test_image_installs_from_the_lock_and_collects_static_files_at_build() -> None:
    parser = dockerfile()
    runs = " ".join(ins["value"] for ins in parser.structure if ins["instruction"] == "RUN")
    copies = [ins["value"] for ins in parser.structure if ins["instruction"] == "COPY"]
    assert any("requirements.lock" in copy for copy in copies)
    assert "-c requirements.lock" in runs
    assert "collectstatic --noinput" in runs and "SECRET_KEY=" in runs
    assert "django.mo" in runs  # the committed compiled messages must be in the image
    env = parser.envs
    assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert set(env["PYTHONPATH"].split(":")) >= {"/app", "/app/platform"}


def test_image_serves_gunicorn_and_checks_healthz() -> None:
    parser = dockerfile()
    stage = final_stage(parser)
    (healthcheck,) = [ins["value"] for ins in stage if ins["instruction"] == "HEALTHCHECK"]
    assert "/healthz" in healthcheck and "PLATFORM_DOMAIN" in healthcheck
    cmd = parser.cmd or ""
    assert "gunicorn config.wsgi:application" in cmd
    assert "${WEB_CONCURRENCY}" in cmd and "${GUNICORN_THREADS}" in cmd


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_build_context() -> None:
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", ".var", ".env", "tests"} <= set(ignored)


@pytest.mark.parametrize(
    "path",
    [
        COMPOSE,
        ROOT / "helm" / "procon-digital" / "values.yaml",
        ROOT / "helm" / "procon-digital" / "ci" / "production-values.yaml",
        ROOT / "helm" / "procon-digital" / "Chart.yaml",
    ],
    ids=lambda path: path.name,
)
def test_yaml_files_pass_yamllint(path: Path) -> None:
    problems = list(linter.run(path.read_text(), YAMLLINT, str(path)))
    assert problems == []


def test_compose_file_is_valid_for_docker_compose(docker_compose: str) -> None:
    result = subprocess.run(
        [docker_compose, "-f", str(COMPOSE), "--profile", "demo", "config", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
        cwd=COMPOSE.parent,
        env={**os.environ, "SECRET_KEY": "operator-chosen"},
    )
    assert result.returncode == 0, result.stderr


def test_compose_stack_starts_in_order_with_health_checks() -> None:
    services = compose()["services"]
    assert set(services) >= {"web", "worker", "beat", "migrate", "postgres", "redis", "mailpit"}
    for name in ("postgres", "redis", "web", "worker"):
        assert services[name]["healthcheck"]["test"], name
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["migrate"] == {"condition": "service_completed_successfully"}
        assert depends["postgres"] == {"condition": "service_healthy"}
        assert depends["redis"] == {"condition": "service_healthy"}
    assert services["migrate"]["restart"] == "no"
    assert "migrate_schemas --shared" in " ".join(services["migrate"]["command"])
    assert "--schedule=/tmp/celerybeat-schedule" in services["beat"]["command"]
    assert services["web"]["environment"]["PLATFORM_DOMAIN"] == "${PLATFORM_DOMAIN:-localhost}"
    assert services["web"]["environment"]["EMAIL_HOST"] == "mailpit"
    assert set(compose()["volumes"]) >= {"postgres", "redis", "media"}
