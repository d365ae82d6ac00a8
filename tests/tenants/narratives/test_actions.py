"""Consented narratives through the actions: consent at filing and later, the scrub, approval
(as scrubbed and edited), refusal with a reason, withdrawal taking the public copy down, the
company's public response and its moderated words, and every refusal of a caller or a state."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kernel.errors import IllegalStep
from shared.caseindex.models import CaseIndexEntry
from shared.narratives.models import PublishedNarrative
from shared.narratives.responses import ResponseKind
from shared.notifications.models import OutboundEmail
from tenants.complaints.actions.closing import do_withdraw_complaint
from tenants.narratives.actions import (
    do_approve,
    do_approve_response,
    do_consent,
    do_refuse,
    do_refuse_response,
    do_respond,
    do_withdraw,
)
from tenants.narratives.models import Narrative, NarrativeStatus, ResponseTextStatus
from tenants.narratives.selectors import narratives_to_moderate, responses_to_moderate
from tests.factories import ConsumerFactory, company_agent, staff
from tests.tenants.complaints.factories import at_cip_sent, file_complaint

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("santos")]

FACTS = (
    "Meu nome é Joana Prado Lemos, CPF 529.982.247-25. Comprei uma geladeira na {company} "
    "e ela chegou quebrada; liguei para (13) 99876-5432 e a atendente Marcia disse que não "
    "troca."
)


def _case(attendant, consumer, company, **kwargs):
    facts = FACTS.format(company=company.trade_name)
    return at_cip_sent(attendant, consumer=consumer, company=company, facts=facts, **kwargs)


def _published(complaint):
    entry = CaseIndexEntry.objects.get(procon=connection.tenant, number=complaint.number)
    return PublishedNarrative.objects.filter(case=entry).first()


def test_consent_at_filing_scrubs_the_facts_and_waits_for_moderation(consumer, company):
    complaint = file_complaint(
        consumer=consumer,
        company=company,
        facts=FACTS.format(company=company.trade_name),
        publish_narrative=True,
    )
    narrative = Narrative.objects.get(complaint=complaint)
    assert narrative.status == NarrativeStatus.PENDING
    text = narrative.text
    for datum in ("Joana", "Lemos", "529.982.247-25", "99876-5432", "Marcia"):
        assert datum not in text
    assert company.trade_name in text  # the company is public
    assert "[CPF]" in text and "[TELEFONE]" in text and "[NOME]" in text
    assert narrative.redactions["[CPF]"] == 1
    assert list(narratives_to_moderate()) == [narrative]
    # Nothing is public before a person approves it.
    assert _published(complaint) is None


def test_no_consent_no_narrative(consumer, company):
    complaint = file_complaint(consumer=consumer, company=company)
    assert not Narrative.objects.filter(complaint=complaint).exists()


def test_approval_publishes_the_text_as_edited_and_tells_the_consumer(attendant, consumer, company):
    complaint = _case(attendant, consumer, company)
    narrative = do_consent(complaint, actor=consumer)
    edited = narrative.text.replace("geladeira", "geladeira nova")
    do_approve(narrative, actor=attendant, text=edited)
    published = _published(complaint)
    assert published.text == edited
    narrative.refresh_from_db()
    assert narrative.status == NarrativeStatus.PUBLISHED and narrative.moderated_by == attendant
    email = OutboundEmail.objects.get(key__startswith=f"narrative:{complaint.number}:published")
    assert email.to == [consumer.email] and "geladeira nova" in email.body
    assert list(narratives_to_moderate()) == []


def test_approval_waits_for_triage(attendant, consumer, company):
    complaint = file_complaint(
        consumer=consumer, company=company, facts="Fatos", publish_narrative=True
    )
    with pytest.raises(IllegalStep, match="triagem"):
        do_approve(complaint.narrative, actor=attendant)
    assert _published(complaint) is None


def test_refusal_needs_a_reason_and_tells_the_consumer(attendant, consumer, company):
    complaint = _case(attendant, consumer, company)
    narrative = do_consent(complaint, actor=consumer)
    with pytest.raises(ValidationError) as error:
        do_refuse(narrative, actor=attendant, reason="  ")
    assert "reason" in error.value.message_dict
    do_refuse(narrative, actor=attendant, reason="O relato identifica terceiros.")
    narrative.refresh_from_db()
    assert narrative.status == NarrativeStatus.REFUSED
    email = OutboundEmail.objects.get(key__startswith=f"narrative:{complaint.number}:refused")
    assert "O relato identifica terceiros." in email.body
    # The consumer cannot offer it again over the Procon's decision.
    with pytest.raises(IllegalStep):
        do_consent(complaint, actor=consumer)


def test_withdrawal_takes_it_down_and_blanks_the_copy(attendant, consumer, company):
    complaint = _case(attendant, consumer, company)
    do_approve(do_consent(complaint, actor=consumer), actor=attendant)
    assert _published(complaint) is not None
    narrative = do_withdraw(complaint, actor=consumer)
    assert _published(complaint) is None
    assert narrative.status == NarrativeStatus.WITHDRAWN
    assert narrative.text == narrative.scrubbed_text == ""
    # Idempotent, and the consumer may consent again while the case is open.
    do_withdraw(complaint, actor=consumer)
    assert do_consent(complaint, actor=consumer).status == NarrativeStatus.PENDING


def test_withdrawal_after_the_case_closed_and_no_consent_once_closed(attendant, consumer, company):
    complaint = _case(attendant, consumer, company)
    do_approve(do_consent(complaint, actor=consumer), actor=attendant)
    do_withdraw_complaint(complaint, actor=consumer)
    do_withdraw(complaint, actor=consumer)
    assert _published(complaint) is None
    with pytest.raises(IllegalStep, match="encerrada"):
        do_consent(complaint, actor=consumer)


def test_only_the_consumer_consents_or_withdraws(attendant, consumer, company, agent):
    complaint = _case(attendant, consumer, company)
    for actor in (attendant, agent, ConsumerFactory()):
        with pytest.raises(IllegalStep):
            do_consent(complaint, actor=actor)
    do_consent(complaint, actor=consumer)
    for actor in (attendant, agent, ConsumerFactory()):
        with pytest.raises(IllegalStep):
            do_withdraw(complaint, actor=actor)


def test_only_attendants_and_administrators_moderate(procon, attendant, consumer, company, agent):
    complaint = _case(attendant, consumer, company)
    narrative = do_consent(complaint, actor=consumer)
    for actor in (consumer, agent, staff(procon, "conciliator"), staff(procon, "inspector")):
        with pytest.raises(IllegalStep):
            do_approve(narrative, actor=actor)
        with pytest.raises(IllegalStep):
            do_refuse(narrative, actor=actor, reason="x")
    do_approve(narrative, actor=staff(procon, "tenant_admin"))


def test_company_response_kind_shows_at_once_words_after_moderation(
    attendant, consumer, company, agent
):
    complaint = _case(attendant, consumer, company)
    do_approve(do_consent(complaint, actor=consumer), actor=attendant)
    response = do_respond(
        complaint,
        actor=agent,
        kind=ResponseKind.ISOLATED_ERROR,
        text="Pedimos desculpas à Joana Prado Lemos; trocamos a geladeira.",
    )
    published = _published(complaint)
    assert published.response_kind == ResponseKind.ISOLATED_ERROR
    assert published.response_text == ""
    assert response.text_status == ResponseTextStatus.PENDING
    assert "Joana" not in response.scrubbed_text
    assert list(responses_to_moderate()) == [response]
    do_approve_response(response, actor=attendant)
    published.refresh_from_db()
    assert published.response_text.startswith("Pedimos desculpas à [NOME]")
    email = OutboundEmail.objects.get(key__startswith=f"narrative:{complaint.number}:response")
    assert email.to == [agent.email]


def test_refused_company_words_leave_the_chosen_response(attendant, consumer, company, agent):
    complaint = _case(attendant, consumer, company)
    do_approve(do_consent(complaint, actor=consumer), actor=attendant)
    response = do_respond(complaint, actor=agent, kind=ResponseKind.DISPUTES_FACTS, text="Mentira")
    do_refuse_response(response, actor=attendant, reason="Texto ofensivo.")
    published = _published(complaint)
    assert (published.response_kind, published.response_text) == (ResponseKind.DISPUTES_FACTS, "")


def test_company_responds_only_to_a_consented_narrative_of_its_own_case(
    attendant, consumer, company, agent, procon
):
    complaint = _case(attendant, consumer, company)
    with pytest.raises(IllegalStep, match="não autorizou"):
        do_respond(complaint, actor=agent, kind=ResponseKind.ISOLATED_ERROR)
    do_consent(complaint, actor=consumer)
    with pytest.raises(ValidationError) as error:
        do_respond(complaint, actor=agent, kind="we_are_great")
    assert "kind" in error.value.message_dict
    from tests.factories import CompanyFactory

    stranger = company_agent(CompanyFactory())
    for actor in (stranger, consumer, attendant):
        with pytest.raises(IllegalStep):
            do_respond(complaint, actor=actor, kind=ResponseKind.ISOLATED_ERROR)
