"""A platform of real processes the fault tests may break: gunicorn, one Celery worker and Celery
beat on a Redis of their own (never the Redis other tests use), sending e-mail to an SMTP server
the test controls, over this session's test database. Data is committed, in the session's
committed Procon (Sorocaba)."""

import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from django.db import connection
from django_tenants.utils import tenant_context

from shared.accounts.actions import do_issue_api_token
from shared.procons.models import Procon
from tenants.catalogue.hierarchy import problems_for
from tenants.catalogue.models import Subject
from tests.factories import CompanyFactory, ConsumerFactory
from tests.support import faults, processes


@dataclass
class FaultStack:
    workdir: Path
    logs: Path
    redis_port: int
    sink: faults.SmtpSink
    web_port: int
    redis: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None
    beat: subprocess.Popen | None = None
    web: subprocess.Popen | None = None
    workers_started: int = 0
    env: dict[str, str] = field(default_factory=dict)

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    def start_redis(self) -> None:
        self.redis = processes.start_redis(self.redis_port, self.workdir)
        processes.wait_until(lambda: processes.port_open(self.redis_port), timeout=20, what="Redis")

    def stop_redis(self) -> None:
        assert self.redis is not None
        processes.stop(self.redis)
        processes.wait_until(
            lambda: not processes.port_open(self.redis_port), timeout=20, what="Redis to stop"
        )

    def start_worker(self) -> None:
        self.workers_started += 1
        log = self.logs / f"worker-{self.workers_started}.log"
        self.worker = faults.start_worker(self.env, log, f"faults{self.workers_started}")

        def ready() -> bool:
            if self.worker.poll() is not None:
                raise RuntimeError(f"celery worker exited:\n{log.read_text()}")
            return " ready." in log.read_text()

        processes.wait_until(ready, timeout=60, what="the Celery worker")

    def kill_worker(self) -> None:
        assert self.worker is not None
        faults.kill(self.worker)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def headers(self, host: str, **extra: str) -> dict[str, str]:
        """The Host header that reaches a Procon (`*.localhost` may not resolve here)."""
        return {"Host": f"{host.split(':')[0]}:{self.web_port}", **extra}

    def log_text(self, name: str) -> str:
        return "".join(path.read_text() for path in sorted(self.logs.glob(f"{name}*.log")))


@pytest.fixture(scope="session")
def fault_stack(
    django_db_setup, django_db_blocker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FaultStack]:
    workdir = tmp_path_factory.mktemp("faults")
    logs = workdir / "logs"
    logs.mkdir()
    stack = FaultStack(
        workdir=workdir,
        logs=logs,
        redis_port=processes.free_port(),
        sink=faults.SmtpSink(),
        web_port=processes.free_port(),
    )
    with django_db_blocker.unblock():
        stack.env = faults.fault_env(redis_url=stack.redis_url, smtp_port=stack.sink.port)
    stack.start_redis()
    try:
        stack.start_worker()
        stack.beat = faults.start_beat(stack.env, logs / "beat.log", workdir)
        stack.web = faults.start_gunicorn(stack.env, stack.web_port, logs / "web.log")

        def serving() -> bool:
            if stack.web.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{stack.log_text('web')}")
            return processes.port_open(stack.web_port)

        processes.wait_until(serving, timeout=60, what="gunicorn")
        # Loaded and connected before any test times a request.
        requests.get(f"{stack.url}/healthz", timeout=60)
        yield stack
    finally:
        for process in (stack.web, stack.beat, stack.worker, stack.redis):
            if process is not None:
                processes.stop(process)
        stack.sink.close()


@dataclass
class Filer:
    """A consumer with an API token, filing at the committed Procon through the real server."""

    procon: Procon
    token: str
    company_id: int
    subject_id: int
    problem_id: int

    def file(self, stack: FaultStack, *, key: str, timeout: float = 30) -> requests.Response:
        return requests.post(
            f"{stack.url}/api/v1/complaints/",
            json={
                "company_id": self.company_id,
                "subject_id": self.subject_id,
                "problem_id": self.problem_id,
                "contacted_company_first": True,
                "facts": "Comprei uma geladeira que chegou quebrada e a loja não troca.",
                "request": "Quero a troca do produto.",
                "lgpd_consent": True,
            },
            headers=stack.headers(
                self.procon.host, Authorization=f"Token {self.token}", **{"Idempotency-Key": key}
            ),
            timeout=timeout,
        )

    def read(self, stack: FaultStack, number: str) -> requests.Response:
        return requests.get(
            f"{stack.url}/api/v1/complaints/{number}/",
            headers=stack.headers(self.procon.host, Authorization=f"Token {self.token}"),
            timeout=30,
        )


@pytest.fixture(scope="session")
def filer(committed_procon: Procon, django_db_blocker) -> Filer:
    with django_db_blocker.unblock():
        consumer = ConsumerFactory()
        _token, key = do_issue_api_token(consumer, name="faults")
        company = CompanyFactory()
        with tenant_context(committed_procon):
            subject = Subject.objects.filter(active=True).first()
            problem = problems_for(subject).first()
        connection.set_schema_to_public()
    return Filer(committed_procon, key, company.pk, subject.pk, problem.pk)


def eventually(check, *, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    processes.wait_until(check, timeout=timeout, what=what)


def settle(seconds: float) -> None:
    """Give beat and the worker time to do something they must not do (send twice)."""
    time.sleep(seconds)
