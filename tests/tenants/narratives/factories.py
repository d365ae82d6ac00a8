"""Consented narratives for the narratives tests: a complaint whose consumer agreed to publish it,
one published, one with the company's words waiting for moderation, and what they read back."""

from django_tenants.utils import tenant_context

from shared.caseindex.models import CaseIndexEntry
from shared.narratives.models import PublishedNarrative
from shared.narratives.responses import ResponseKind
from tenants.narratives.actions import do_approve, do_consent, do_respond
from tenants.narratives.models import Narrative
from tests.factories import staff
from tests.tenants.complaints.factories import at_cip_sent

FACTS = (
    "Meu nome é Joana Prado Lemos, CPF 529.982.247-25. Comprei uma geladeira que chegou "
    "quebrada; liguei para (13) 99876-5432 e ninguém resolveu."
)


def pending(procon, attendant, consumer, company, *, facts: str = FACTS) -> str:
    """A complaint past triage whose consumer agreed to publish it; its number."""
    with tenant_context(procon):
        complaint = at_cip_sent(attendant, consumer=consumer, company=company, facts=facts)
        do_consent(complaint, actor=consumer)
        return complaint.number


def published(procon, attendant, consumer, company) -> str:
    number = pending(procon, attendant, consumer, company)
    with tenant_context(procon):
        do_approve(Narrative.objects.get(complaint__number=number), actor=attendant)
    return number


def company_words(procon, attendant, consumer, company, agent, text: str) -> str:
    """A published narrative whose company's agent answered with words of its own (an isolated
    error), waiting for moderation; its number."""
    number = published(procon, attendant, consumer, company)
    with tenant_context(procon):
        complaint = Narrative.objects.get(complaint__number=number).complaint
        do_respond(complaint, actor=agent, kind=ResponseKind.ISOLATED_ERROR, text=text)
    return number


def narrative(procon, number: str) -> Narrative:
    with tenant_context(procon):
        return Narrative.objects.select_related("complaint").get(complaint__number=number)


def public_copy(procon, number: str) -> PublishedNarrative | None:
    entry = CaseIndexEntry.objects.get(procon=procon, number=number)
    return PublishedNarrative.objects.filter(case=entry).first()


def outsiders(procon, *, conciliator, agent, consumer) -> dict:
    """Who may neither see nor moderate a narrative at `procon`, by name: a conciliator, an
    inspector (made here), the company's agent and the consumer."""
    return {
        "conciliator": conciliator,
        "inspector": staff(procon, "inspector"),
        "agent": agent,
        "consumer": consumer,
    }
