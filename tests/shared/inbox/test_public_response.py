"""The company's public response to a consented narrative, from its inbox (platform host), page
and API: the agent chooses one of the fixed set (public at once beside the published narrative)
and words (public once the Procon approves them); another company's agent gets 404; a case
without consent shows no form and the API answers 409."""

import json

import pytest
from django_tenants.utils import tenant_context

from shared.narratives.responses import RESPONSE_TEXT_MAX, ResponseKind
from tenants.narratives.actions import (
    do_approve,
    do_approve_response,
    do_consent,
    do_refuse_response,
)
from tenants.narratives.models import PublicResponse, ResponseTextStatus
from tests.support.clients import logged_in_client
from tests.support.html import text_by_testid, texts_by_testid

pytestmark = pytest.mark.django_db

DISPUTES = "A empresa contesta os fatos relatados"
NARRATIVE = "A geladeira chegou quebrada e a loja não troca."


def _page(procon, complaint) -> str:
    return f"/empresa/caixa/{procon.slug}/{complaint.number}/"


def _post_url(procon, complaint) -> str:
    return f"{_page(procon, complaint)}resposta-publica/"


def _api(procon, complaint) -> str:
    return f"/api/v1/inbox/{procon.slug}/{complaint.number}/public-response/"


def _form(kind: str = ResponseKind.DISPUTES_FACTS, text: str = "") -> dict[str, str]:
    return {"public_response-kind": kind, "public_response-text": text}


def _response(procon, complaint) -> PublicResponse | None:
    with tenant_context(procon):
        return PublicResponse.objects.filter(complaint=complaint).first()


@pytest.fixture
def consented(procon, cases):
    """Santos's case against the group, its consumer's narrative awaiting moderation."""
    complaint = cases.santos_due
    with tenant_context(procon):
        do_consent(complaint, actor=complaint.consumer)
    return complaint


def _approve(procon, complaint, attendant) -> None:
    with tenant_context(procon):
        do_approve(complaint.narrative, actor=attendant, text=NARRATIVE)


def test_the_agent_responds_on_the_page_and_the_words_appear_once_approved(
    procon, company, agent_client, consented, santos_attendant, public_client
) -> None:
    _approve(procon, consented, santos_attendant)

    # the panel: the narrative published, its text, the fixed set to choose from
    page = agent_client.get(_page(procon, consented))
    assert text_by_testid(page.content, "narrative-status").startswith("Publicado")
    assert text_by_testid(page.content, "published-narrative") == NARRATIVE
    labels = texts_by_testid(page.content, "field-public_response-kind")[0]
    assert DISPUTES in labels
    assert 'data-testid="current-response"' not in page.content.decode()

    # when the agent chooses a response and writes words
    response = agent_client.post(
        _post_url(procon, consented), _form(text="Trocamos a geladeira em 48 horas."), follow=True
    )

    # then the choice is public at once and the words wait for the Procon
    assert response.redirect_chain[-1][0].endswith(f"{_page(procon, consented)}#public-response")
    assert 'class="message message-success"' in response.content.decode()
    assert text_by_testid(response.content, "current-response-kind") == DISPUTES
    assert text_by_testid(response.content, "response-text-status") == "Aguardando moderação"
    public = public_client.get(f"/empresas/{company.cnpj}/relatos/")
    assert text_by_testid(public.content, "narrative-response-kind") == DISPUTES
    assert "Trocamos a geladeira" not in public.content.decode()

    # when the Procon approves the words, they are public beside the narrative
    with tenant_context(procon):
        do_approve_response(_response(procon, consented), actor=santos_attendant)
    public = public_client.get(f"/empresas/{company.cnpj}/relatos/")
    assert (
        text_by_testid(public.content, "narrative-response-text")
        == "Trocamos a geladeira em 48 horas."
    )
    page = agent_client.get(_page(procon, consented))
    assert text_by_testid(page.content, "response-text-status") == "Publicado"


def test_a_refusal_of_the_words_shows_its_reason_to_the_agent(
    procon, agent_client, consented, santos_attendant
) -> None:
    _approve(procon, consented, santos_attendant)
    agent_client.post(_post_url(procon, consented), _form(text="O consumidor mente."))
    with tenant_context(procon):
        do_refuse_response(
            _response(procon, consented), actor=santos_attendant, reason="Ofende o consumidor."
        )

    page = agent_client.get(_page(procon, consented))

    assert text_by_testid(page.content, "response-text-status") == "Não publicado"
    assert "Ofende o consumidor." in text_by_testid(page.content, "response-refusal-reason")


