"""The worker provisioning a new Procon is killed (SIGKILL) half-way, between the schema and the
host name: nothing is served meanwhile, and once a worker runs again the broker hands the
unacknowledged task back and provisioning finishes where it stopped."""

import psycopg2
import pytest
import requests
from django.db import connection

from config.celery_app import app
from onboarding.procons import actions as onboarding_actions
from onboarding.procons.lifecycle import ApplicationStatus, ProvisioningStep
from onboarding.procons.models import ProconApplication
from onboarding.procons.tasks import provision_procon_application
from shared.geo.models import Municipality
from shared.procons import provisioning
from shared.procons.lifecycle import ProconStatus
from shared.procons.models import Procon
from tests.faults.conftest import FaultStack, eventually
from tests.onboarding.procons.test_supervision import approved_application
from tests.support import processes
from tests.support.mail import public_emails

pytestmark = pytest.mark.worker

BORA = 3507209  # a city no other test provisions


def _application(pk: int) -> ProconApplication:
    connection.set_schema_to_public()
    return ProconApplication.objects.select_related("procon").get(pk=pk)


def test_provisioning_killed_half_way_finishes_when_a_worker_runs_again(
    fault_stack: FaultStack, django_db_blocker, monkeypatch
) -> None:
    with django_db_blocker.unblock():
        # given an approved adhesion (its task goes to the fault stack's broker, below)
        monkeypatch.setattr(onboarding_actions, "enqueue_on_commit", lambda *a, **k: None)
        state = Procon.objects.get(slug="sp")
        application = approved_application(
            state,
            municipality=Municipality.objects.get(ibge_code=BORA),
            procon_name="Procon Borá",
            slug="bora-faults",
            responsible_email="responsavel@bora.test",
        )
        monkeypatch.undo()
        # and host names cannot be written for now: the worker will stop right after the schema
        blocker = psycopg2.connect(processes.test_database_url())
        blocker_pid = blocker.get_backend_pid()
        with blocker.cursor() as cursor:
            cursor.execute("LOCK TABLE public.procons_domain IN SHARE ROW EXCLUSIVE MODE")

        def blocked_backends() -> list[int]:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))",
                    [blocker_pid],
                )
                return [row[0] for row in cursor.fetchall()]

        try:
            with app.connection_for_write(fault_stack.redis_url) as broker:
                provision_procon_application.apply_async(
                    args=[application.pk], headers={"_schema_name": "public"}, connection=broker
                )
            eventually(
                lambda: (
                    _application(application.pk).provisioning_step == ProvisioningStep.SCHEMA
                    and bool(blocked_backends())
                ),
                timeout=90,
                what="provisioning to reach the host name step",
            )

            # when the worker is killed there (its half-done transaction dies with it)
            fault_stack.kill_worker()
            with connection.cursor() as cursor:
                for pid in blocked_backends():
                    cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        finally:
            blocker.rollback()
            blocker.close()

        # then the schema exists, but the Procon is pending and its host is not served
        half = _application(application.pk)
        assert half.status == ApplicationStatus.PROVISIONING
        assert half.procon.status == ProconStatus.PENDING
        assert provisioning.schema_is_complete(half.procon.schema_name)
        host = {"Host": f"{half.procon.host.split(':')[0]}:{fault_stack.web_port}"}
        assert requests.get(f"{fault_stack.url}/", headers=host, timeout=30).status_code == 404

        # when a worker runs again (the broker hands back the unacknowledged task)
        fault_stack.start_worker()
        eventually(
            lambda: _application(application.pk).status == ApplicationStatus.ACTIVE,
            timeout=120,
            what="provisioning to finish",
        )

        # then the Procon is complete and served, and its invitation went out once
        done = _application(application.pk)
        assert done.provisioning_attempts == 2
        assert done.provisioning_error == ""
        assert done.procon.status == ProconStatus.ACTIVE
        assert provisioning.schema_is_complete(done.procon.schema_name)
        assert requests.get(f"{fault_stack.url}/", headers=host, timeout=30).status_code == 200
        assert len(public_emails(f"procon-application:{application.pk}:invitation")) == 1
