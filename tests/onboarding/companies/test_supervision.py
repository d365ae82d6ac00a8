"""The state supervisor decides on company applications on the state Procon's host only; an
approval verifies the company and invites its legal representative, who becomes administrator."""

import base64
import re

import pytest
from django.core.exceptions import ValidationError

from onboarding.applications.errors import ApplicationAlreadyDecided
from onboarding.companies.actions import (
    do_approve_company_application,
    do_reject_company_application,
    do_submit_company_application,
)
from onboarding.companies.lifecycle import ApplicationStatus
from onboarding.companies.models import CompanyApplication
from shared.accounts.models import CompanyMembership, User
from shared.accounts.roles import CompanyRole, StaffRole
from shared.companies.models import Company
from tests.factories import CompanyFactory, company_agent, staff
from tests.onboarding.companies.helpers import ALPHANUMERIC_CNPJ, application_data
from tests.onboarding.helpers import listed_and_approved_by_api
from tests.support.clients import logged_in_client
from tests.support.mail import link_path, public_emails
from tests.support.two_factor import code_for_key

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "uma senha nova e comprida 2026"


@pytest.fixture
def application() -> CompanyApplication:
    return do_submit_company_application(**application_data(cnpj=ALPHANUMERIC_CNPJ))


def test_supervisor_approves_on_the_state_host_and_the_representative_joins_as_admin(
    state_procon, supervisor, application, public_client
) -> None:
    # given the supervisor sees the pending application
    client = logged_in_client(supervisor, state_procon.host)
    listing = client.get("/supervisao/empresas/")
    assert listing.status_code == 200
    assert f'data-testid="application-{application.pk}"'.encode() in listing.content
    assert client.get(f"/supervisao/empresas/{application.pk}/").status_code == 200

    # when they approve it
    response = client.post(f"/supervisao/empresas/{application.pk}/", {"decision": "approve"})

    # then the decision is recorded, the company is verified with its contacts
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_by == supervisor
    assert application.decided_at is not None
    company = Company.objects.get(cnpj="12ABC34501DE35")
    assert application.company == company
    assert company.verified_at is not None
    assert company.contact_email == "contato@exemplo.test"
    assert company.legal_representative_name == "Maria da Silva"
    assert company.city == "Santos"
    # and the decision and an invitation are e-mailed
    assert public_emails(f"company-application:{application.pk}:approved")
    [invitation] = public_emails("company-invitation:")
    assert invitation.to == ["maria@exemplo.test"]

    # when the representative follows the link and creates an account
    path = link_path(invitation)
    page = public_client.get(path)
    assert page.status_code == 200
    assert b'data-testid="accept-new-account-form"' in page.content
    accepted = public_client.post(
        path,
        {
            "full_name": "Maria da Silva",
            "password": NEW_PASSWORD,
            "password_confirmation": NEW_PASSWORD,
        },
    )

    # then they are the company's administrator, signed in, on the team page
    assert accepted.status_code == 302
    assert accepted["Location"] == "/empresa/equipe/"
    user = User.objects.get(email="maria@exemplo.test")
    assert user.email_verified_at is not None
    assert CompanyMembership.objects.get(user=user, company=company).role == CompanyRole.ADMIN
    # and, as administrators, they set up two-step verification before the team page opens
    assert public_client.get("/empresa/equipe/")["Location"].startswith(
        "/entrar/verificacao/configurar/"
    )
    enrolment = public_client.get("/entrar/verificacao/configurar/").content.decode()
    secret = re.search(r'data-testid="two-factor-secret">([A-Z2-7]+)<', enrolment).group(1)
    code = code_for_key(base64.b32decode(secret).hex())
    assert public_client.post("/entrar/verificacao/configurar/", {"token": code}).status_code == 200
    team = public_client.get("/empresa/equipe/")
    assert team.status_code == 200
    assert b'data-testid="nav-company-team"' in team.content
    # and the link cannot be used again
    assert public_client.get(path).status_code == 400


def test_an_existing_user_gets_the_membership_on_acceptance(state_procon, supervisor) -> None:
    existing = company_agent(CompanyFactory(), email="maria@exemplo.test")
    application = do_approve_company_application(
        do_submit_company_application(**application_data()), actor=supervisor
    )
    [invitation] = public_emails("company-invitation:")
    client = logged_in_client(existing, "localhost")

    response = client.post(link_path(invitation))

    assert response.status_code == 302
    membership = CompanyMembership.objects.get(user=existing, company=application.company)
    assert membership.role == CompanyRole.ADMIN


