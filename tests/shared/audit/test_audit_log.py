"""The audit log: staff and supervisor actions are recorded with who, what, when and from where;
nobody can change or delete an entry; each Procon's administrator sees only that Procon's
entries and the state supervisor sees all."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client

from shared.accounts.actions import do_issue_api_token
from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.audit.models import AuditEntry
from shared.procons.models import Procon
from tests.conftest import host_client
from tests.factories import ConsumerFactory, staff
from tests.hostile.sessions import signed_in
from tests.tenants.complaints.factories import file_complaint

pytestmark = pytest.mark.django_db


def token_client(host: str, user: User, **extra: str) -> Client:
    _, key = do_issue_api_token(user, name="test")
    return Client(HTTP_HOST=host, HTTP_AUTHORIZATION=f"Token {key}", **extra)


def test_an_attendants_step_is_logged_with_who_what_when_and_from_where(procon, santos) -> None:
    # given
    attendant = staff(procon, StaffRole.ATTENDANT)
    complaint = file_complaint()
    client = token_client(
        procon.host, attendant, REMOTE_ADDR="200.144.10.7", HTTP_USER_AGENT="Firefox/140"
    )
    # when
    response = client.post(
        f"/api/v1/complaints/{complaint.number}/accept/", {}, content_type="application/json"
    )
    # then
    assert response.status_code == 200
    entry = AuditEntry.objects.get(user=attendant)
    assert entry.user_email == attendant.email
    assert entry.roles == [StaffRole.ATTENDANT]
    assert entry.procon_id == procon.pk and entry.procon_slug == "santos"
    assert entry.method == "POST"
    assert entry.path == f"/api/v1/complaints/{complaint.number}/accept/"
    assert entry.route == "api:complaint-step-accept"
    assert entry.object_ref == f"number={complaint.number}"
    assert entry.status_code == 200
    assert entry.ip_address == "200.144.10.7"
    assert entry.user_agent == "Firefox/140"
    assert entry.via_token is True
    assert entry.created_at is not None


def test_a_refused_staff_request_is_logged_too(procon, santos) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    client = token_client(procon.host, attendant)
    response = client.post(
        "/api/v1/complaints/SANTOS-2026-999999/accept/", {}, content_type="application/json"
    )
    assert response.status_code == 404
    assert AuditEntry.objects.get(user=attendant).status_code == 404


def test_behind_a_trusted_proxy_the_forwarded_client_address_is_logged(
    procon, santos, settings
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    attendant = staff(procon, StaffRole.ATTENDANT)
    client = token_client(
        procon.host,
        attendant,
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 189.10.20.30",
    )
    client.post("/api/v1/complaints/X/accept/", {}, content_type="application/json")
    assert AuditEntry.objects.get(user=attendant).ip_address == "189.10.20.30"


def test_reads_and_non_staff_actions_are_not_logged(procon, santos) -> None:
    # given
    attendant = staff(procon, StaffRole.ATTENDANT)
    consumer = ConsumerFactory()
    complaint = file_complaint(consumer=consumer)
    # when: the consumer withdraws (a write) and the attendant only reads
    consumer_response = token_client(procon.host, consumer).post(
        f"/api/v1/complaints/{complaint.number}/withdraw/", {}, content_type="application/json"
    )
    staff_read = token_client(procon.host, attendant).get(f"/api/v1/complaints/{complaint.number}/")
    # then
    assert consumer_response.status_code == 200
    assert staff_read.status_code == 200
    assert not AuditEntry.objects.exists()


def test_an_entry_cannot_be_updated_deleted_or_truncated(procon, santos) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    token_client(procon.host, attendant).post(
        "/api/v1/complaints/X/accept/", {}, content_type="application/json"
    )
    entry = AuditEntry.objects.get(user=attendant)
    for statement in (
        "UPDATE audit_auditentry SET user_email = 'ninguem@exemplo.test'",
        "DELETE FROM audit_auditentry",
        "TRUNCATE audit_auditentry",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(status_code=200)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        entry.delete()
    entry.refresh_from_db()
    assert entry.user_email == attendant.email


def _log_one_action_at(procon: Procon) -> User:
    attendant = staff(procon, StaffRole.ATTENDANT)
    token_client(procon.host, attendant).post(
        "/api/v1/complaints/X/accept/", {}, content_type="application/json"
    )
    return attendant


def test_a_procon_admin_sees_their_procons_entries_and_not_anothers(
    procon, other_procon, santos
) -> None:
    # given: one action at Santos, one at Campinas
    santos_attendant = _log_one_action_at(procon)
    campinas_attendant = _log_one_action_at(other_procon)
    santos_admin = staff(procon, StaffRole.TENANT_ADMIN)
    campinas_admin = staff(other_procon, StaffRole.TENANT_ADMIN)
    # when
    santos_api = token_client(procon.host, santos_admin).get("/api/v1/audit/")
    campinas_api = token_client(other_procon.host, campinas_admin).get("/api/v1/audit/")
    # then
    assert santos_api.status_code == 200
    assert [row["user_email"] for row in santos_api.json()["results"]] == [santos_attendant.email]
    assert [row["user_email"] for row in campinas_api.json()["results"]] == [
        campinas_attendant.email
    ]
    # and the page says the same
    page_client = signed_in(procon.host, santos_admin)
    page = page_client.get("/auditoria/")
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count('data-testid="audit-entry"') == 1
    assert santos_attendant.email in body
    assert campinas_attendant.email not in body
    # the role as people name it, not its code
    assert 'data-testid="audit-roles">Atendente<' in body


@pytest.mark.parametrize(
    "role", [StaffRole.ATTENDANT, StaffRole.CONCILIATOR, StaffRole.INSPECTOR, StaffRole.JUDGE]
)
def test_staff_other_than_the_admin_get_404(procon, santos, role) -> None:
    user = staff(procon, role)
    assert token_client(procon.host, user).get("/api/v1/audit/").status_code == 404
    client = signed_in(procon.host, user)
    assert client.get("/auditoria/").status_code == 404


def test_another_procons_admin_gets_404_on_this_host(procon, other_procon, santos) -> None:
    campinas_admin = staff(other_procon, StaffRole.TENANT_ADMIN)
    response = token_client(procon.host, campinas_admin).get("/api/v1/audit/")
    assert response.status_code == 404
    assert token_client(procon.host, ConsumerFactory()).get("/api/v1/audit/").status_code == 404
    assert host_client(procon.host).get("/api/v1/audit/").status_code == 401


def test_the_state_supervisor_sees_every_procon_and_filters(
    procon, other_procon, state_procon, santos
) -> None:
    # given
    santos_attendant = _log_one_action_at(procon)
    campinas_attendant = _log_one_action_at(other_procon)
    supervisor = staff(state_procon, StaffRole.SUPERVISOR)
    client = token_client(state_procon.host, supervisor)
    # when
    everything = client.get("/api/v1/audit/").json()["results"]
    only_campinas = client.get("/api/v1/audit/", {"procon": "campinas"}).json()["results"]
    by_email = client.get("/api/v1/audit/", {"user_email": santos_attendant.email}).json()
    # then
    assert {row["user_email"] for row in everything} == {
        santos_attendant.email,
        campinas_attendant.email,
    }
    assert [row["user_email"] for row in only_campinas] == [campinas_attendant.email]
    assert [row["procon"] for row in by_email["results"]] == ["santos"]
    # the supervisor's own reads were not logged; the page filters too
    page_client = signed_in(state_procon.host, supervisor)
    page = page_client.get("/auditoria/", {"procon": "santos"})
    assert page.status_code == 200
    body = page.content.decode()
    assert santos_attendant.email in body and campinas_attendant.email not in body
    assert 'data-testid="audit-filters"' in body


def test_a_supervisors_action_is_logged_with_the_supervisor_role(state_procon, procon) -> None:
    supervisor = staff(state_procon, StaffRole.SUPERVISOR)
    client = token_client(state_procon.host, supervisor, REMOTE_ADDR="177.1.2.3")
    response = client.post(
        "/api/v1/supervision/procons/santos/suspend/", {}, content_type="application/json"
    )
    assert response.status_code == 400  # a reason is required: the refusal is logged too
    entry = AuditEntry.objects.get(user=supervisor)
    assert entry.roles == [StaffRole.SUPERVISOR]
    assert entry.procon_slug == "sp"
    assert entry.object_ref == "slug=santos"
    assert entry.ip_address == "177.1.2.3"


def test_bad_filters_are_a_400_naming_the_field(procon, santos) -> None:
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    client = token_client(procon.host, admin)
    response = client.get("/api/v1/audit/", {"date_to": "9999-12-31", "method": "GET"})
    assert response.status_code == 400
    assert set(response.json()) == {"date_to", "method"}
    page_client = signed_in(procon.host, admin)
    page = page_client.get("/auditoria/", {"date_from": "0001-01-01"})
    assert page.status_code == 200
    assert 'id="id_date_from_error"' in page.content.decode()


def test_the_page_paginates(procon, santos) -> None:
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    attendant = staff(procon, StaffRole.ATTENDANT)
    client = token_client(procon.host, attendant)
    for _ in range(51):
        client.post("/api/v1/complaints/X/accept/", {}, content_type="application/json")
    page_client = signed_in(procon.host, admin)
    first = page_client.get("/auditoria/").content.decode()
    second = page_client.get("/auditoria/", {"page": 2}).content.decode()
    assert first.count('data-testid="audit-entry"') == 50
    assert second.count('data-testid="audit-entry"') == 1
    assert 'data-testid="pagination"' in first


def test_the_settings_and_supervision_menus_link_to_the_log(procon, state_procon) -> None:
    admin_page = signed_in(procon.host, staff(procon, StaffRole.TENANT_ADMIN)).get(
        "/configuracoes/"
    )
    supervisor = staff(state_procon, StaffRole.SUPERVISOR)
    dashboard = signed_in(state_procon.host, supervisor).get("/supervisao/painel/")
    assert admin_page.status_code == dashboard.status_code == 200
    assert 'data-testid="audit-link"' in admin_page.content.decode()
    assert 'data-testid="audit-link"' in dashboard.content.decode()
