"""Staff management by the Procon administrator: /configuracoes/equipe/ and
/api/v1/settings/staff/ on the Procon's host. Roles go by e-mailed invitation (accepted by the
address's owner); the last administrator stays; the supervisor role is not managed here."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django_tenants.utils import tenant_context

from shared.accounts.models import StaffMembership, User
from shared.accounts.roles import StaffRole
from shared.accounts.selectors import staff_roles
from shared.accounts.staff_actions import do_revoke_staff_role
from shared.procons.models import Procon
from tenants.complaints.lifecycle import ComplaintStatus
from tests.conftest import host_client
from tests.factories import ConsumerFactory, UserFactory, staff
from tests.support.clients import logged_in_client
from tests.support.mail import link_in, public_emails
from tests.tenants.hearings.factories import at_not_resolved, next_hearing_slot, schedule_form

pytestmark = pytest.mark.django_db

PAGE = "/configuracoes/equipe/"
API = "/api/v1/settings/staff/"


def _membership(user: User, procon: Procon, role: str) -> StaffMembership:
    return StaffMembership.objects.get(user=user, procon=procon, role=role)


@pytest.fixture
def admin(procon: Procon) -> User:
    return staff(procon, StaffRole.TENANT_ADMIN, full_name="Ana Administradora")


@pytest.fixture
def admin_client(procon: Procon, admin: User) -> Client:
    return logged_in_client(admin, procon.host)


# --- the page ------------------------------------------------------------------------------------


def test_the_administrator_sees_the_staff_with_their_roles(procon, admin, admin_client) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    response = admin_client.get(PAGE)
    assert response.status_code == 200
    people = {user.pk: [m.role for m in roles] for user, roles in response.context["people"]}
    assert people[attendant.pk] == ["attendant"]
    assert people[admin.pk] == ["tenant_admin"]
    assert b'data-testid="staff-list"' in response.content
    assert b'data-testid="settings-nav"' in response.content


def test_the_administrator_invites_a_conciliator_who_can_then_hold_a_hearing(
    procon, admin_client
) -> None:
    # given a person with an account and a complaint the consumer rated "not resolved"
    person = ConsumerFactory(email="Nova.Conciliadora@Exemplo.test")
    attendant = staff(procon, StaffRole.ATTENDANT)
    with tenant_context(procon):
        complaint = at_not_resolved(attendant)
    # when the administrator invites her as conciliator (the e-mail in any case)
    response = admin_client.post(
        PAGE, {"email": "nova.conciliadora@exemplo.test", "role": "conciliator"}
    )
    assert response.status_code == 302
    assert staff_roles(user=person, procon=procon) == frozenset()
    # and she accepts the link she received, logged in
    link = link_in(public_emails("staff-invitation:")[0])
    assert (
        logged_in_client(person, procon.host).post("/" + link.split("/", 3)[3]).status_code == 302
    )
    # then she is a conciliator of Santos, and the hearing can be scheduled with her
    assert staff_roles(user=person, procon=procon) == {"conciliator"}
    with tenant_context(procon):
        day = next_hearing_slot(4).date()
    scheduled = logged_in_client(attendant, procon.host).post(
        f"/reclamacoes/{complaint.number}/audiencia/agendar/",
        schedule_form(person, day),
    )
    assert scheduled.status_code == 302
    with tenant_context(procon):
        complaint.refresh_from_db()
        assert complaint.status == ComplaintStatus.HEARING_SCHEDULED
        assert complaint.hearings.get().conciliator_id == person.pk


def test_an_email_without_an_account_is_invited_and_no_role_is_created(
    procon, admin_client
) -> None:
    response = admin_client.post(PAGE, {"email": "ninguem@exemplo.test", "role": "attendant"})
    assert response.status_code == 302
    assert [m.to for m in public_emails("staff-invitation:")] == [["ninguem@exemplo.test"]]
    assert not StaffMembership.all_objects.filter(procon=procon, role="attendant").exists()


def test_an_invalid_email_is_a_field_error(admin_client) -> None:
    response = admin_client.post(PAGE, {"email": "not-an-email", "role": "attendant"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"email"}


def test_the_supervisor_role_is_not_offered(admin_client) -> None:
    person = UserFactory()
    response = admin_client.post(PAGE, {"email": person.email, "role": "supervisor"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"role"}
    assert not StaffMembership.objects.filter(user=person).exists()


def test_the_administrator_removes_a_role(procon, admin_client) -> None:
    inspector = staff(procon, StaffRole.INSPECTOR)
    membership = _membership(inspector, procon, StaffRole.INSPECTOR)
    response = admin_client.post(f"{PAGE}{membership.pk}/remover/")
    assert response.status_code == 302
    assert response["Location"] == PAGE
    assert staff_roles(user=inspector, procon=procon) == frozenset()


def test_the_last_administrator_cannot_be_removed(procon, admin, admin_client) -> None:
    membership = _membership(admin, procon, StaffRole.TENANT_ADMIN)
    response = admin_client.post(f"{PAGE}{membership.pk}/remover/")
    assert response.status_code == 400
    assert b'data-testid="staff-remove-error"' in response.content
    assert staff_roles(user=admin, procon=procon) == {"tenant_admin"}


def test_an_administrator_who_gives_up_the_role_goes_to_the_home_page(
    procon, admin, admin_client
) -> None:
    staff(procon, StaffRole.TENANT_ADMIN)
    membership = _membership(admin, procon, StaffRole.TENANT_ADMIN)
    response = admin_client.post(f"{PAGE}{membership.pk}/remover/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert admin_client.get(PAGE).status_code == 404


def test_an_attendant_gets_404(procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    client = logged_in_client(attendant, procon.host)
    membership = _membership(attendant, procon, StaffRole.ATTENDANT)
    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, {"email": attendant.email, "role": "tenant_admin"}).status_code == 404
    assert client.post(f"{PAGE}{membership.pk}/remover/").status_code == 404
    assert client.get(API).status_code == 404
    assert staff_roles(user=attendant, procon=procon) == {"attendant"}


def test_campinas_administrator_gets_404_on_santos_host(procon, other_procon) -> None:
    campinas_admin = staff(other_procon, StaffRole.TENANT_ADMIN)
    santos_attendant = staff(procon, StaffRole.ATTENDANT)
    membership = _membership(santos_attendant, procon, StaffRole.ATTENDANT)
    client = logged_in_client(campinas_admin, procon.host)
    assert client.get(PAGE).status_code == 404
    assert client.post(f"{PAGE}{membership.pk}/remover/").status_code == 404
    assert client.get(API).status_code == 404
    assert client.delete(f"{API}{membership.pk}/").status_code == 404
    assert staff_roles(user=santos_attendant, procon=procon) == {"attendant"}


def test_a_role_at_another_procon_answers_404_to_santos_administrator(
    procon, other_procon, admin_client
) -> None:
    campinas_attendant = staff(other_procon, StaffRole.ATTENDANT)
    membership = _membership(campinas_attendant, other_procon, StaffRole.ATTENDANT)
    assert admin_client.post(f"{PAGE}{membership.pk}/remover/").status_code == 404
    assert admin_client.delete(f"{API}{membership.pk}/").status_code == 404
    assert staff_roles(user=campinas_attendant, procon=other_procon) == {"attendant"}


def test_anonymous_users_go_to_the_login_page(procon) -> None:
    response = host_client(procon.host).get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/entrar/")


# --- the API ------------------------------------------------------------------------------------


def test_the_api_lists_and_removes_roles(
    procon, admin, admin_client, django_assert_num_queries
) -> None:
    staff(procon, StaffRole.ATTENDANT)
    staff(procon, StaffRole.JUDGE)
    person = staff(procon, StaffRole.JUDGE)
    body = {"id": _membership(person, procon, StaffRole.JUDGE).pk}
    # the roles are given only by invitation: the list takes no POST
    refused = admin_client.post(
        API, {"email": person.email, "role": "judge"}, content_type="application/json"
    )
    assert refused.status_code == 405
    # the request (session, user, the session's two-step verification device, roles), then the
    # memberships with their users in one query, whatever the number of rows
    with django_assert_num_queries(5):
        listed = admin_client.get(API)
    rows = {(row["user"]["id"], row["role"]) for row in listed.json()}
    assert (person.pk, "judge") in rows and (admin.pk, "tenant_admin") in rows
    assert len(rows) == 4
    removed = admin_client.delete(f"{API}{body['id']}/")
    assert removed.status_code == 204
    assert staff_roles(user=person, procon=procon) == frozenset()


def test_the_api_names_email_when_it_is_not_an_address(procon, admin_client) -> None:
    response = admin_client.post(
        f"{API}invitations/",
        {"email": "ninguem", "role": "attendant"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"email"}


def test_the_api_refuses_the_supervisor_role(admin_client) -> None:
    person = UserFactory()
    response = admin_client.post(
        f"{API}invitations/",
        {"email": person.email, "role": "supervisor"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"role"}


def test_the_api_keeps_the_last_administrator(procon, admin, admin_client) -> None:
    membership = _membership(admin, procon, StaffRole.TENANT_ADMIN)
    response = admin_client.delete(f"{API}{membership.pk}/")
    assert response.status_code == 400
    assert set(response.json()) == {"role"}
    assert staff_roles(user=admin, procon=procon) == {"tenant_admin"}


def test_a_supervisors_role_is_not_managed_here(state_procon) -> None:
    admin_sp = staff(state_procon, StaffRole.TENANT_ADMIN)
    supervisor = staff(state_procon, StaffRole.SUPERVISOR)
    membership = _membership(supervisor, state_procon, StaffRole.SUPERVISOR)
    client = logged_in_client(admin_sp, state_procon.host)
    assert client.delete(f"{API}{membership.pk}/").status_code == 404
    assert client.post(f"{PAGE}{membership.pk}/remover/").status_code == 404
    assert staff_roles(user=supervisor, procon=state_procon) == {"supervisor"}


def test_the_api_answers_401_to_anonymous_callers(procon) -> None:
    assert host_client(procon.host).get(API).status_code == 401


# --- the action ----------------------------------------------------------------------------------


def test_revoking_the_last_active_administrator_is_refused(procon, admin) -> None:
    inactive = staff(procon, StaffRole.TENANT_ADMIN)
    User.objects.filter(pk=inactive.pk).update(is_active=False)
    with pytest.raises(ValidationError) as refused:
        do_revoke_staff_role(admin, procon=procon, role=StaffRole.TENANT_ADMIN, actor=admin)
    assert set(refused.value.error_dict) == {"role"}


def test_revoking_a_role_not_held_changes_nothing(procon, admin) -> None:
    someone = UserFactory()
    assert (
        do_revoke_staff_role(someone, procon=procon, role=StaffRole.ATTENDANT, actor=admin) is None
    )
