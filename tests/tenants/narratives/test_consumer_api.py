"""The consumer's narrative in the API (/api/v1/complaints/<n>/narrative/): consent at filing
(`publish_narrative`) and later (POST), withdrawal (DELETE) taking the public copy down, what the
consumer and staff read (GET), 409 for a closed case or a role the step refuses, and 404 for
everyone who may not see it."""

import json

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from shared.narratives.responses import ResponseKind
from tenants.complaints.actions.closing import do_withdraw_complaint
from tenants.complaints.models import Complaint
from tenants.narratives.actions import do_approve_response, do_respond
from tenants.narratives.models import NarrativeStatus
from tests.factories import ConsumerFactory, staff
from tests.support.clients import token_client
from tests.tenants.complaints.factories import at_cip_sent, catalogue_ids
from tests.tenants.narratives.factories import FACTS, narrative, pending, public_copy, published

pytestmark = pytest.mark.django_db

PT = {"HTTP_ACCEPT_LANGUAGE": "pt-br"}


def _path(number: str) -> str:
    return f"/api/v1/complaints/{number}/narrative/"


def _case(procon, attendant, consumer, company) -> str:
    with tenant_context(procon):
        return at_cip_sent(attendant, consumer=consumer, company=company, facts=FACTS).number


def _filing(procon, company, **extra: object) -> str:
    ids = catalogue_ids(procon)
    return json.dumps(
        {
            "company_id": company.pk,
            "subject_id": ids["subject"],
            "problem_id": ids["problem"],
            "contacted_company_first": True,
            "facts": FACTS,
            "request": "Quero a troca do produto.",
            "lgpd_consent": True,
            **extra,
        }
    )


def test_filing_with_publish_narrative_leaves_it_awaiting_moderation(procon, consumer, company):
    api = token_client(consumer, procon.host, **PT)
    filed = api.post(
        "/api/v1/complaints/",
        _filing(procon, company, publish_narrative=True),
        content_type="application/json",
    )
    assert filed.status_code == 201, filed.content
    number = filed.json()["number"]
    body = api.get(_path(number)).json()
    assert body["status"] == "pending"
    assert body["status_label"] == "Aguardando moderação"
    assert body["consented_at"] and body["published_at"] is None
    assert "529.982.247-25" not in body["text"] and "[CPF]" in body["text"]
    assert body["redactions"]["[CPF]"] == 1
    assert body["response"] is None
    assert public_copy(procon, number) is None


def test_filing_without_it_creates_no_narrative(procon, consumer, company):
    api = token_client(consumer, procon.host)
    filed = api.post(
        "/api/v1/complaints/", _filing(procon, company), content_type="application/json"
    )
    assert filed.status_code == 201
    body = api.get(_path(filed.json()["number"])).json()
    assert body["status"] is None and body["text"] == "" and body["consented_at"] is None


def test_publish_narrative_must_be_a_boolean(procon, consumer, company):
    api = token_client(consumer, procon.host)
    filed = api.post(
        "/api/v1/complaints/",
        _filing(procon, company, publish_narrative="talvez"),
        content_type="application/json",
    )
    assert filed.status_code == 400
    assert "publish_narrative" in filed.json()


def test_consent_later_then_again_is_201_then_200(procon, attendant, consumer, company):
    number = _case(procon, attendant, consumer, company)
    api = token_client(consumer, procon.host)
    first = api.post(_path(number))
    assert first.status_code == 201, first.content
    assert first.json()["status"] == "pending" and "[CPF]" in first.json()["text"]
    again = api.post(_path(number))
    assert again.status_code == 200
    assert again.json()["consented_at"] == first.json()["consented_at"]


def test_withdrawing_takes_the_published_copy_down(procon, attendant, consumer, company, agent):
    number = published(procon, attendant, consumer, company)
    with tenant_context(procon):
        complaint = Complaint.objects.get(number=number)
        response = do_respond(
            complaint, actor=agent, kind=ResponseKind.MISUNDERSTANDING, text="Lamentamos."
        )
        do_approve_response(response, actor=attendant)
    api = token_client(consumer, procon.host)
    body = api.get(_path(number)).json()
    assert body["status"] == "published" and body["published_at"]
    assert body["response"]["kind"] == "misunderstanding"
    assert body["response"]["kind_label"]
    assert body["response"]["text"] == "Lamentamos."
    assert public_copy(procon, number) is not None
    # when
    withdrawn = api.delete(_path(number))
    # then
    assert withdrawn.status_code == 200
    body = withdrawn.json()
    assert body["status"] == "withdrawn" and body["withdrawn_at"]
    assert body["text"] == "" and body["redactions"] == {} and body["response"] is None
    assert public_copy(procon, number) is None
    assert narrative(procon, number).status == NarrativeStatus.WITHDRAWN
    # Idempotent.
    assert api.delete(_path(number)).status_code == 200


def test_withdrawing_without_consent_is_409(procon, attendant, consumer, company):
    number = _case(procon, attendant, consumer, company)
    answer = token_client(consumer, procon.host, **PT).delete(_path(number))
    assert answer.status_code == 409
    assert answer.json()["code"] == "illegal_step" and answer.json()["detail"]


def test_a_closed_case_refuses_consent_with_409(procon, attendant, consumer, company):
    number = _case(procon, attendant, consumer, company)
    with tenant_context(procon):
        do_withdraw_complaint(Complaint.objects.get(number=number), actor=consumer)
    answer = token_client(consumer, procon.host, **PT).post(_path(number))
    assert answer.status_code == 409
    assert answer.json()["code"] == "illegal_step"
    assert answer.json()["detail"].startswith("Esta reclamação está encerrada")


def test_staff_read_it_but_cannot_consent_or_withdraw(procon, attendant, consumer, company):
    number = pending(procon, attendant, consumer, company)
    api = token_client(attendant, procon.host)
    assert api.get(_path(number)).json()["status"] == "pending"
    for answer in (api.post(_path(number)), api.delete(_path(number))):
        assert answer.status_code == 409
        assert answer.json()["code"] == "not_allowed"
    assert narrative(procon, number).status == NarrativeStatus.PENDING


def test_anyone_else_gets_404_or_401(procon, other_procon, attendant, consumer, company, agent):
    number = pending(procon, attendant, consumer, company)
    others = [
        token_client(ConsumerFactory(), procon.host),
        token_client(agent, procon.host),
        token_client(staff(other_procon, "attendant"), procon.host),
    ]
    for api in others:
        assert api.get(_path(number)).status_code == 404
        assert api.post(_path(number)).status_code == 404
        assert api.delete(_path(number)).status_code == 404
    anonymous = Client(HTTP_HOST=procon.host)
    for method in ("get", "post", "delete"):
        assert getattr(anonymous, method)(_path(number)).status_code in (401, 403)
    # Nobody changed anything; an unknown number is the same 404.
    assert narrative(procon, number).status == NarrativeStatus.PENDING
    assert token_client(consumer, procon.host).get(_path("SANTOS-0000-999999")).status_code == 404
