"""Staff roles are given only through a signed, expiring invitation e-mailed to the address and
accepted by an account with that address; an unconfirmed account holds no role and gets no
token (issue 13, item 1)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from shared.accounts import invitations
from shared.accounts.models import StaffInvitation, StaffMembership, User
from shared.accounts.roles import StaffRole
from shared.accounts.selectors import staff_roles
from shared.accounts.staff_actions import do_invite_staff_member, staff_invitation_link
from shared.procons.models import Procon
from tests.conftest import host_client
from tests.factories import PASSWORD, ConsumerFactory, UserFactory, staff
from tests.support.clients import logged_in_client
from tests.support.mail import link_in, public_emails

pytestmark = pytest.mark.django_db

STAFF_PAGE = "/configuracoes/equipe/"
INVITATIONS_API = "/api/v1/settings/staff/invitations/"
ATTENDANT_PAGE = "/atendimento/"


@pytest.fixture
def admin(procon: Procon) -> User:
    return staff(procon, StaffRole.TENANT_ADMIN)


@pytest.fixture
def admin_client(procon: Procon, admin: User) -> Client:
    return logged_in_client(admin, procon.host)


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_a_squatter_who_registered_the_address_first_gets_no_role_and_no_token(
    procon, admin_client
) -> None:
    # given an attacker who signed up with the future attendant's address (logged in at once)
    squatter = host_client(procon.host)
    signed_up = squatter.post(
        "/cadastro/",
        {
            "full_name": "Quem Chegou Antes",
            "cpf": "529.982.247-25",
            "email": "futura.atendente@exemplo.test",
            "phone": "",
            "password": PASSWORD,
            "password_confirmation": PASSWORD,
        },
    )
    assert signed_up.status_code == 302
    # when the administrator gives the attendant role to that address
    response = admin_client.post(
        STAFF_PAGE, {"email": "futura.atendente@exemplo.test", "role": "attendant"}
    )
    assert response.status_code == 302
    # then the squatter holds no role: the attendant's pages answer 404
    account = User.objects.get(email="futura.atendente@exemplo.test")
    assert staff_roles(user=account, procon=procon) == frozenset()
    assert squatter.get(ATTENDANT_PAGE).status_code == 404
    # and cannot mint a token, by the API or the page
    platform = host_client("localhost")
    assert platform.login(username=account.email, password=PASSWORD)
    minted = platform.post("/api/v1/tokens/", {"name": "x"}, content_type="application/json")
    assert minted.status_code == 400
    assert set(minted.json()) == {"non_field_errors"}
    assert platform.post("/conta/tokens/", {"name": "x"}).status_code == 302
    assert account.api_tokens.count() == 0
    # and the link went to the address only, where the squatter cannot read it
    [mail] = public_emails("staff-invitation:")
    assert mail.to == ["futura.atendente@exemplo.test"]


def test_an_unconfirmed_account_holds_none_of_its_roles(procon) -> None:
    # given an attendant whose e-mail is no longer confirmed
    attendant = staff(procon, StaffRole.ATTENDANT)
    client = logged_in_client(attendant, procon.host)
    assert client.get(ATTENDANT_PAGE).status_code == 200
    User.objects.filter(pk=attendant.pk).update(email_verified_at=None)
    # then the role gives nothing, on pages and in the API
    assert client.get(ATTENDANT_PAGE).status_code == 404
    assert staff_roles(user=attendant, procon=procon) == frozenset()
    assert client.get("/api/v1/me/").json()["roles_here"] == []


def test_the_invited_person_accepts_logged_in_with_the_address(procon, admin_client) -> None:
    # given an account with the invited address, not confirmed yet
    person = ConsumerFactory(email="nova@exemplo.test")
    User.objects.filter(pk=person.pk).update(email_verified_at=None)
    admin_client.post(STAFF_PAGE, {"email": "Nova@Exemplo.test", "role": "inspector"})
    [mail] = public_emails("staff-invitation:")
    link = link_in(mail)
    assert link.startswith(f"http://{procon.host}")
    client = logged_in_client(person, procon.host)
    # when she opens the link and accepts
    assert client.get(_path(link)).status_code == 200
    response = client.post(_path(link))
    # then she is an inspector there, and the link proved her address
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email_verified_at is not None
    assert staff_roles(user=person, procon=procon) == {"inspector"}
    # and the link works once
    assert client.post(_path(link)).status_code == 400


def test_another_logged_in_address_is_refused(procon, admin_client) -> None:
    admin_client.post(STAFF_PAGE, {"email": "convidada@exemplo.test", "role": "judge"})
    link = link_in(public_emails("staff-invitation:")[0])
    other = ConsumerFactory(email="outra@exemplo.test")
    client = logged_in_client(other, procon.host)

    page = client.get(_path(link))
    accepted = client.post(_path(link))

    assert b'data-testid="invitation-other-email"' in page.content
    assert accepted.status_code == 400
    assert not StaffMembership.all_objects.filter(user=other).exists()
    assert StaffInvitation.objects.get().is_open


def test_someone_without_an_account_creates_it_from_the_link(procon, admin_client) -> None:
    admin_client.post(STAFF_PAGE, {"email": "sem.conta@exemplo.test", "role": "conciliator"})
    link = link_in(public_emails("staff-invitation:")[0])
    client = host_client(procon.host)

    response = client.post(
        _path(link),
        {"full_name": "Sem Conta", "password": PASSWORD, "password_confirmation": PASSWORD},
    )

    assert response.status_code == 302
    user = User.objects.get(email="sem.conta@exemplo.test")
    assert user.email_verified_at is not None
    assert staff_roles(user=user, procon=procon) == {"conciliator"}


def test_an_expired_link_is_refused(procon, admin, monkeypatch) -> None:
    person = UserFactory()
    invitation = do_invite_staff_member(procon, email=person.email, role="attendant", actor=admin)
    link = staff_invitation_link(invitation)
    monkeypatch.setattr(invitations, "STAFF_MAX_AGE_SECONDS", 0)
    monkeypatch.setattr("django.core.signing.time.time", lambda: timezone.now().timestamp() + 3600)

    response = logged_in_client(person, procon.host).post(_path(link))

    assert response.status_code == 400
    assert staff_roles(user=person, procon=procon) == frozenset()


def test_a_link_of_one_procon_is_refused_on_another_host(procon, other_procon, admin) -> None:
    person = UserFactory()
    invitation = do_invite_staff_member(procon, email=person.email, role="attendant", actor=admin)
    path = _path(staff_invitation_link(invitation))

    response = logged_in_client(person, other_procon.host).post(path)

    assert response.status_code == 400
    assert not StaffMembership.all_objects.filter(user=person).exists()


def test_the_administrator_lists_and_withdraws_invitations(procon, admin_client) -> None:
    person = UserFactory()
    created = admin_client.post(
        INVITATIONS_API, {"email": person.email, "role": "judge"}, content_type="application/json"
    )
    assert created.status_code == 201
    assert staff_roles(user=person, procon=procon) == frozenset()
    listed = admin_client.get(INVITATIONS_API).json()
    assert [(row["email"], row["role"]) for row in listed] == [(person.email, "judge")]
    page = admin_client.get(STAFF_PAGE)
    assert b'data-testid="staff-invitation"' in page.content
    link = link_in(public_emails("staff-invitation:")[0])

    withdrawn = admin_client.delete(f"{INVITATIONS_API}{created.json()['id']}/")

    assert withdrawn.status_code == 204
    assert admin_client.get(INVITATIONS_API).json() == []
    assert logged_in_client(person, procon.host).post(_path(link)).status_code == 400
    assert staff_roles(user=person, procon=procon) == frozenset()


def test_the_withdraw_page_answers_404_for_another_procons_invitation(
    procon, other_procon, admin_client
) -> None:
    campinas_admin = staff(other_procon, StaffRole.TENANT_ADMIN)
    invitation = do_invite_staff_member(
        other_procon, email="x@exemplo.test", role="attendant", actor=campinas_admin
    )
    response = admin_client.post(f"{STAFF_PAGE}convites/{invitation.pk}/revogar/")
    assert response.status_code == 404
    assert admin_client.delete(f"{INVITATIONS_API}{invitation.pk}/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_open


def test_inviting_someone_who_holds_the_role_is_a_field_error(procon, admin_client) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    response = admin_client.post(
        INVITATIONS_API,
        {"email": attendant.email, "role": "attendant"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"email"}


def test_an_old_open_invitation_is_withdrawn_by_a_new_one(procon, admin) -> None:
    first = do_invite_staff_member(procon, email="a@exemplo.test", role="judge", actor=admin)
    do_invite_staff_member(procon, email="A@exemplo.test", role="judge", actor=admin)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert timezone.now() - first.created_at < timedelta(minutes=1)