def test_while_the_narrative_awaits_moderation_nothing_of_it_is_shown(
    procon, agent_client, consented
) -> None:
    page = agent_client.get(_page(procon, consented))

    assert text_by_testid(page.content, "narrative-status") == "Aguardando moderação"
    assert 'data-testid="narrative-pending"' in page.content.decode()
    assert 'data-testid="published-narrative"' not in page.content.decode()
    assert 'data-testid="public-response-form"' in page.content.decode()


def test_a_missing_choice_or_too_many_words_are_named_next_to_the_field(
    procon, agent_client, consented
) -> None:
    missing = agent_client.post(_post_url(procon, consented), _form(kind=""))
    too_long = agent_client.post(
        _post_url(procon, consented), _form(text="a" * (RESPONSE_TEXT_MAX + 1))
    )

    assert missing.status_code == too_long.status_code == 400
    assert "Escolha uma das respostas públicas da lista." in text_by_testid(
        missing.content, "field-public_response-kind"
    )
    assert "2000" in text_by_testid(too_long.content, "field-public_response-text")
    assert _response(procon, consented) is None


def test_the_api_reads_and_writes_the_response(procon, agent, consented, santos_attendant) -> None:
    client = logged_in_client(agent)

    before = client.get(_api(procon, consented))
    assert before.status_code == 200
    assert json.loads(before.content) == {
        "narrative": {
            "status": "pending",
            "status_display": "Aguardando moderação",
            "text": "",
            "published_at": None,
        },
        "response": None,
    }

    _approve(procon, consented, santos_attendant)
    posted = client.post(
        _api(procon, consented),
        {"kind": "isolated_error", "text": "Estornamos."},
        content_type="application/json",
    )
    body = json.loads(posted.content)
    assert posted.status_code == 200
    assert body["narrative"]["status"] == "published"
    assert body["narrative"]["text"] == NARRATIVE
    assert body["response"]["kind"] == "isolated_error"
    assert body["response"]["kind_display"] == "A empresa entende que foi um erro isolado"
    assert body["response"]["text_status"] == ResponseTextStatus.PENDING
    assert body["response"]["published_text"] == ""

    bad = client.post(
        _api(procon, consented),
        {"kind": "guilty", "text": "a" * (RESPONSE_TEXT_MAX + 1)},
        content_type="application/json",
    )
    errors = json.loads(bad.content)
    assert bad.status_code == 400
    assert errors["kind"] == ["Escolha uma das respostas públicas da lista."]
    assert "text" in errors
    assert _response(procon, consented).kind == "isolated_error"


def test_an_agent_of_another_company_gets_404_everywhere(procon, foreign_agent, consented) -> None:
    client = logged_in_client(foreign_agent)

    responses = [
        client.get(_page(procon, consented)),
        client.post(_post_url(procon, consented), _form()),
        client.get(_api(procon, consented)),
        client.post(_api(procon, consented), {"kind": "isolated_error"}),
    ]

    assert [r.status_code for r in responses] == [404] * 4
    assert _response(procon, consented) is None


def test_a_case_without_consent_shows_no_form_and_refuses_a_response(
    procon, cases, agent, agent_client
) -> None:
    complaint = cases.santos_due  # its consumer did not agree to publish
    api = logged_in_client(agent)

    page = agent_client.get(_page(procon, complaint))
    posted = agent_client.post(_post_url(procon, complaint), _form())
    read = api.get(_api(procon, complaint))
    refused = api.post(
        _api(procon, complaint), {"kind": "isolated_error"}, content_type="application/json"
    )

    assert page.status_code == 200
    assert 'data-testid="public-response"' not in page.content.decode()
    assert posted.status_code == 409
    assert "não autorizou a publicação" in posted.content.decode()
    assert json.loads(read.content) == {"narrative": None, "response": None}
    assert refused.status_code == 409
    assert json.loads(refused.content) == {
        "code": "illegal_step",
        "detail": "O consumidor não autorizou a publicação do relato desta reclamação.",
    }
    assert _response(procon, complaint) is None
