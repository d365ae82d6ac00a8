"""Both parties accept the minutes online: the case's consumer and an agent of its company, each
once, with time, identity and address, on the timeline both see; nobody else may."""

import pytest
from django.test import Client

from kernel.errors import IllegalStep
from tenants.complaints.lifecycle import Step
from tenants.hearings.minutes import do_accept_minutes
from tenants.hearings.models import ConciliationHearing, MinutesAcceptance
from tests.factories import CompanyFactory, ConsumerFactory, company_agent
from tests.support.clients import logged_in_client, token_client
from tests.tenants.hearings.attendance_factories import minutes_with
from tests.tenants.hearings.factories import at_hearing_scheduled, hearing_time_arrives

pytestmark = pytest.mark.django_db

AGREE = {"accept-agree": "on"}


@pytest.fixture
def hearing(santos, attendant, conciliator) -> ConciliationHearing:
    return hearing_time_arrives(at_hearing_scheduled(attendant, conciliator))


@pytest.fixture
def held(hearing, conciliator) -> ConciliationHearing:
    minutes_with(hearing, conciliator)
    return hearing


def accept_url(hearing: ConciliationHearing) -> str:
    return f"/reclamacoes/{hearing.complaint.number}/audiencia/{hearing.pk}/ata/aceite/"


def page_client(user, santos, address: str = "203.0.113.7") -> Client:
    return logged_in_client(user, santos.host, REMOTE_ADDR=address)


def test_each_party_accepts_from_the_case_page_and_the_timeline_shows_it(santos, held) -> None:
    complaint = held.complaint
    agent = company_agent(complaint.company)

    response = page_client(complaint.consumer, santos).post(accept_url(held), AGREE)
    assert response.status_code == 302
    assert response["Location"] == f"/reclamacoes/{complaint.number}/"
    response = page_client(agent, santos, "198.51.100.20").post(accept_url(held), AGREE)
    assert response.status_code == 302

    accepted = {a.party: a for a in MinutesAcceptance.objects.filter(minutes__hearing=held)}
    assert (accepted["consumer"].accepted_by_id, accepted["consumer"].ip_address) == (
        complaint.consumer.pk,
        "203.0.113.7",
    )
    assert (accepted["company"].accepted_by_id, accepted["company"].ip_address) == (
        agent.pk,
        "198.51.100.20",
    )
    events = complaint.events.filter(step=Step.ACCEPT_MINUTES).order_by("at", "id")
    assert [(e.actor_kind, e.data["party"], e.visible_to_consumer) for e in events] == [
        ("consumer", "consumer", True),
        ("company", "company", True),
    ]
    # both see both acceptances on the case page, and no form any more
    for reader in (complaint.consumer, agent):
        page = page_client(reader, santos).get(f"/reclamacoes/{complaint.number}/")
        html = page.content.decode()
        assert html.count('data-accepted="yes"') == 2
        assert 'data-testid="minutes-accept-form"' not in html
        assert 'data-testid="minutes-accepted-by-you"' in html
        assert html.count('data-step="accept_minutes"') == 2


def test_accepting_twice_records_one_acceptance(santos, held) -> None:
    consumer = held.complaint.consumer
    first, new = do_accept_minutes(held, actor=consumer, party="consumer", ip_address="203.0.113.7")
    again, new_again = do_accept_minutes(held, actor=consumer, party="consumer", ip_address="::1")
    assert (new, new_again) == (True, False)
    assert (again.pk, again.accepted_at, again.ip_address) == (
        first.pk,
        first.accepted_at,
        "203.0.113.7",
    )
    assert page_client(consumer, santos).post(accept_url(held), AGREE).status_code == 302
    assert MinutesAcceptance.objects.filter(minutes__hearing=held).count() == 1
    assert held.complaint.events.filter(step=Step.ACCEPT_MINUTES).count() == 1


def test_the_box_must_be_ticked(santos, held) -> None:
    response = page_client(held.complaint.consumer, santos).post(accept_url(held), {})
    assert response.status_code == 400
    assert 'data-fields="agree"' in response.content.decode()
    assert not MinutesAcceptance.objects.exists()


def test_nobody_else_accepts(santos, held, conciliator, attendant) -> None:
    # staff who see the case are not a party: 409; strangers and other companies: 404
    for member in (conciliator, attendant):
        response = page_client(member, santos).post(accept_url(held), AGREE)
        assert response.status_code == 409
        assert 'data-code="not_allowed"' in response.content.decode()
    for stranger in (ConsumerFactory(), company_agent(CompanyFactory())):
        assert page_client(stranger, santos).post(accept_url(held), AGREE).status_code == 404
    assert Client(HTTP_HOST=santos.host).post(accept_url(held), AGREE).status_code == 302
    # the action itself refuses a party the caller is not
    with pytest.raises(IllegalStep):
        do_accept_minutes(held, actor=conciliator, party="consumer")
    with pytest.raises(IllegalStep):
        do_accept_minutes(held, actor=held.complaint.consumer, party="company")
    assert not MinutesAcceptance.objects.exists()


def test_no_acceptance_before_the_minutes(santos, hearing) -> None:
    response = page_client(hearing.complaint.consumer, santos).post(accept_url(hearing), AGREE)
    assert response.status_code == 409
    assert 'data-code="minutes_not_recorded"' in response.content.decode()


def test_the_api_derives_the_party_from_the_caller(santos, held, conciliator) -> None:
    complaint = held.complaint
    agent = company_agent(complaint.company)
    url = f"/api/v1/hearings/{held.pk}/minutes/accept/"

    # whatever the body says, an agent of the company accepts for the company
    client = token_client(agent, santos.host, REMOTE_ADDR="198.51.100.9")
    response = client.post(url, {"party": "consumer"}, content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["party"], body["accepted_by"]) == ("company", agent.full_name)
    again = client.post(url, {}, content_type="application/json")
    assert again.status_code == 200
    assert again.json() == body
    acceptance = MinutesAcceptance.objects.get()
    assert (acceptance.party, acceptance.ip_address) == ("company", "198.51.100.9")

    consumer = token_client(complaint.consumer, santos.host)
    assert consumer.post(url, content_type="application/json").json()["party"] == "consumer"

    assert token_client(ConsumerFactory(), santos.host).post(url).status_code == 404
    refused = token_client(conciliator, santos.host).post(url)
    assert (refused.status_code, refused.json()["code"]) == (409, "not_allowed")
    assert MinutesAcceptance.objects.count() == 2
