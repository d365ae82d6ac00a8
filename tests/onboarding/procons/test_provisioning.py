"""Provisioning killed half-way leaves a pending Procon (its host answers 404) and the error on
the application; the supervisor's retry resumes it into a working tenant. A new Procon has its
defaults whether its schema was cloned (copied from the template) or migrated (seeded)."""

import pytest
from django_tenants.utils import tenant_context

from onboarding.procons import actions
from onboarding.procons.lifecycle import ApplicationStatus, ProvisioningStep
from onboarding.procons.tasks import provision_procon_application
from shared.accounts.roles import StaffRole
from shared.procons import provisioning
from shared.procons.lifecycle import ProconStatus
from shared.procons.models import Procon
from tenants.catalogue.models import Subject
from tenants.configuration.models import ProconSettings
from tests.conftest import host_client
from tests.factories import PASSWORD, staff
from tests.onboarding.procons.test_supervision import approved_application

pytestmark = pytest.mark.django_db


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("worker killed")


@pytest.mark.parametrize(
    ("target", "name", "done"),
    [
        (provisioning, "clone_schema", ""),
        (actions, "do_ensure_procon_domain", ProvisioningStep.SCHEMA),
        (actions, "_has_defaults", ProvisioningStep.DOMAIN),
        (actions, "do_activate_procon", ProvisioningStep.SETTINGS),
    ],
)
def test_a_failed_step_leaves_no_served_tenant_and_a_retry_finishes_it(
    state_procon, monkeypatch, target, name, done
) -> None:
    # given provisioning dies at a step
    application = approved_application(state_procon)
    with monkeypatch.context() as patch:
        patch.setattr(target, name, _boom)
        assert provision_procon_application(application.pk) == ApplicationStatus.FAILED

    # then the error is recorded, the Procon is not served, no invitation went out
    application.refresh_from_db()
    assert application.provisioning_step == done
    assert "worker killed" in application.provisioning_error
    assert host_client(application.host).get("/").status_code == 404
    procon = Procon.objects.filter(slug=application.slug).first()
    assert procon is None or procon.status == ProconStatus.PENDING
    assert not actions.ProconApplication.objects.filter(
        pk=application.pk, invitation_accepted_at__isnull=False
    ).exists()

    # when the supervisor retries (page), and the task runs again
    supervisor = staff(state_procon, StaffRole.SUPERVISOR)
    client = host_client(state_procon.host)
    assert client.login(username=supervisor.email, password=PASSWORD)
    page = client.get(f"/supervisao/adesoes/{application.pk}/")
    assert b'data-testid="retry-form"' in page.content
    assert b'data-testid="provisioning-error"' in page.content
    retried = client.post(f"/supervisao/adesoes/{application.pk}/", {"decision": "retry"})
    assert retried.status_code == 302
    assert provision_procon_application(application.pk) == ApplicationStatus.ACTIVE

    # then the tenant works
    application.refresh_from_db()
    assert application.provisioning_error == ""
    assert application.provisioning_attempts == 2
    assert application.procon.status == ProconStatus.ACTIVE
    assert host_client(application.host).get("/").status_code == 200
    assert provisioning.schema_is_complete(application.procon.schema_name)


def test_a_failed_application_is_not_provisioned_without_a_retry(state_procon, monkeypatch) -> None:
    application = approved_application(state_procon)
    monkeypatch.setattr(actions, "do_ensure_procon_domain", _boom)
    provision_procon_application(application.pk)
    monkeypatch.undo()
    assert provision_procon_application(application.pk) == ApplicationStatus.FAILED


@pytest.mark.parametrize("method", ["clone", "migrate"])
def test_a_new_procon_has_its_defaults_whichever_way_its_schema_was_made(
    state_procon, settings, method
) -> None:
    # given schemas are made this way
    settings.PROCON_PROVISIONING = method
    application = approved_application(state_procon)

    # when the worker's task provisions the approved application
    assert provision_procon_application(application.pk) == ApplicationStatus.ACTIVE

    # then its schema holds the settings row and the subject catalogue, and its host answers
    application.refresh_from_db()
    assert application.provisioning_method == method
    with tenant_context(application.procon):
        assert ProconSettings.objects.exists()
        assert Subject.objects.filter(active=True).exists()
    assert host_client(application.host).get("/").status_code == 200
