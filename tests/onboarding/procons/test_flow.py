"""The whole adhesion: sign-up, e-mail confirmation, the supervisor's approval, provisioning by
the worker's task, the new host serving its home page, the invitation making the person
responsible the Procon's administrator."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from onboarding.procons.lifecycle import ApplicationStatus, ProvisioningStep
from onboarding.procons.models import ProconApplication
from onboarding.procons.plans import default_plan
from onboarding.procons.tasks import provision_procon_application
from shared.accounts.models import StaffMembership, User
from shared.accounts.roles import StaffRole
from shared.procons.lifecycle import ProconStatus
from tests.conftest import host_client
from tests.factories import PASSWORD, staff
from tests.onboarding.procons.helpers import SAO_VICENTE
from tests.support.mail import link_path, public_emails
from tests.support.two_factor import current_code

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "uma senha nova e comprida 2026"


def test_a_city_adheres_from_sign_up_to_its_administrator(state_procon, public_client) -> None:
    # given an applicant signs up on the platform's host
    form = public_client.get("/adesao/")
    assert form.status_code == 200
    response = public_client.post(
        "/adesao/",
        {
            "city": str(SAO_VICENTE),
            "procon_name": "Procon São Vicente",
            "slug": "Sao-Vicente",
            "plan": default_plan(),
            "responsible_name": "Maria da Silva",
            "responsible_email": "Maria@SaoVicente.test",
            "responsible_phone": "(13) 3333-0000",
            "responsible_role": "Coordenadora",
            "agreement_number": "",
            "agreement_date": "",
        },
    )
    assert response.status_code == 200
    assert b'data-testid="procon-application-received"' in response.content
    application = ProconApplication.objects.get(slug="sao-vicente")
    assert application.status == ApplicationStatus.EMAIL_PENDING
    assert application.responsible_email == "maria@saovicente.test"

    # the supervisor does not see it before the e-mail is confirmed
    supervisor = staff(state_procon, StaffRole.SUPERVISOR)
    supervision = host_client(state_procon.host)
    assert supervision.login(username=supervisor.email, password=PASSWORD)
    assert (
        f'application-{application.pk}"'.encode()
        not in supervision.get("/supervisao/adesoes/").content
    )

    # when the applicant follows the confirmation link
    [verify] = public_emails(f"procon-application:{application.pk}:verify")
    assert verify.to == ["maria@saovicente.test"]
    confirmed = public_client.get(link_path(verify))
    assert confirmed.status_code == 302
    status_page = public_client.get(confirmed["Location"])
    assert status_page.status_code == 200
    assert b'data-status="submitted"' in status_page.content
    assert public_emails(f"procon-application:{application.pk}:submitted")

    # then the supervisor sees it and approves it
    listing = supervision.get("/supervisao/adesoes/")
    assert f'data-testid="application-{application.pk}"'.encode() in listing.content
    decided = supervision.post(f"/supervisao/adesoes/{application.pk}/", {"decision": "approve"})
    assert decided.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_by == supervisor and application.decided_at is not None
    [approved] = public_emails(f"procon-application:{application.pk}:approved")
    assert host_client("sao-vicente.localhost").get("/").status_code == 404

    # when the worker's task provisions it
    assert provision_procon_application(application.pk) == ApplicationStatus.ACTIVE

    # then the Procon is active, with every step recorded, and its host serves its home page
    application.refresh_from_db()
    assert application.provisioning_step == ProvisioningStep.ACTIVE
    assert application.provisioning_method == "clone"
    assert application.procon.status == ProconStatus.ACTIVE
    home = host_client("sao-vicente.localhost").get("/")
    assert home.status_code == 200
    assert "Procon São Vicente" in home.content.decode()
    assert b'data-status="active"' in public_client.get(link_path(approved)).content

    # when the person responsible follows the invitation and creates an account
    [invitation] = public_emails(f"procon-application:{application.pk}:invitation")
    assert invitation.to == ["maria@saovicente.test"]
    new_host = host_client("sao-vicente.localhost")
    assert new_host.get(link_path(invitation)).status_code == 200
    accepted = new_host.post(
        link_path(invitation),
        {
            "full_name": "Maria da Silva",
            "password": NEW_PASSWORD,
            "password_confirmation": NEW_PASSWORD,
        },
    )

    # then they are the Procon's administrator, signed in on its host
    assert accepted.status_code == 302
    user = User.objects.get(email="maria@saovicente.test")
    assert StaffMembership.objects.filter(
        user=user, procon=application.procon, role=StaffRole.TENANT_ADMIN
    ).exists()
    # who must enrol an authenticator before the settings open
    settings_page = new_host.get("/configuracoes/")
    assert settings_page.status_code == 302
    assert settings_page["Location"].startswith("/entrar/verificacao/configurar/")
    assert new_host.get(settings_page["Location"]).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    enrolled = new_host.post(settings_page["Location"], {"token": current_code(device)})
    assert enrolled.status_code == 200
    assert new_host.get("/configuracoes/").status_code == 200
    # and the link works once
    assert host_client("sao-vicente.localhost").get(link_path(invitation)).status_code == 400


def test_running_the_task_again_changes_nothing(state_procon) -> None:
    from tests.onboarding.procons.test_supervision import approved_application

    application = approved_application(state_procon)
    provision_procon_application(application.pk)
    # when
    assert provision_procon_application(application.pk) == ApplicationStatus.ACTIVE
    # then
    application.refresh_from_db()
    assert application.provisioning_attempts == 1
    assert len(public_emails(f"procon-application:{application.pk}:invitation")) == 1
