"""Where each role lands after logging in: on their work, on the host of the login, unless a safe
`next` says otherwise; the same after the two-step code and after accepting a staff invitation."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from shared.accounts.actions import do_grant_staff_role
from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.accounts.staff_actions import do_invite_staff_member, staff_invitation_link
from shared.procons.models import Procon
from tests.conftest import host_client
from tests.factories import PASSWORD, CompanyFactory, ConsumerFactory, UserFactory, staff
from tests.factories import company_agent as company_member
from tests.support.two_factor import current_code

pytestmark = pytest.mark.django_db


def _password_step(client: Client, email: str, next_url: str = "") -> str:
    """The login form's POST; returns where it sends the person (before any two-step code)."""
    data = {"username": email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post("/entrar/", data)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def _log_in_with_code(client: Client, user: User) -> str:
    """Password, then the code of the person's authenticator; returns the final destination."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or (
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    )
    first = client.post("/entrar/", {"username": user.email, "password": PASSWORD}, follow=True)
    assert first.redirect_chain[-1][0].startswith("/entrar/verificacao/?")
    answer = client.post(first.redirect_chain[-1][0], {"token": current_code(device)})
    assert answer.status_code == 302
    return answer["Location"]


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        (StaffRole.ATTENDANT, "/atendimento/"),
        (StaffRole.CONCILIATOR, "/atendimento/"),
        (StaffRole.TENANT_ADMIN, "/atendimento/"),
        (StaffRole.INSPECTOR, "/fiscalizacao/"),
        (StaffRole.JUDGE, "/fiscalizacao/"),
    ],
)
def test_procon_staff_land_on_their_work(procon, role, landing) -> None:
    person = staff(procon, role)
    assert _password_step(host_client(procon.host), person.email) == landing


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        (StaffRole.ATTENDANT, "/atendimento/"),
        (StaffRole.INSPECTOR, "/fiscalizacao/"),
    ],
)
def test_staff_reach_their_work_after_the_two_step_code(procon, role, landing) -> None:
    person = staff(procon, role)
    client = host_client(procon.host)
    assert _log_in_with_code(client, person) == landing
    assert client.get(landing).status_code == 200


def test_the_state_supervisor_lands_on_the_supervision_dashboard(state_procon) -> None:
    supervisor = staff(state_procon, StaffRole.SUPERVISOR)
    client = host_client(state_procon.host)
    assert _log_in_with_code(client, supervisor) == "/supervisao/painel/"
    assert client.get("/supervisao/painel/").status_code == 200


def test_an_attendant_who_is_also_an_inspector_lands_on_the_queue(procon) -> None:
    person = staff(procon, StaffRole.INSPECTOR)
    do_grant_staff_role(person, procon=procon, role=StaffRole.ATTENDANT)
    assert _password_step(host_client(procon.host), person.email) == "/atendimento/"


def test_a_consumer_lands_on_their_complaints(procon) -> None:
    consumer = ConsumerFactory()
    client = host_client(procon.host)
    assert _password_step(client, consumer.email) == "/minhas-reclamacoes/"
    assert client.get("/minhas-reclamacoes/").status_code == 200


def test_a_consumer_lands_on_the_home_page_of_the_platform_host() -> None:
    consumer = ConsumerFactory()
    assert _password_step(host_client("localhost"), consumer.email) == "/"


def test_a_company_agent_lands_on_the_inbox() -> None:
    agent = company_member(CompanyFactory(), role="agent")
    client = host_client("localhost")
    assert _password_step(client, agent.email) == "/empresa/caixa/"
    assert client.get("/empresa/caixa/").status_code == 200


def test_a_company_administrator_reaches_the_inbox_after_the_two_step_code() -> None:
    admin = company_member(CompanyFactory(), role="admin")
    assert _log_in_with_code(host_client("localhost"), admin) == "/empresa/caixa/"


def test_a_company_member_on_a_procon_host_lands_on_its_home_page(procon) -> None:
    agent = company_member(CompanyFactory(), role="agent")
    assert _password_step(host_client(procon.host), agent.email) == "/"


def test_staff_of_another_procon_land_as_anyone_else_here(procon, other_procon) -> None:
    # staff roles count at the host's Procon only
    attendant = staff(other_procon, StaffRole.ATTENDANT)
    assert _password_step(host_client(procon.host), attendant.email) == "/minhas-reclamacoes/"


def test_the_platform_operator_lands_on_the_admin() -> None:
    operator = UserFactory()
    User.objects.filter(pk=operator.pk).update(is_staff=True)
    assert _log_in_with_code(host_client("localhost"), operator) == "/admin/"


def test_a_safe_next_wins_over_the_landing_page(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    client = host_client(procon.host)
    assert _password_step(client, attendant.email, next_url="/reclamar/") == "/reclamar/"


def test_a_next_on_another_host_is_ignored_for_the_landing_page(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    client = host_client(procon.host)
    assert (
        _password_step(client, attendant.email, next_url="https://evil.example/") == "/atendimento/"
    )


def test_a_next_kept_through_the_two_step_code(procon) -> None:
    judge = staff(procon, StaffRole.JUDGE)
    device = TOTPDevice.objects.create(user=judge, name="authenticator", confirmed=True)
    client = host_client(procon.host)
    first = client.post(
        "/entrar/",
        {"username": judge.email, "password": PASSWORD, "next": "/processos/"},
        follow=True,
    )
    answer = client.post(first.redirect_chain[-1][0], {"token": current_code(device)})
    assert answer["Location"] == "/processos/"


def test_a_logged_in_person_opening_the_login_page_goes_to_their_work(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    client = host_client(procon.host)
    client.force_login(attendant)
    response = client.get("/entrar/")
    assert response.status_code == 302
    assert response["Location"] == "/atendimento/"


def test_a_new_account_from_a_staff_invitation_lands_on_its_work(procon: Procon) -> None:
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    invitation = do_invite_staff_member(
        procon, email="nova.fiscal@exemplo.test", role=StaffRole.INSPECTOR, actor=admin
    )
    link = staff_invitation_link(invitation)
    client = host_client(procon.host)
    response = client.post(
        "/" + link.split("/", 3)[3],
        {"full_name": "Nova Fiscal", "password": PASSWORD, "password_confirmation": PASSWORD},
    )
    assert response.status_code == 302
    # the inspector's work; the two-step enrolment comes first, then this page
    assert response["Location"] == "/fiscalizacao/"
    follow = client.get(response["Location"])
    assert follow["Location"].startswith("/entrar/verificacao/configurar/?next=%2Ffiscalizacao%2F")


def test_landing_url_sends_an_anonymous_request_home(rf) -> None:
    from django.contrib.auth.models import AnonymousUser

    from shared.accounts.landing import landing_url

    request = rf.get("/entrar/", HTTP_HOST="localhost")
    assert landing_url(request, AnonymousUser()) == "/"


@pytest.mark.parametrize(
    ("next_url", "kept"),
    [
        ("/empresa/caixa/", "/empresa/caixa/"),
        ("https://evil.example/", ""),
        ("//evil.example/", ""),
        ("javascript:alert(1)", ""),
        ("http://santos.localhost/atendimento/", ""),  # another host: its session is not this one
    ],
)
def test_safe_next_keeps_only_pages_of_this_host(rf, next_url, kept) -> None:
    from shared.accounts.landing import safe_next

    assert safe_next(rf.get("/entrar/", {"next": next_url}, HTTP_HOST="localhost")) == kept
