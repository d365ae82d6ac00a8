"""`make run` (deploy/scripts/run.sh) on ports of its own: SIGTERM to its process group, or to the
script alone, stops everything it started, PostgreSQL and Redis included; PGPORT and REDIS_PORT
alone move the settings' connections. The migrations and demo data are skipped (RUN_SETUP=0):
the services, the web server, the worker, beat and the way out are the real script's."""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.processes import free_port, port_open, wait_until

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "deploy" / "scripts" / "run.sh"
SERVICES = ROOT / "deploy" / "scripts" / "services.sh"

needs_servers = pytest.mark.skipif(
    shutil.which("redis-server") is None
    or not (shutil.which("pg_ctl") or list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))),
    reason="PostgreSQL's server binaries and redis-server are needed (make test installs them)",
)


def run_env(var: Path, ports: dict[str, int]) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "CELERY_RESULT_BACKEND"}
        and not key.startswith(("DJANGO_", "PYTEST_"))
    }
    return env | {
        "PROCON_VAR_DIR": str(var),
        "PGPORT": str(ports["postgres"]),
        "REDIS_PORT": str(ports["redis"]),
        "RUN_ADDR": f"127.0.0.1:{ports['web']}",
        "RUN_SETUP": "0",
        "RUN_STOP_TIMEOUT": "10",
        "VENV_BIN": str(Path(sys.executable).parent),
        "WEB_RELOAD": "0",
    }


@pytest.fixture
def stack_dir() -> Iterator[tuple[Path, dict[str, int]]]:
    """A data directory PostgreSQL's own user can reach (pytest's are private), and free ports."""
    var = Path(tempfile.mkdtemp(prefix="procon-run-", dir="/tmp"))
    var.chmod(0o755)
    ports = {"postgres": free_port(), "redis": free_port(), "web": free_port()}
    yield var, ports
    # Whatever the test found, nothing of this stack survives it.
    subprocess.run(["bash", str(SERVICES), "down"], env=run_env(var, ports), check=False)
    shutil.rmtree(var, ignore_errors=True)


def start(var: Path, ports: dict[str, int], log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        ["bash", str(RUN)],
        cwd=ROOT,
        env=run_env(var, ports),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def up() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"run.sh exited:\n{log.read_text()}")
        return all(port_open(port) for port in ports.values())

    wait_until(up, timeout=120, what="run.sh's PostgreSQL, Redis and web server")
    wait_until(lambda: "ready." in log.read_text(), timeout=90, what="the Celery worker")
    return process


def stopped(process: subprocess.Popen, log: Path) -> None:
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError(f"run.sh did not stop:\n{log.read_text()}") from None


@needs_servers
@pytest.mark.parametrize("target", ["process group", "script", "group, then Ctrl-C again"])
def test_sigterm_stops_web_workers_postgresql_and_redis(
    stack_dir: tuple[Path, dict[str, int]], tmp_path: Path, target: str
) -> None:
    # given `make run` up on ports of its own
    var, ports = stack_dir
    log = tmp_path / "run.log"
    process = start(var, ports, log)

    # when it is sent SIGTERM (as a supervisor or `kill` would), or an impatient person presses
    # Ctrl-C again while it is stopping
    if target == "script":
        process.send_signal(signal.SIGTERM)
    else:
        os.killpg(process.pid, signal.SIGTERM)
    if target == "group, then Ctrl-C again":
        wait_until(lambda: "Stopping" in log.read_text(), timeout=10, what="the stop to begin")
        os.killpg(process.pid, signal.SIGINT)
    stopped(process, log)

    # then nothing it started still listens
    listening = {name: port for name, port in ports.items() if port_open(port)}
    assert listening == {}, log.read_text()
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)


def test_pgport_and_redis_port_alone_move_the_settings_connections() -> None:
    env = run_env(Path("/nonexistent"), {"postgres": 55432, "redis": 55433, "web": 8000})
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'platform'}",
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DATABASES['default']['PORT'], s.CELERY_BROKER_URL, "
        "s.CACHES['default']['LOCATION']]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, result.stderr
    database_port, broker, cache = json.loads(result.stdout.strip().splitlines()[-1])
    assert int(database_port) == 55432
    assert broker.startswith("redis://127.0.0.1:55433/")
    assert cache.startswith("redis://127.0.0.1:55433/")
