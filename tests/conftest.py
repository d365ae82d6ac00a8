"""Session-wide fixtures: three Procons (schemas created once per test session and reused),
clients bound to their hosts, and real worker / web processes on demand."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django_tenants.utils import tenant_context

from kernel.process_cache import forget_all
from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.companies.models import Company
from shared.geo.models import Municipality
from shared.procons.actions import do_provision_procon
from shared.procons.lifecycle import ProconKind
from shared.procons.models import Procon
from shared.procons.provisioning import prepare_tenant_template
from tests.factories import CompanyFactory, ConsumerFactory, company_agent, staff
from tests.support import processes, two_factor
from tests.support.twilio import TwilioLoopback, twilio_loopback

# Test clients' force_login/login open OTP-verified sessions (tests/support/two_factor.py says
# why); tests of the second step itself use two_factor.force_login_unverified.
two_factor.install()

TENANTS = [
    ("sp", "Procon-SP", ProconKind.STATE, 3550308),
    ("santos", "Procon Santos", ProconKind.MUNICIPAL, 3548500),
    ("campinas", "Procon Campinas", ProconKind.MUNICIPAL, 3509502),
]


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_blocker,
    django_db_modify_db_settings: None,
) -> Iterator[None]:
    """The session's test database, created whenever any test needs the database (pytest-django's
    own setup only creates it when a collected test carries the django_db marker, and the tests
    that need committed data must not carry it), with the three Procons provisioned once."""
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        db_cfg = setup_databases(
            verbosity=verbosity, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
        # The template new Procons are cloned from, as a deploy prepares it after migrating.
        prepare_tenant_template()
        for slug, name, kind, ibge in TENANTS:
            do_provision_procon(
                kind=kind,
                name=name,
                slug=slug,
                municipality=Municipality.objects.get(ibge_code=ibge),
            )
        connection.set_schema_to_public()
    yield
    with django_db_blocker.unblock():
        # Child processes (worker, web server) are gone, but PostgreSQL may still be closing
        # their sessions; end them so that the test database can be dropped.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        teardown_databases(db_cfg, verbosity=verbosity)


@pytest.fixture(scope="session")
def committed_procon(django_db_setup, django_db_blocker) -> Procon:
    """A fourth Procon (Sorocaba) for tests whose data must be committed (a real worker or web
    server reads it): its committed complaints never disturb the tests of Santos and Campinas.
    The timeline is append-only, so nothing is cleaned up; the database dies with the session."""
    with django_db_blocker.unblock():
        procon = Procon.objects.filter(slug="sorocaba").first() or do_provision_procon(
            kind=ProconKind.MUNICIPAL,
            name="Procon Sorocaba",
            slug="sorocaba",
            municipality=Municipality.objects.get(ibge_code=3552205),
        )
        connection.set_schema_to_public()
    return procon


@pytest.fixture
def committed(committed_procon: Procon, django_db_blocker) -> Iterator[Procon]:
    """Autocommit database access in the session's committed Procon (Sorocaba): what the test
    writes is visible to a real worker or web server, and what they write to the test."""
    with django_db_blocker.unblock():
        yield committed_procon
        connection.set_schema_to_public()


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    """An empty cache before and after the test: throttles count in the cache, which no test's
    rollback empties (mark a module `usefixtures("fresh_cache")`)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _back_to_public_schema() -> Iterator[None]:
    yield
    connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> None:
    """Each test's changes (Procons, settings, the catalogue...) roll back with its transaction,
    which no signal sees: the process's memory of them starts empty in every test."""
    forget_all()


@pytest.fixture
def state_procon(db) -> Procon:
    return Procon.objects.get(slug="sp")


@pytest.fixture
def procon(db) -> Procon:
    return Procon.objects.get(slug="santos")


@pytest.fixture
def other_procon(db) -> Procon:
    return Procon.objects.get(slug="campinas")


@pytest.fixture
def santos(procon: Procon) -> Iterator[Procon]:
    """Santos (the `procon` fixture) with its schema active for the whole test, for tests that
    call a tenant app's actions directly."""
    with tenant_context(procon):
        yield procon


def host_client(host: str) -> Client:
    return Client(HTTP_HOST=host)


@pytest.fixture
def public_client() -> Client:
    return host_client("localhost")


@pytest.fixture
def procon_client(procon: Procon) -> Client:
    return host_client(procon.host)


@pytest.fixture
def other_procon_client(other_procon: Procon) -> Client:
    return host_client(other_procon.host)


# The people of a case at Santos (the `procon` fixture). A module whose tests call a tenant
# app's actions directly marks them `usefixtures("santos")` so that the schema is active.


