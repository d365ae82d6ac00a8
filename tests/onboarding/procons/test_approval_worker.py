"""The supervisor approves an adhesion on the state Procon's host; a real Celery worker provisions
the new Procon, and its host answers its home page on a real web server. Data is committed (the
worker and the web server are other processes), with a city and a sub-domain unique to the run."""

import random
import time

import pytest
import requests
from django.db import connection

from onboarding.procons.lifecycle import ApplicationStatus
from onboarding.procons.models import ProconApplication
from shared.accounts.actions import do_create_user, do_grant_staff_role
from shared.accounts.roles import StaffRole
from shared.geo.models import Municipality
from shared.procons.lifecycle import ProconStatus
from shared.procons.models import Procon
from tests.conftest import host_client
from tests.onboarding.procons.helpers import verified_application

pytestmark = pytest.mark.worker

PASSWORD = "senha-da-supervisao-123"


def _free_city() -> Municipality:
    taken = set(Procon.objects.values_list("municipality_id", flat=True))
    taken |= set(ProconApplication.objects.values_list("municipality_id", flat=True))
    return random.choice(list(Municipality.objects.filter(uf_id=35).exclude(pk__in=taken)))


def test_an_approved_adhesion_is_served_once_the_worker_provisions_it(
    celery_worker_process, live_server_url: str, django_db_blocker
) -> None:
    with django_db_blocker.unblock():
        # given a submitted adhesion and a state supervisor
        suffix = f"{random.randrange(16**6):06x}"
        state = Procon.objects.get(slug="sp")
        supervisor = do_create_user(
            email=f"supervisao.{suffix}@exemplo.test",
            full_name="Sara Supervisora",
            password=PASSWORD,
            email_verified=True,
        )
        do_grant_staff_role(supervisor, procon=state, role=StaffRole.SUPERVISOR)
        application = verified_application(
            municipality=_free_city(),
            procon_name="Procon Aprovado",
            slug=f"aprovado-{suffix}",
            responsible_email=f"aprovado.{suffix}@exemplo.test",
        )
        port = live_server_url.rsplit(":", 1)[1]
        new_host = {"Host": f"aprovado-{suffix}.localhost:{port}"}
        assert requests.get(f"{live_server_url}/", headers=new_host, timeout=30).status_code == 404

        # when the supervisor approves it on the state Procon's host
        client = host_client(state.host)
        assert client.login(username=supervisor.email, password=PASSWORD)
        approved = client.post(f"/supervisao/adesoes/{application.pk}/", {"decision": "approve"})
        assert approved.status_code == 302

        # then, once the worker has provisioned it, the new host answers its home page
        deadline = time.monotonic() + 120
        while True:
            page = requests.get(f"{live_server_url}/", headers=new_host, timeout=30)
            if page.status_code == 200:
                break
            assert time.monotonic() < deadline, f"the new host still answers {page.status_code}"
            time.sleep(0.2)
        assert "Procon Aprovado" in page.text
        connection.set_schema_to_public()
        done = ProconApplication.objects.select_related("procon").get(pk=application.pk)
        assert done.status == ApplicationStatus.ACTIVE
        assert done.procon.status == ProconStatus.ACTIVE
        assert done.provisioning_method == "clone"