def test_someone_else_logged_in_cannot_accept_the_invitation(supervisor) -> None:
    application = do_approve_company_application(
        do_submit_company_application(**application_data()), actor=supervisor
    )
    [invitation] = public_emails("company-invitation:")
    intruder = company_agent(CompanyFactory())
    client = logged_in_client(intruder, "localhost")

    page = client.get(link_path(invitation))
    client.post(link_path(invitation))

    assert b'data-testid="invitation-other-email"' in page.content
    assert not CompanyMembership.objects.filter(company=application.company, user=intruder).exists()


def test_approval_through_the_api(state_procon, supervisor, application) -> None:
    client = logged_in_client(supervisor, state_procon.host)

    approved = listed_and_approved_by_api(client, "company", application)
    assert approved["status"] == ApplicationStatus.APPROVED
    assert approved["decided_by"] == supervisor.email

    again = client.post(f"/api/v1/supervision/company-applications/{application.pk}/approve/")
    assert again.status_code == 409


def test_rejection_requires_a_reason_and_emails_it(state_procon, supervisor, application) -> None:
    client = logged_in_client(supervisor, state_procon.host)
    api = f"/api/v1/supervision/company-applications/{application.pk}/reject/"

    no_reason = client.post(api, {"reason": "  "}, content_type="application/json")
    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()
    page = client.post(f"/supervisao/empresas/{application.pk}/", {"decision": "reject"})
    assert page.status_code == 400
    assert page.context["reject_form"].errors["reason"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING

    response = client.post(
        api, {"reason": "O CNPJ não corresponde à razão social."}, content_type="application/json"
    )

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decision_reason == "O CNPJ não corresponde à razão social."
    assert application.decided_by == supervisor
    [email] = public_emails(f"company-application:{application.pk}:rejected")
    assert "O CNPJ não corresponde à razão social." in email.body
    assert not Company.objects.filter(cnpj=application.cnpj).exists()
    assert public_emails("company-invitation:") == []


def test_a_rejected_company_may_apply_again(supervisor, application) -> None:
    do_reject_company_application(application, actor=supervisor, reason="Dados incompletos.")

    again = do_submit_company_application(**application_data(cnpj=ALPHANUMERIC_CNPJ))

    assert again.status == ApplicationStatus.PENDING


def test_a_decided_application_cannot_be_decided_again(supervisor, application) -> None:
    do_reject_company_application(application, actor=supervisor, reason="Dados incompletos.")
    with pytest.raises(ApplicationAlreadyDecided):
        do_approve_company_application(application, actor=supervisor)
    with pytest.raises(ValidationError):
        do_reject_company_application(application, actor=supervisor, reason="")


SUPERVISION_ROUTES = [
    ("get", "/supervisao/empresas/"),
    ("get", "/supervisao/empresas/{id}/"),
    ("post", "/supervisao/empresas/{id}/"),
    ("get", "/api/v1/supervision/company-applications/"),
    ("post", "/api/v1/supervision/company-applications/{id}/approve/"),
    ("post", "/api/v1/supervision/company-applications/{id}/reject/"),
]


@pytest.mark.parametrize(("method", "path"), SUPERVISION_ROUTES)
def test_the_supervisor_gets_404_on_a_municipal_procons_host(
    procon, supervisor, application, method, path
) -> None:
    client = logged_in_client(supervisor, procon.host)

    response = getattr(client, method)(path.format(id=application.pk), {"decision": "approve"})

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


@pytest.mark.parametrize(("method", "path"), SUPERVISION_ROUTES)
@pytest.mark.parametrize("role", [StaffRole.ATTENDANT, StaffRole.TENANT_ADMIN])
def test_other_staff_of_the_state_procon_get_404(
    state_procon, application, method, path, role
) -> None:
    client = logged_in_client(staff(state_procon, role), state_procon.host)

    response = getattr(client, method)(path.format(id=application.pk), {"decision": "approve"})

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_an_unknown_application_is_404_for_the_supervisor(state_procon, supervisor) -> None:
    client = logged_in_client(supervisor, state_procon.host)
    assert client.get("/supervisao/empresas/999999/").status_code == 404
    assert (
        client.post("/api/v1/supervision/company-applications/999999/approve/").status_code == 404
    )
