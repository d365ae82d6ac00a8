"""PostgreSQL restarted while gunicorn serves a steady stream of requests: the requests caught by the
restart answer a clean 503 (no traceback, Retry-After), and the same gunicorn serves again once
the database is back, without being restarted (health-checked persistent connections)."""

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from django.db import connection

from tests.faults.conftest import Filer
from tests.support import faults, processes


@pytest.fixture
def own_postgres(django_db_setup, django_db_blocker) -> Iterator[faults.PostgresCluster]:
    """A cluster of its own holding a copy of this session's test database (with its committed
    Procon and consumer): restarting it disturbs no one else."""
    with django_db_blocker.unblock():
        source = processes.test_database_url()
        user = connection.settings_dict["USER"]
    cluster = faults.PostgresCluster(user)
    cluster.start()
    try:
        cluster.copy_database(source, "procon_faults")
        yield cluster
    finally:
        cluster.stop()


def test_a_postgresql_restart_under_traffic_fails_cleanly_and_the_app_recovers_by_itself(
    own_postgres: faults.PostgresCluster, filer: Filer, django_db_blocker, tmp_path: Path
) -> None:
    # given gunicorn on that database, and a filed complaint to read
    port = processes.free_port()
    with django_db_blocker.unblock():
        env = processes.child_env(DATABASE_URL=own_postgres.url("procon_faults"))
    web = faults.start_gunicorn(env, port, tmp_path / "web.log")
    base = f"http://127.0.0.1:{port}"
    host = {"Host": f"{filer.procon.host.split(':')[0]}:{port}"}
    auth = {**host, "Authorization": f"Token {filer.token}"}
    try:
        processes.wait_until(lambda: processes.port_open(port), timeout=60, what="gunicorn")
        filed = requests.post(
            f"{base}/api/v1/complaints/",
            json={
                "company_id": filer.company_id,
                "subject_id": filer.subject_id,
                "problem_id": filer.problem_id,
                "contacted_company_first": True,
                "facts": "A operadora cobra um serviço que nunca contratei.",
                "request": "Quero o cancelamento e o estorno.",
                "lgpd_consent": True,
            },
            headers=auth,
            timeout=30,
        )
        assert filed.status_code == 201, filed.text[:500]
        case_url = f"{base}/api/v1/complaints/{filed.json()['number']}/"

        # when PostgreSQL restarts while requests keep coming (a case read, the Procon's home page)
        answers: list[tuple[float, int, str, str]] = []
        stop = threading.Event()

        def traffic() -> None:
            while not stop.is_set():
                for url, headers in ((case_url, auth), (f"{base}/", host)):
                    try:
                        response = requests.get(url, headers=headers, timeout=15)
                    except requests.RequestException as error:
                        answers.append((time.monotonic(), 0, str(error), ""))
                        continue
                    answers.append(
                        (
                            time.monotonic(),
                            response.status_code,
                            response.text,
                            response.headers.get("Retry-After", ""),
                        )
                    )

        loop = threading.Thread(target=traffic)
        loop.start()
        try:
            time.sleep(1)
            own_postgres._pg_ctl("stop", "-m", "fast")
            time.sleep(2)  # down for a while, as during a real restart or failover
            own_postgres.start()
            back_at = time.monotonic()
            time.sleep(3)
        finally:
            stop.set()
            loop.join(timeout=30)

        # then every request was answered: 200, or a clean 503 that says when to retry
        assert answers, "no traffic"
        statuses = {status for _t, status, _body, _retry in answers}
        assert statuses <= {200, 503}, statuses
        failed = [answer for answer in answers if answer[1] == 503]
        assert failed, "the restart was never noticed"
        for _t, _status, body, retry_after in failed:
            assert (
                "Traceback" not in body and "psycopg" not in body and "OperationalError" not in body
            )
            assert retry_after.isdigit()
        # and the same gunicorn serves again on its own once the database is back
        assert web.poll() is None
        after = [status for t, status, _body, _retry in answers if t > back_at + 1]
        assert after and set(after) == {200}, after
        assert requests.get(case_url, headers=auth, timeout=15).status_code == 200
    finally:
        processes.stop(web)
