"""A company administrator manages the team on the platform's host (pages and API): invites by
e-mail, changes roles, removes agents, never the last administrator; anyone else gets 404."""

import pytest
from django.utils import timezone

from shared.accounts.actions import do_grant_company_role, do_issue_api_token
from shared.accounts.models import ApiToken, CompanyMembership, User
from shared.accounts.roles import CompanyRole
from shared.companies.models import Company, CompanyInvitation
from tests.conftest import host_client
from tests.factories import CompanyFactory, ConsumerFactory, company_agent
from tests.support.clients import logged_in_client
from tests.support.mail import link_path, public_emails

pytestmark = pytest.mark.django_db

# Session, user, the session's two-step verification device, the company, its members with their
# users, its open invitations: six queries (the connection already holds the search path).
QUERIES_FOR_AGENT_LIST = 6


@pytest.fixture
def company() -> Company:
    return CompanyFactory()


@pytest.fixture
def admin(company) -> User:
    return company_agent(company, role=CompanyRole.ADMIN)


@pytest.fixture
def agent(company) -> User:
    return company_agent(company)


def _membership(user: User, company: Company) -> CompanyMembership:
    return CompanyMembership.objects.get(user=user, company=company)


def test_admin_sees_the_team_with_roles_and_the_tokens_last_use(company, admin, agent) -> None:
    token, _key = do_issue_api_token(agent, name="CRM")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())

    response = logged_in_client(admin).get("/empresa/equipe/")

    assert response.status_code == 200
    members = {m.user: m.role for m in response.context["members"]}
    assert members == {admin: CompanyRole.ADMIN, agent: CompanyRole.AGENT}
    assert [t.pk for t in response.context["tokens"]] == [token.pk]
    assert b'data-testid="team-tokens"' in response.content


def test_admin_invites_an_agent_who_accepts_with_a_new_account(company, admin) -> None:
    client = logged_in_client(admin)

    response = client.post("/empresa/equipe/", {"email": "Novo@Exemplo.test", "role": "agent"})

    assert response.status_code == 302
    invitation = CompanyInvitation.objects.get(company=company)
    assert invitation.email == "novo@exemplo.test"
    [email] = public_emails(f"company-invitation:{invitation.pk}")
    invitee = host_client("localhost")
    password = "senha do preposto novo 2026"
    accepted = invitee.post(
        link_path(email),
        {"full_name": "Novo Preposto", "password": password, "password_confirmation": password},
    )
    assert accepted.status_code == 302
    user = User.objects.get(email="novo@exemplo.test")
    assert _membership(user, company).role == CompanyRole.AGENT


def test_inviting_the_same_address_again_withdraws_the_first_link(company, admin) -> None:
    client = logged_in_client(admin)
    client.post("/empresa/equipe/", {"email": "novo@exemplo.test", "role": "agent"})
    client.post("/empresa/equipe/", {"email": "novo@exemplo.test", "role": "admin"})

    first, second = public_emails("company-invitation:")
    invitee = logged_in_client(company_agent(CompanyFactory(), email="novo@exemplo.test"))

    assert invitee.get(link_path(first)).status_code == 400
    assert invitee.post(link_path(second)).status_code == 302
    assert _membership(User.objects.get(email="novo@exemplo.test"), company).role == "admin"


