"""Company takeover through an application: a CNPJ already verified, or sharing its root with
verified companies, is approved only with the consent of that group's administrators or an
override by the supervisor with a written reason (kept on the application and audited)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from onboarding.companies.actions import (
    do_approve_company_application,
    do_request_company_consent,
    do_submit_company_application,
)
from onboarding.companies.lifecycle import ApplicationStatus
from shared.accounts.models import CompanyMembership, User
from shared.accounts.roles import CompanyRole
from shared.audit.models import AuditEntry
from shared.companies.models import Company, CompanyInvitation
from tests.factories import CompanyFactory, cnpj_for, company_agent
from tests.onboarding.companies.helpers import application_data
from tests.support.clients import logged_in_client
from tests.support.mail import link_path, public_emails

pytestmark = pytest.mark.django_db

ROOT = "27182818"


@pytest.fixture
def verified_group() -> tuple[Company, Company, User]:
    head = CompanyFactory(cnpj=cnpj_for(ROOT, "0001"), legal_name="Banco Legítimo S.A.")
    branch = CompanyFactory(cnpj=cnpj_for(ROOT, "0002"), legal_name="Banco Legítimo filial")
    Company.objects.filter(pk__in=[head.pk, branch.pk]).update(verified_at=timezone.now())
    head.refresh_from_db()
    branch.refresh_from_db()
    admin = company_agent(head, role="admin")
    return head, branch, admin


def _attack(branch: str = "0001"):
    """Someone applies for the verified company's CNPJ (or another branch of its root) with
    their own e-mail as the legal representative."""
    return do_submit_company_application(
        **application_data(
            cnpj=cnpj_for(ROOT, branch),
            legal_name="Banco Legítimo S.A.",
            email="contato@atacante.test",
            representative_name="Atacante",
            representative_email="atacante@atacante.test",
        )
    )


@pytest.mark.parametrize("branch", ["0001", "0003"])
def test_approving_a_takeover_without_consent_or_override_is_refused(
    verified_group, supervisor, branch
) -> None:
    head, _branch, admin = verified_group
    application = _attack(branch)

    with pytest.raises(ValidationError) as error:
        do_approve_company_application(application, actor=supervisor)

    assert error.value.error_dict["override_reason"][0].code == "consent_or_override_required"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    head.refresh_from_db()
    assert head.contact_email != "contato@atacante.test"
    assert not CompanyInvitation.objects.filter(email="atacante@atacante.test").exists()
    assert list(CompanyMembership.objects.filter(role=CompanyRole.ADMIN)) == [
        CompanyMembership.objects.get(user=admin)
    ]


def test_the_review_page_shows_the_conflict_and_refuses_a_plain_approval(
    state_procon, verified_group, supervisor
) -> None:
    head, branch, admin = verified_group
    application = _attack()
    client = logged_in_client(supervisor, state_procon.host)

    page = client.get(f"/supervisao/empresas/{application.pk}/").content.decode()
    assert 'data-testid="conflict-same-cnpj"' in page
    assert head.cnpj_display in page and branch.cnpj_display in page
    assert admin.email in page

    refused = client.post(f"/supervisao/empresas/{application.pk}/", {"decision": "approve"})
    assert refused.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_the_api_refuses_a_plain_approval_naming_override_reason(
    state_procon, verified_group, supervisor
) -> None:
    application = _attack()
    client = logged_in_client(supervisor, state_procon.host)
    response = client.post(
        f"/api/v1/supervision/company-applications/{application.pk}/approve/",
        {},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["override_reason"]


def test_an_override_with_a_reason_approves_and_is_recorded_and_audited(
    state_procon, verified_group, supervisor
) -> None:
    application = _attack()
    client = logged_in_client(supervisor, state_procon.host)
    reason = "Contrato social de 2026 mostra a troca de controle; antigos administradores saíram."

    response = client.post(
        f"/supervisao/empresas/{application.pk}/",
        {"decision": "approve", "override_reason": reason},
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.override_reason == reason
    entry = AuditEntry.objects.get(route="company_onboarding:approve-override")
    assert entry.user == supervisor
    assert f"application={application.pk}" in entry.object_ref
    assert CompanyInvitation.objects.filter(email="atacante@atacante.test").exists()


def test_the_groups_admin_consents_on_the_platform_host_and_then_approval_passes(
    state_procon, verified_group, supervisor
) -> None:
    head, _branch, admin = verified_group
    application = _attack("0003")
    client = logged_in_client(supervisor, state_procon.host)

    # the supervisor asks; the group's admin gets an e-mail with the link
    asked = client.post(f"/supervisao/empresas/{application.pk}/", {"decision": "request_consent"})
    assert asked.status_code == 302
    [email] = public_emails(f"company-application:{application.pk}:consent:")
    assert email.to == [admin.email]
    path = link_path(email)

    # someone else signed in (the applicant's own account, another company's admin) gets 404
    outsider = company_agent(CompanyFactory(), role="admin")
    for user in (outsider, company_agent(head, role="agent")):
        other = logged_in_client(user, "localhost")
        assert other.get(path).status_code == 404
        assert other.post(path).status_code == 404
    application.refresh_from_db()
    assert application.consented_at is None

    # the admin consents
    own = logged_in_client(admin, "localhost")
    assert own.get(path).status_code == 200
    assert own.post(path).status_code == 302
    application.refresh_from_db()
    assert application.consented_by == admin

    # and the approval passes without an override
    do_approve_company_application(application, actor=supervisor)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.override_reason == ""


def test_an_unrelated_cnpj_is_approved_as_before(supervisor, verified_group) -> None:
    application = do_submit_company_application(**application_data(cnpj=cnpj_for("16180339")))
    do_approve_company_application(application, actor=supervisor)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_consent_cannot_be_requested_without_a_conflict(supervisor) -> None:
    application = do_submit_company_application(**application_data(cnpj=cnpj_for("16180339")))
    with pytest.raises(ValidationError):
        do_request_company_consent(application, actor=supervisor)


def test_the_consent_path_through_the_api(state_procon, verified_group, supervisor) -> None:
    _head, _branch, admin = verified_group
    application = _attack()
    supervision = logged_in_client(supervisor, state_procon.host)
    base = f"/api/v1/supervision/company-applications/{application.pk}"

    asked = supervision.post(f"{base}/request-consent/")
    assert asked.status_code == 200
    assert asked.json()["consent_requested_at"]

    consent = f"/api/v1/companies/applications/{application.pk}/consent/"
    outsider = logged_in_client(company_agent(CompanyFactory(), role="admin"), "localhost")
    assert outsider.post(consent).status_code == 404
    given = logged_in_client(admin, "localhost").post(consent)
    assert given.status_code == 200
    assert given.json()["consented_at"]

    approved = supervision.post(f"{base}/approve/")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
