"""The hearings API: schedule, reschedule, minutes and the list; 404 for anyone without access,
409 for illegal steps, 400 naming the field."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shared.accounts.roles import StaffRole
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.hearings.models import ConciliationHearing
from tests.conftest import host_client
from tests.factories import ConsumerFactory, staff
from tests.support.clients import logged_in_client, post_json
from tests.tenants.complaints.factories import file_complaint
from tests.tenants.hearings.factories import (
    at_hearing_scheduled,
    at_not_resolved,
    hearing_time_arrives,
    in_days,
)

pytestmark = pytest.mark.django_db


def test_a_conciliator_schedules_through_the_api(santos, attendant, conciliator) -> None:
    complaint = at_not_resolved(attendant)
    starts_at = in_days(3)

    response = post_json(
        logged_in_client(conciliator, santos.host),
        f"/api/v1/complaints/{complaint.number}/hearings/",
        {"conciliator": conciliator.pk, "starts_at": starts_at.isoformat()},
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["ics_sequence"], body["minutes"]) == ("scheduled", 0, None)
    assert body["conciliator"] == {"id": conciliator.pk, "name": conciliator.full_name}
    assert body["room_url"].startswith("https://meet.jit.si/")
    complaint.refresh_from_db()
    assert complaint.status == S.HEARING_SCHEDULED


def test_field_errors_name_the_field(santos, attendant, conciliator) -> None:
    complaint = at_not_resolved(attendant)
    url = f"/api/v1/complaints/{complaint.number}/hearings/"
    client = logged_in_client(conciliator, santos.host)
    past = (timezone.now() - timedelta(days=1)).isoformat()

    response = post_json(client, url, {"conciliator": attendant.pk, "starts_at": past})

    assert response.status_code == 400
    assert set(response.json()) == {"conciliator", "starts_at"}
    assert post_json(client, url, {"conciliator": conciliator.pk}).json().keys() == {"starts_at"}


def test_illegal_steps_answer_409(santos, attendant, conciliator) -> None:
    registered = file_complaint()
    body = {"conciliator": conciliator.pk, "starts_at": in_days(2).isoformat()}
    response = post_json(
        logged_in_client(conciliator, santos.host),
        f"/api/v1/complaints/{registered.number}/hearings/",
        body,
    )
    assert response.status_code == 409
    assert response.json()["code"] == "illegal_step"
    complaint = at_not_resolved(attendant)
    response = post_json(
        logged_in_client(complaint.consumer, santos.host),
        f"/api/v1/complaints/{complaint.number}/hearings/",
        body,
    )
    assert response.status_code == 409
    assert response.json()["code"] == "not_allowed"


def test_reschedule_then_minutes_then_the_list(
    santos, attendant, conciliator, django_assert_num_queries
) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator)
    complaint = hearing.complaint
    client = logged_in_client(conciliator, santos.host)

    response = post_json(
        client, f"/api/v1/hearings/{hearing.pk}/reschedule/", {"starts_at": in_days(7).isoformat()}
    )
    assert response.status_code == 201, response.json()
    new = response.json()
    assert (new["ics_uid"], new["ics_sequence"]) == (hearing.ics_uid, 1)
    assert post_json(client, f"/api/v1/hearings/{hearing.pk}/reschedule/", {}).status_code == 409

    response = post_json(
        client,
        f"/api/v1/hearings/{new['id']}/minutes/",
        {"outcome": "no_agreement", "summary": "x"},
    )
    assert response.status_code == 409  # the hearing has not started yet
    assert response.json()["code"] == "hearing_not_started"
    hearing_time_arrives(ConciliationHearing.objects.get(pk=new["id"]))
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = post_json(
        client,
        f"/api/v1/hearings/{new['id']}/minutes/",
        {
            "outcome": "agreement",
            "summary": "Acordo.",
            "agreement_terms": "Reembolso.",
            "agreement_due_on": due,
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["minutes"]["agreement_due_on"] == due
    assert response.json()["minutes"]["pdf_url"] == (
        f"http://{santos.host}/api/v1/hearings/{new['id']}/minutes.pdf"
    )
    complaint.refresh_from_db()
    assert complaint.status == S.AGREEMENT

    consumer = logged_in_client(complaint.consumer, santos.host)
    consumer.get(f"/api/v1/complaints/{complaint.number}/hearings/")  # the session settles
    # 7 queries (session, user, the session's two-step verification device, complaint, roles,
    # company check, hearings): the host's Procon is remembered by the process and the
    # connection already holds Santos' search_path (shared/procons/hosts.py, backend)
    with django_assert_num_queries(7):
        response = consumer.get(f"/api/v1/complaints/{complaint.number}/hearings/")
    assert response.status_code == 200
    assert [(h["status"], h["ics_sequence"]) for h in response.json()] == [
        ("rescheduled", 0),
        ("held", 1),
    ]


def test_anyone_without_access_gets_404_and_anonymous_401(
    santos, attendant, conciliator, other_procon
) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator)
    number = hearing.complaint.number
    campinas_staff = staff(other_procon, StaffRole.TENANT_ADMIN)
    for client in (
        logged_in_client(ConsumerFactory(), santos.host),
        logged_in_client(campinas_staff, santos.host),
        logged_in_client(campinas_staff, other_procon.host),
    ):
        assert client.get(f"/api/v1/complaints/{number}/hearings/").status_code == 404
        assert (
            post_json(client, f"/api/v1/hearings/{hearing.pk}/reschedule/", {}).status_code == 404
        )
        assert post_json(client, f"/api/v1/hearings/{hearing.pk}/minutes/", {}).status_code == 404
    assert host_client(santos.host).get(f"/api/v1/complaints/{number}/hearings/").status_code == 401
