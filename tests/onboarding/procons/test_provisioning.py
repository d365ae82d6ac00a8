"""Provisioning killed half-way leaves a pending Procon (its host answers 404) and the error on
the application; the supervisor's retry resumes it into a working tenant."""

import pytest

from onboarding.procons import actions
from onboarding.procons.lifecycle import ApplicationStatus, ProvisioningStep
from onboarding.procons.tasks import provision_procon_application
from shared.accounts.roles import StaffRole
from shared.procons import provisioning
from shared.procons.lifecycle import ProconStatus
from shared.procons.models import Procon
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
        (actions, "do_ensure_procon_defaults", ProvisioningStep.DOMAIN),
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
