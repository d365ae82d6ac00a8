"""A hearing's documents are linked from the API's hearing with absolute URLs on the Procon's
host, and each link answers a token caller who may see the complaint (the consumer, the
company's agents, this Procon's staff) and 404 to anyone else."""

import pytest
from django.test import Client

from shared.accounts.actions import do_issue_api_token
from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.procons.models import Procon
from tests.factories import CompanyFactory, ConsumerFactory, company_agent, staff
from tests.tenants.hearings.factories import (
    at_hearing_scheduled,
    hearing_time_arrives,
    record_minutes,
)

pytestmark = pytest.mark.django_db


def token_client(procon: Procon, user: User) -> Client:
    _, key = do_issue_api_token(user, name="docs")
    return Client(HTTP_HOST=procon.host, HTTP_AUTHORIZATION=f"Token {key}")


def _path(url: str, procon: Procon) -> str:
    prefix = f"http://{procon.host}"
    assert url.startswith(prefix), url
    return url.removeprefix(prefix)


def test_the_invitation_and_the_minutes_are_linked_and_open_with_a_token(
    santos, other_procon, attendant, conciliator, company, agent
) -> None:
    # given a scheduled hearing, read through the API with tokens
    hearing = at_hearing_scheduled(attendant, conciliator, company=company)
    number = hearing.complaint.number
    readers = [token_client(santos, u) for u in (hearing.complaint.consumer, agent, conciliator)]
    outsiders = [
        token_client(santos, ConsumerFactory()),
        token_client(santos, company_agent(CompanyFactory())),
        token_client(santos, staff(other_procon, StaffRole.CONCILIATOR)),
    ]
    listed = readers[1].get(f"/api/v1/complaints/{number}/hearings/").json()
    ics = _path(listed[0]["ics_url"], santos)

    # then each reader gets the calendar, anyone else 404
    for client in readers:
        response = client.get(ics, HTTP_ACCEPT="text/calendar")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert b"BEGIN:VCALENDAR" in response.content
    for client in outsiders:
        assert client.get(ics).status_code == 404

    # when the hearing is held and minuted
    hearing_time_arrives(hearing)
    record_minutes(hearing, conciliator, "agreement", "Acordo.", terms="Reembolso.", due_in_days=10)
    listed = readers[0].get(f"/api/v1/complaints/{number}/hearings/").json()

    # then the held hearing has no invitation any more, and its minutes open for the readers only
    assert listed[0]["ics_url"] is None
    assert readers[0].get(ics).status_code == 404
    pdf = _path(listed[0]["minutes"]["pdf_url"], santos)
    for client in readers:
        response = client.get(pdf, HTTP_ACCEPT="application/pdf")
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
    for client in outsiders:
        assert client.get(pdf).status_code == 404


def test_minutes_before_the_hearing_starts_are_a_documented_409(
    santos, attendant, conciliator
) -> None:
    from drf_spectacular.generators import SchemaGenerator

    hearing = at_hearing_scheduled(attendant, conciliator)
    response = token_client(santos, conciliator).post(
        f"/api/v1/hearings/{hearing.pk}/minutes/",
        {"outcome": "no_agreement", "summary": "Ninguém veio."},
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "hearing_not_started"
    schema = SchemaGenerator(urlconf="config.urls_tenants").get_schema(request=None, public=True)
    conflict = schema["paths"]["/api/v1/hearings/{hearing_id}/minutes/"]["post"]["responses"]["409"]
    assert "hearing_not_started" in conflict["description"]
    examples = conflict["content"]["application/json"]["examples"].values()
    assert "hearing_not_started" in {e["value"]["code"] for e in examples}
