"""Tenancy that costs no query: the host's Procon is remembered by each process (and forgotten on
every change), and the search_path is sent only when the schema changes — never at the price of
a request reaching another Procon's data."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from shared.accounts.actions import do_issue_api_token
from shared.accounts.roles import StaffRole
from shared.procons import hosts
from shared.procons.actions import do_suspend_procon
from shared.procons.lifecycle import ProconStatus
from shared.procons.models import Domain, Procon
from tenants.catalogue.models import Subject
from tests.conftest import host_client
from tests.factories import ConsumerFactory, staff

pytestmark = pytest.mark.django_db


def _sql(captured: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def test_a_procon_host_costs_no_query_more_than_the_platform_host(procon: Procon) -> None:
    consumer = ConsumerFactory()
    _token, key = do_issue_api_token(consumer, name="bench")
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    platform, santos = host_client("localhost"), host_client(procon.host)
    platform.get("/api/v1/me/", **auth)
    santos.get("/api/v1/me/", **auth)  # the process learns the host

    with CaptureQueriesContext(connection) as on_platform:
        assert platform.get("/api/v1/me/", **auth).status_code == 200
    with CaptureQueriesContext(connection) as on_procon:
        assert santos.get("/api/v1/me/", **auth).status_code == 200

    assert not any("procons_domain" in sql for sql in _sql(on_procon))
    # The same queries on both hosts (each request here also switches the connection's schema
    # from the other one's, one SET on each side): no domain lookup, nothing more for tenancy.
    assert len(on_procon) == len(on_platform)


def test_a_second_request_on_the_same_procon_sends_no_set_search_path(procon: Procon) -> None:
    client = host_client(procon.host)
    client.get("/healthz")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/healthz").json()["schema"] == "procon_santos"
    assert not any(sql.startswith("SET search_path") for sql in _sql(captured))


def test_switching_procons_sends_the_new_search_path_and_reaches_the_new_schema(
    procon: Procon, other_procon: Procon
) -> None:
    assert host_client(procon.host).get("/healthz").json()["schema"] == "procon_santos"
    with CaptureQueriesContext(connection) as captured:
        assert host_client(other_procon.host).get("/healthz").json()["schema"] == "procon_campinas"
    to_campinas = [sql for sql in _sql(captured) if sql.startswith('SET search_path = "procon_c')]
    # One switch to Campinas, travelling with a statement (no round trip of its own).
    assert len(to_campinas) == 1
    assert to_campinas[0].startswith('SET search_path = "procon_campinas","public"; SELECT ')
    assert not any(sql.startswith("SET search_path") and "; " not in sql for sql in _sql(captured))
    with connection.cursor() as cursor:  # what the database session really has
        cursor.execute("SELECT current_schema()")
        assert cursor.fetchone()[0] == "procon_campinas"


def test_a_rolled_back_savepoint_does_not_leave_queries_in_the_wrong_schema(
    procon: Procon, other_procon: Procon
) -> None:
    """ROLLBACK TO SAVEPOINT reverts a SET issued after the savepoint: the next query in the same
    schema must send it again rather than read the schema the database went back to."""

    def mark(name: str) -> None:
        Subject.objects.create(area=Subject.objects.first().area, name=name)

    def marks() -> set[str]:
        return set(Subject.objects.filter(name__startswith="Só de ").values_list("name", flat=True))

    with tenant_context(procon):
        mark("Só de Santos")
    with tenant_context(other_procon):
        mark("Só de Campinas")

    connection.set_tenant(procon)
    assert marks() == {"Só de Santos"}
    try:
        with transaction.atomic():
            connection.set_tenant(other_procon)
            assert marks() == {"Só de Campinas"}
            raise RuntimeError("roll the savepoint back")
    except RuntimeError:
        pass
    # The database went back to Santos' search_path while the connection still names Campinas:
    # naming Campinas again (as the next tenant_context or request would) must send its path.
    connection.set_tenant(other_procon)
    assert marks() == {"Só de Campinas"}
    connection.set_tenant(procon)
    assert marks() == {"Só de Santos"}


def _current_schema(wrapper) -> str:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return cursor.fetchone()[0]


def test_a_rolled_back_transaction_does_not_leave_queries_in_the_wrong_schema(
    procon: Procon, other_procon: Procon
) -> None:
    """ROLLBACK reverts a SET made in the transaction: naming that schema again afterwards must
    send it again. (A connection of its own: the test's transaction cannot be rolled back.)"""
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        other.set_tenant(procon)
        assert _current_schema(other) == "procon_santos"
        other.set_autocommit(False)
        other.set_tenant(other_procon)
        assert _current_schema(other) == "procon_campinas"
        other.rollback()  # the session is back on Santos' path
        other.set_autocommit(True)
        other.set_tenant(other_procon)
        assert _current_schema(other) == "procon_campinas"
    finally:
        other.close()


def test_the_path_is_the_procon_named_when_the_statement_runs_not_when_the_cursor_opened(
    procon: Procon, other_procon: Procon
) -> None:
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        other.set_tenant(procon)
        cursor = other.cursor()  # opened while Santos is named; nothing sent yet
        other.set_tenant(other_procon)
        cursor.execute("SELECT current_schema()")
        assert cursor.fetchone()[0] == "procon_campinas"
        cursor.close()
        other.set_tenant(procon)
        assert _current_schema(other) == "procon_santos"
    finally:
        other.close()


def test_a_failed_statement_leaves_the_path_unknown_and_the_next_one_sends_it_again(
    procon: Procon, other_procon: Procon
) -> None:
    """The statement that carried the SET failed, so PostgreSQL undid the SET with it: the
    connection must not count the path as in place."""
    from django.db.utils import ProgrammingError

    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        other.set_tenant(procon)
        assert _current_schema(other) == "procon_santos"
        other.set_tenant(other_procon)
        with pytest.raises(ProgrammingError), other.cursor() as cursor:
            cursor.execute("SELECT no_such_column FROM complaints_complaint")
        with CaptureQueriesContext(other) as captured:
            assert _current_schema(other) == "procon_campinas"
        assert _sql(captured)[0].startswith('SET search_path = "procon_campinas","public"; ')
    finally:
        other.close()


def test_a_statement_that_must_run_alone_gets_the_set_before_it(procon: Procon) -> None:
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        other.set_tenant(procon)
        with CaptureQueriesContext(other) as captured, other.cursor() as cursor:
            cursor.execute("CREATE TEMPORARY TABLE scratch (n integer)")
        assert _sql(captured) == [
            'SET search_path = "procon_santos","public"',
            "CREATE TEMPORARY TABLE scratch (n integer)",
        ]
        assert _current_schema(other) == "procon_santos"
    finally:
        other.close()


def test_a_suspension_is_seen_at_once_by_the_process_that_made_it(procon: Procon) -> None:
    client = host_client(procon.host)
    assert client.get("/healthz").status_code == 200  # remembered as active
    supervisor = staff(Procon.objects.get(slug="sp"), StaffRole.SUPERVISOR)

    do_suspend_procon(procon, actor=supervisor, reason="Convênio vencido")

    # A suspended Procon still serves its cases, but as suspended (it refuses new complaints).
    assert client.get("/healthz").status_code == 200
    served = hosts.served_procon(procon.host)
    assert served is not None and served.status == ProconStatus.SUSPENDED


def test_a_new_host_name_is_served_at_once(procon: Procon) -> None:
    assert host_client("procon-santos.localhost").get("/healthz").status_code == 404  # remembered
    Domain.objects.create(domain="procon-santos.localhost", tenant=procon, is_primary=False)
    assert host_client("procon-santos.localhost").get("/healthz").json()["schema"] == (
        "procon_santos"
    )


def test_another_process_change_is_seen_once_the_shared_generation_moves(
    procon: Procon, settings
) -> None:
    """Another web process changed the Procon (here: an UPDATE no signal of this process saw) and
    published it by bumping the shared generation: this process drops what it remembers at its
    next look at the shared cache."""
    settings.PROCESS_CACHE_CHECK_SECONDS = 0
    client = host_client(procon.host)
    assert client.get("/healthz").status_code == 200
    Procon.objects.filter(pk=procon.pk).update(status=ProconStatus.PENDING)
    assert client.get("/healthz").status_code == 200  # nothing published yet: remembered

    cache, key = hosts.HOSTS.shared_cache(), hosts.HOSTS.generation_key
    cache.set(key, (cache.get(key) or 0) + 1, timeout=None)

    assert client.get("/healthz").status_code == 404  # a pending Procon is not served


def test_without_the_shared_cache_every_request_asks_the_database(procon: Procon, settings) -> None:
    settings.CACHES = {
        **settings.CACHES,
        "unreachable": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # discard port: nothing listens
            "OPTIONS": {"socket_connect_timeout": 0.2},
        },
    }
    settings.PROCESS_CACHE_ALIAS = "unreachable"
    settings.PROCESS_CACHE_CHECK_SECONDS = 0
    client = host_client(procon.host)
    assert client.get("/healthz").status_code == 200
    Procon.objects.filter(pk=procon.pk).update(status=ProconStatus.PENDING)
    assert client.get("/healthz").status_code == 404  # nothing was remembered


def test_a_flood_of_made_up_hosts_cannot_grow_the_memory_without_bound(monkeypatch) -> None:
    monkeypatch.setattr(hosts.HOSTS, "max_entries", 5)
    for number in range(12):
        assert host_client(f"inventado-{number}.localhost").get("/healthz").status_code == 404
    assert len(hosts.HOSTS) <= 5


def test_the_procon_a_request_carries_is_its_own_copy(procon: Procon) -> None:
    first = hosts.served_procon(procon.host)
    first.name = "Mudado no pedido"
    assert hosts.served_procon(procon.host).name == "Procon Santos"
