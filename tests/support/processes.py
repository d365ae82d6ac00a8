"""Real server processes for tests: a Celery worker, a web server, a throwaway Redis."""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_database_url() -> str:
    """The URL of the test database this pytest worker uses, for child processes."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def child_env(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": test_database_url(),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "platform")]),
    }
    env.update(extra)
    return env


def wait_until(check: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"timed out waiting for {what}")


def wait_until_listening(
    process: subprocess.Popen, port: int, log_path: Path, *, what: str, timeout: float = 60
) -> None:
    """Waits until `process` accepts connections on `port`; if it exits first, the error carries
    its log."""

    def listening() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited:\n{log_path.read_text()}")
        return port_open(port)

    wait_until(listening, timeout=timeout, what=what)


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def serving(
    start: Callable[[int, Path], subprocess.Popen], log_path: Path, *, what: str, blocker
) -> Iterator[int]:
    """A web server `start(port, log_path)` started on a free port (with pytest-django's
    `django_db_blocker` lifted while it starts), listening; stopped after."""
    port = free_port()
    with blocker.unblock():
        process = start(port, log_path)
    wait_until_listening(process, port, log_path, what=what)
    try:
        yield port
    finally:
        stop(process)


def _started(command: list[str], log_path: Path, **env: str) -> subprocess.Popen:
    """`command` run from the project's root with the children's environment plus `env`, its
    output (and errors) written to `log_path`."""
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=child_env(**env),
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
    )


def start_celery_worker(log_path: Path, *, mail_dir: Path, **env: str) -> subprocess.Popen:
    """`env` adds environment variables (e.g. a provider's URLs)."""
    return _started(
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            "--pool=threads",
            "--concurrency=2",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            f"--hostname=test-{os.getpid()}@%h",
        ],
        log_path,
        TEST_EMAIL_FILE_PATH=str(mail_dir),
        **env,
    )


def start_web_server(port: int, log_path: Path, **env: str) -> subprocess.Popen:
    """gunicorn on the test database; `env` adds environment variables (e.g. a provider's URLs)."""
    return _started(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--access-logfile",
            "-",
        ],
        log_path,
        PLATFORM_PORT=str(port),
        **env,
    )


def start_run_web_server(port: int, log_path: Path, **env: str) -> subprocess.Popen:
    """gunicorn exactly as `make run` starts it (deploy/scripts/web.sh), on the test database."""
    web_sh = str(ROOT / "deploy" / "scripts" / "web.sh")
    address = f"127.0.0.1:{port}"
    return _started(
        ["bash", web_sh],
        log_path,
        RUN_ADDR=address,
        PLATFORM_PORT=str(port),
        VENV_BIN=str(BIN),
        **env,
    )


def start_redis(port: int, workdir: Path) -> subprocess.Popen:
    redis = shutil.which("redis-server")
    if redis is None:
        raise RuntimeError(
            "redis-server is not installed (make test installs nothing; run .ci/run or apt-get)"
        )
    return subprocess.Popen(
        [
            redis,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )


# localstripe (a Stripe-compatible server) on loopback only, keeping its store in memory (its own
# entry point listens on every interface and pickles its store to a shared /tmp file).
LOCALSTRIPE_LAUNCHER = """
import logging, sys
from aiohttp import web
from localstripe import resources, server
resources.Store.dump_to_disk = lambda self: None
logging.basicConfig(level=logging.INFO)
web.run_app(server.app, host="127.0.0.1", port=int(sys.argv[1]), print=None,
            access_log=logging.getLogger("aiohttp.access"))
"""


def start_localstripe(port: int, log_path: Path) -> subprocess.Popen:
    log = log_path.open("w")
    return subprocess.Popen(
        [sys.executable, "-c", LOCALSTRIPE_LAUNCHER, str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