@pytest.fixture
def attendant(procon: Procon) -> User:
    return staff(procon, StaffRole.ATTENDANT)


@pytest.fixture
def conciliator(procon: Procon) -> User:
    return staff(procon, StaffRole.CONCILIATOR, full_name="Clara Conciliadora")


@pytest.fixture
def inspector(procon: Procon) -> User:
    return staff(procon, StaffRole.INSPECTOR)


@pytest.fixture
def judge(procon: Procon) -> User:
    return staff(procon, StaffRole.JUDGE)


@pytest.fixture
def supervisor(state_procon: Procon) -> User:
    """The state Procon's supervisor."""
    return staff(state_procon, StaffRole.SUPERVISOR)


@pytest.fixture
def consumer(db) -> User:
    return ConsumerFactory()


@pytest.fixture
def company(db) -> Company:
    return CompanyFactory()


@pytest.fixture
def agent(company: Company) -> User:
    """An agent of `company`."""
    return company_agent(company)


@pytest.fixture(scope="session")
def logs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("logs")


@pytest.fixture(scope="session")
def twilio_server() -> Iterator[TwilioLoopback]:
    """The loopback Twilio the real worker sends text messages to, for the session."""
    with twilio_loopback() as loopback:
        yield loopback


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, logs_dir: Path, twilio_server):
    """A real Celery worker on the real Redis, reading this session's test database; its text
    messages go to the session's loopback Twilio (`twilio_server`)."""
    from config.celery_app import app

    log_path = logs_dir / "celery-worker.log"
    with django_db_blocker.unblock():
        process = processes.start_celery_worker(
            log_path, mail_dir=logs_dir / "worker-mail", TEST_TWILIO_BASE_URL=twilio_server.url
        )

    def answers() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"celery worker exited:\n{log_path.read_text()}")
        return bool(app.control.ping(timeout=0.5))

    processes.wait_until(answers, timeout=60, what="the Celery worker")
    yield process
    processes.stop(process)


@pytest.fixture(scope="session")
def worker_mail_dir(celery_worker_process, logs_dir: Path) -> Path:
    """Where the real worker's e-mail backend writes each message it sends (one file per connection)."""
    return logs_dir / "worker-mail"


@pytest.fixture(scope="session")
def web_server(django_db_setup, django_db_blocker, logs_dir: Path):
    """Serves the test database with a web server: `with web_server(start, "x.log", what=...) as
    port:` starts `start(port, log_path)` on a free port, its log in the session's logs, and stops
    it after."""

    def serve(start, log_name: str, *, what: str):
        return processes.serving(start, logs_dir / log_name, what=what, blocker=django_db_blocker)

    return serve


@pytest.fixture(scope="session")
def live_server_url(web_server) -> Iterator[str]:
    """A real gunicorn serving this session's test database; `{slug}.localhost:{port}` reaches a Procon."""
    with web_server(processes.start_web_server, "web.log", what="the web server") as port:
        yield f"http://localhost:{port}"


@pytest.fixture(scope="session")
def localstripe_url(logs_dir: Path) -> Iterator[str]:
    """localstripe (a Stripe-compatible server from PyPI) on a free loopback port, for the session."""
    port = processes.free_port()
    log_path = logs_dir / "localstripe.log"
    process = processes.start_localstripe(port, log_path)
    processes.wait_until_listening(process, port, log_path, what="localstripe", timeout=30)
    yield f"http://127.0.0.1:{port}"
    processes.stop(process)


def _user_properties(terminalreporter: pytest.TerminalReporter, name: str) -> list[dict]:
    """The values tests recorded under `name` (record_property), over every xdist worker."""
    return [
        value
        for report in terminalreporter.stats.get("passed", [])
        + terminalreporter.stats.get("failed", [])
        if report.when == "call"
        for key, value in report.user_properties
        if key == name
    ]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The API fuzzing's totals (tests/hostile: test_api_fuzzing.py, test_api_stateful.py)."""
    if runs := _user_properties(terminalreporter, "schemathesis"):
        terminalreporter.write_line(
            f"schemathesis: {len(runs)} host × role runs, "
            f"{sum(run['operations'] for run in runs)} operation runs, "
            f"{sum(run['cases'] for run in runs)} cases"
        )
    if runs := _user_properties(terminalreporter, "schemathesis_stateful"):
        terminalreporter.write_line(
            f"schemathesis stateful: {len(runs)} host × role runs, "
            f"{sum(run['scenarios'] for run in runs)} scenarios, "
            f"{sum(run['cases'] for run in runs)} cases, "
            f"{sum(run['linked'] for run in runs)} along a link"
        )