def test_inviting_someone_already_on_the_team_is_a_field_error(company, admin, agent) -> None:
    response = logged_in_client(admin).post(
        "/api/v1/company/agents/",
        {"email": agent.email, "role": "agent"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "email" in response.json()


def test_admin_changes_a_role_and_removes_an_agent(company, admin, agent) -> None:
    client = logged_in_client(admin)
    membership = _membership(agent, company)

    assert (
        client.post(f"/empresa/equipe/{membership.pk}/papel/", {"role": "admin"}).status_code == 302
    )
    assert _membership(agent, company).role == CompanyRole.ADMIN

    assert client.post(f"/empresa/equipe/{membership.pk}/remover/").status_code == 302
    assert not CompanyMembership.objects.filter(pk=membership.pk).exists()


def test_the_last_admin_cannot_be_removed_or_demoted(company, admin, agent) -> None:
    client = logged_in_client(admin)
    own = _membership(admin, company)

    client.post(f"/empresa/equipe/{own.pk}/remover/")
    client.post(f"/empresa/equipe/{own.pk}/papel/", {"role": "agent"})
    api_delete = client.delete(f"/api/v1/company/agents/{own.pk}/")
    api_patch = client.patch(
        f"/api/v1/company/agents/{own.pk}/", {"role": "agent"}, content_type="application/json"
    )

    assert api_delete.status_code == 400
    assert api_patch.status_code == 400
    assert "role" in api_patch.json()
    assert _membership(admin, company).role == CompanyRole.ADMIN


def test_an_admin_may_leave_when_another_admin_remains(company, admin) -> None:
    company_agent(company, role=CompanyRole.ADMIN)
    client = logged_in_client(admin)

    response = client.delete(f"/api/v1/company/agents/{_membership(admin, company).pk}/")

    assert response.status_code == 204
    assert not CompanyMembership.objects.filter(user=admin, company=company).exists()


def test_the_api_lists_and_invites(company, admin, agent) -> None:
    client = logged_in_client(admin)

    created = client.post(
        "/api/v1/company/agents/",
        {"email": "outro@exemplo.test", "role": "admin"},
        content_type="application/json",
    )
    listing = client.get("/api/v1/company/agents/")

    assert created.status_code == 201
    body = listing.json()
    assert body["company_cnpj"] == company.cnpj
    assert {a["email"]: a["role"] for a in body["agents"]} == {
        admin.email: "admin",
        agent.email: "agent",
    }
    assert [i["email"] for i in body["invitations"]] == ["outro@exemplo.test"]


def _team_routes(membership_id: int) -> list[tuple[str, str, dict]]:
    return [
        ("get", "/empresa/equipe/", {}),
        ("post", "/empresa/equipe/", {"email": "x@exemplo.test", "role": "agent"}),
        ("post", f"/empresa/equipe/{membership_id}/papel/", {"role": "agent"}),
        ("post", f"/empresa/equipe/{membership_id}/remover/", {}),
        ("get", "/empresa/participacao/", {}),
        ("post", "/empresa/participacao/", {"everywhere": "1"}),
        ("get", "/api/v1/company/agents/", {}),
        ("post", "/api/v1/company/agents/", {"email": "x@exemplo.test", "role": "agent"}),
        ("patch", f"/api/v1/company/agents/{membership_id}/", {"role": "agent"}),
        ("delete", f"/api/v1/company/agents/{membership_id}/", {}),
        ("get", "/api/v1/company/participation/", {}),
        ("put", "/api/v1/company/participation/", {"participates_everywhere": True}),
    ]


@pytest.mark.parametrize("who", ["other_company_agent", "own_agent", "consumer"])
def test_anyone_but_the_companys_admin_gets_404_on_every_team_route(
    company, admin, agent, who
) -> None:
    outsider = {
        "other_company_agent": lambda: company_agent(CompanyFactory()),
        "own_agent": lambda: agent,
        "consumer": ConsumerFactory,
    }[who]()
    target = _membership(admin, company)
    client = logged_in_client(outsider)

    for method, path, data in _team_routes(target.pk):
        if path.startswith("/api/"):
            response = getattr(client, method)(path, data, content_type="application/json")
        else:
            response = getattr(client, method)(path, data)
        assert response.status_code == 404, (method, path, response.status_code)
    assert _membership(admin, company).role == CompanyRole.ADMIN
    assert not CompanyInvitation.objects.exists()


def test_an_admin_of_another_company_cannot_touch_this_companys_members(company, agent) -> None:
    other_admin = company_agent(CompanyFactory(), role=CompanyRole.ADMIN)
    client = logged_in_client(other_admin)
    target = _membership(agent, company)

    assert client.post(f"/empresa/equipe/{target.pk}/remover/").status_code == 404
    assert client.post(f"/empresa/equipe/{target.pk}/papel/", {"role": "admin"}).status_code == 404
    assert client.delete(f"/api/v1/company/agents/{target.pk}/").status_code == 404
    patch = client.patch(
        f"/api/v1/company/agents/{target.pk}/", {"role": "admin"}, content_type="application/json"
    )
    assert patch.status_code == 404
    assert _membership(agent, company).role == CompanyRole.AGENT
    # their own team page shows their own company only
    assert agent not in {m.user for m in client.get("/empresa/equipe/").context["members"]}


def test_an_admin_of_two_companies_picks_one_by_cnpj(company, admin) -> None:
    second = CompanyFactory()
    do_grant_company_role(admin, company=second, role=CompanyRole.ADMIN)
    client = logged_in_client(admin)

    page = client.get(f"/empresa/equipe/?empresa={second.cnpj}")
    api = client.get(f"/api/v1/company/agents/?cnpj={second.cnpj}")

    assert page.context["company"] == second
    assert api.json()["company_cnpj"] == second.cnpj


def test_team_routes_are_not_on_procon_hosts(procon, admin) -> None:
    assert logged_in_client(admin, procon.host).get("/empresa/equipe/").status_code == 404


def test_an_invalid_invitation_link_answers_400(public_client) -> None:
    response = public_client.get("/empresa/convite/nao-vale/")
    assert response.status_code == 400
    assert b'data-testid="invitation-error"' in response.content


def test_the_agent_list_costs_the_same_for_a_larger_team(
    company, admin, django_assert_num_queries
) -> None:
    client = logged_in_client(admin)
    client.get("/api/v1/company/agents/")
    for _ in range(5):
        company_agent(company)

    with django_assert_num_queries(QUERIES_FOR_AGENT_LIST):
        response = client.get("/api/v1/company/agents/")

    assert len(response.json()["agents"]) == 6
