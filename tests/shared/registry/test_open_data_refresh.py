"""Open data stays fresh: beat rebuilds it hourly, `make run` builds it at start (the
`rebuild_open_data` command), and the state supervisor can ask for it now (queued to the real
worker, audited); the page says when the file was built."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from shared.accounts.roles import StaffRole
from shared.audit.models import AuditEntry
from shared.registry.models import OpenDataExport, SindecExport
from tests.conftest import host_client
from tests.factories import CompanyFactory, staff
from tests.shared.registry.helpers import index_case
from tests.support.clients import logged_in_client
from tests.support.processes import wait_until

REBUILD = "/supervisao/dados-abertos/atualizar/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_beat_rebuilds_the_open_data_at_least_hourly() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["rebuild-open-data"]
    assert entry["task"] == "shared.registry.tasks.rebuild_open_data"
    assert entry["schedule"] <= 3600


@pytest.mark.django_db
def test_the_start_command_builds_every_open_data_and_sindec_file(procon) -> None:
    # given a founded case closed this year (so the registry has this year)
    closed = timezone.now() - timedelta(hours=1)
    index_case(procon, CompanyFactory(), closed_at=closed, classification="founded_met")

    call_command("rebuild_open_data", verbosity=0)

    assert OpenDataExport.objects.filter(procon=None).exists()
    assert OpenDataExport.objects.filter(procon=procon).get().rows >= 1
    assert SindecExport.objects.filter(year=timezone.localdate().year).get().rows >= 1


@pytest.mark.django_db
def test_the_page_shows_when_the_file_was_built_and_the_button_to_the_supervisor_only(
    state_procon, procon
) -> None:
    call_command("rebuild_open_data", verbosity=0)
    export = OpenDataExport.objects.get(procon=state_procon)
    supervisor = staff(state_procon, StaffRole.SUPERVISOR)

    page = logged_in_client(supervisor, state_procon.host).get("/dados-abertos/").content.decode()
    anonymous = host_client(state_procon.host).get("/dados-abertos/").content.decode()
    municipal = logged_in_client(staff(procon, StaffRole.TENANT_ADMIN), procon.host).get(
        "/dados-abertos/"
    )

    stamp = timezone.localtime(export.generated_at).strftime("%Y-%m-%dT%H:%M:%S")
    assert f'datetime="{stamp}' in page
    assert 'data-testid="open-data-rebuild"' in page
    assert 'data-testid="open-data-rebuild"' not in anonymous
    assert 'data-testid="open-data-rebuild"' not in municipal.content.decode()


@pytest.mark.django_db
def test_only_the_state_supervisor_may_ask_for_a_rebuild(state_procon, procon) -> None:
    attendant = staff(state_procon, StaffRole.ATTENDANT)
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    supervisor = staff(state_procon, StaffRole.SUPERVISOR)

    assert host_client(state_procon.host).post(REBUILD).status_code == 302  # to the login page
    assert logged_in_client(attendant, state_procon.host).post(REBUILD).status_code == 404
    assert logged_in_client(admin, procon.host).post(REBUILD).status_code == 404
    assert logged_in_client(supervisor, state_procon.host).get(REBUILD).status_code == 405


@pytest.mark.worker
def test_the_supervisors_rebuild_is_built_by_the_worker_and_audited(
    django_db_setup, django_db_blocker, celery_worker_process
) -> None:
    from shared.procons.models import Procon

    before = timezone.now()
    with django_db_blocker.unblock():
        try:
            state = Procon.objects.get(slug="sp")
            supervisor = staff(state, StaffRole.SUPERVISOR)

            response = logged_in_client(supervisor, state.host).post(REBUILD)

            assert response.status_code == 302
            assert response["Location"] == "/dados-abertos/"
            wait_until(
                lambda: OpenDataExport.objects.filter(
                    procon=None, generated_at__gt=before
                ).exists(),
                timeout=60,
                what="the state-wide open-data file built by the worker",
            )
            entry = AuditEntry.objects.filter(user_email=supervisor.email, path=REBUILD).get()
            assert (entry.method, entry.status_code) == ("POST", 302)
        finally:
            # the worker committed its files: later tests start before the first build
            connection.set_schema_to_public()
            OpenDataExport.objects.filter(generated_at__gte=before).delete()
            SindecExport.objects.filter(generated_at__gte=before).delete()
