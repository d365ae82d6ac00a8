"""The narrative's steps: the consumer's consent (at filing or later, until the case closes) and
its withdrawal (at any time), the staff's moderation (approve, with or without editing the
redaction, or refuse with a reason), and the company's public response with its own words
moderated the same way. Each runs in one transaction with the complaint's row locked; what
is public is written to the public index in the same transaction."""

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.workflow.steps import required_text
from shared.accounts.models import User
from shared.caseindex.models import CaseIndexEntry
from shared.narratives.actions import (
    do_publish_narrative,
    do_set_public_response,
    do_unpublish_narrative,
)
from shared.narratives.models import NARRATIVE_MAX
from shared.narratives.responses import RESPONSE_TEXT_MAX, ResponseKind
from shared.narratives.scrubber import Scrubbed, scrub
from tenants.complaints.actions.steps import locked_complaint
from tenants.complaints.models import Complaint
from tenants.narratives import notify
from tenants.narratives.models import (
    REASON_MAX,
    Narrative,
    NarrativeStatus,
    PublicResponse,
    ResponseTextStatus,
)
from tenants.narratives.rules import (
    check_company,
    check_consumer,
    moderator_role,
    publishable,
    refuse,
)

LIVE = frozenset({NarrativeStatus.PENDING, NarrativeStatus.PUBLISHED})


def scrub_for(complaint: Complaint, text: str) -> Scrubbed:
    """The scrub as the platform calls it: the company's public names and CNPJ kept, the
    consumer's own name (and a supplier who is a person's) redacted wherever it appears."""
    company = complaint.company
    keep: list[str] = []
    also_redact = [complaint.consumer.full_name]
    if company.is_person:
        also_redact.append(company.legal_name)
    else:
        keep = [name for name in (company.legal_name, company.trade_name, company.cnpj) if name]
    return scrub(text, keep=keep, also_redact=[name for name in also_redact if name])


def _index_row(complaint: Complaint) -> CaseIndexEntry:
    return CaseIndexEntry.objects.get(
        procon=connection.tenant, kind=CaseIndexEntry.Kind.COMPLAINT, number=complaint.number
    )


def _reason(reason: str) -> str:
    reason = required_text(
        reason or "", field="reason", message=_("Say why, for the person who will read it.")
    )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("Write at most %(max)d characters.") % {"max": REASON_MAX}}
        )
    return reason


def _edited(text: str | None, current: str, *, limit: int) -> str:
    text = required_text(
        current if text is None else text,
        field="text",
        message=_("Write the text to publish, or refuse it with a reason."),
    )
    if len(text) > limit:
        raise ValidationError({"text": _("Write at most %(max)d characters.") % {"max": limit}})
    return text


# The consumer


@transaction.atomic
def do_consent(complaint: Complaint, *, actor: User) -> Narrative:
    """The consumer agrees to publish the facts of their complaint: scrubbed at once, then held
    for moderation. Idempotent while the consent stands; possible again after a withdrawal, as
    long as the case is open; never after staff refused it."""
    check_consumer(complaint, actor)
    complaint = locked_complaint(complaint)
    if not complaint.is_open:
        raise refuse(_("This complaint is closed: its narrative can no longer be offered."))
    narrative = Narrative.objects.filter(complaint=complaint).first()
    if narrative is not None and narrative.status in LIVE:
        return narrative
    if narrative is not None and narrative.status == NarrativeStatus.REFUSED:
        raise refuse(_("The Procon decided not to publish this narrative."))
    scrubbed = scrub_for(complaint, complaint.facts)
    values: dict[str, Any] = {
        "status": NarrativeStatus.PENDING,
        "consented_at": timezone.now(),
        "scrubbed_text": scrubbed.text,
        "text": scrubbed.text,
        "redactions": dict(Counter(span.replacement for span in scrubbed.spans)),
        "moderated_by": None,
        "moderated_at": None,
        "refusal_reason": "",
        "published_at": None,
        "withdrawn_at": None,
    }
    narrative, _created = Narrative.objects.update_or_create(complaint=complaint, defaults=values)
    return narrative


@transaction.atomic
def do_withdraw(complaint: Complaint, *, actor: User) -> Narrative:
    """The consumer takes the consent back, at any time: the narrative leaves the company's page
    and the public index at once, the open-data files are rewritten without it, and the text
    kept here is blanked. Idempotent."""
    check_consumer(complaint, actor)
    complaint = locked_complaint(complaint)
    narrative = Narrative.objects.filter(complaint=complaint).first()
    if narrative is None:
        raise refuse(_("You have not agreed to publish this narrative."))
    if narrative.status == NarrativeStatus.WITHDRAWN:
        return narrative
    do_unpublish_narrative(_index_row(complaint))
    narrative.status = NarrativeStatus.WITHDRAWN
    narrative.withdrawn_at = timezone.now()
    narrative.scrubbed_text = narrative.text = ""
    narrative.redactions = {}
    narrative.published_at = None
    narrative.save()
    return narrative


# Staff


def _locked_narrative(narrative: Narrative, actor: User) -> tuple[Complaint, Narrative]:
    complaint = locked_complaint(narrative.complaint)
    moderator_role(complaint, actor)
    return complaint, Narrative.objects.get(pk=narrative.pk)


def _response_values(complaint: Complaint) -> dict[str, Any]:
    response = PublicResponse.objects.filter(complaint=complaint).first()
    if response is None:
        return {}
    return {
        "response_kind": response.kind,
        "response_text": response.published_text,
        "responded_at": response.responded_at,
    }


@transaction.atomic
def do_approve(narrative: Narrative, *, actor: User, text: str | None = None) -> Narrative:
    """Publish the narrative as scrubbed, or as the moderator edited it (`text`); a published
    one may be edited again the same way."""
    complaint, narrative = _locked_narrative(narrative, actor)
    if narrative.status not in LIVE:
        raise refuse(_("Only a narrative awaiting moderation or published can be approved."))
    if not publishable(complaint):
        raise refuse(
            _("This complaint has not passed triage, or was rejected: it cannot be published.")
        )
    narrative.text = _edited(text, narrative.text, limit=NARRATIVE_MAX)
    now = timezone.now()
    first = narrative.status == NarrativeStatus.PENDING
    narrative.status = NarrativeStatus.PUBLISHED
    narrative.published_at = narrative.published_at or now
    narrative.moderated_by, narrative.moderated_at = actor, now
    narrative.save()
    do_publish_narrative(
        _index_row(complaint),
        text=narrative.text,
        published_at=narrative.published_at,
        **_response_values(complaint),
    )
    if first:
        notify.narrative_decided(complaint, narrative)
    return narrative


@transaction.atomic
def do_refuse(narrative: Narrative, *, actor: User, reason: str) -> Narrative:
    """Publish nothing, with the reason the consumer is told; a published narrative is taken
    down the same way."""
    complaint, narrative = _locked_narrative(narrative, actor)
    if narrative.status not in LIVE:
        raise refuse(_("Only a narrative awaiting moderation or published can be refused."))
    narrative.refusal_reason = _reason(reason)
    if narrative.status == NarrativeStatus.PUBLISHED:
        do_unpublish_narrative(_index_row(complaint))
    narrative.status = NarrativeStatus.REFUSED
    narrative.published_at = None
    narrative.moderated_by, narrative.moderated_at = actor, timezone.now()
    narrative.save()
    notify.narrative_decided(complaint, narrative)
    return narrative


# The company


def _sync_response(complaint: Complaint, response: PublicResponse) -> None:
    """The public index follows the response while the narrative is published."""
    if Narrative.objects.filter(complaint=complaint, status=NarrativeStatus.PUBLISHED).exists():
        do_set_public_response(
            _index_row(complaint),
            kind=response.kind,
            text=response.published_text,
            at=response.responded_at,
        )


@transaction.atomic
def do_respond(complaint: Complaint, *, actor: User, kind: str, text: str = "") -> PublicResponse:
    """The company's public response to a consented narrative: one of the fixed set, shown at
    once beside the published narrative, and optionally its own words, scrubbed and shown only
    once staff approve them. Answering again replaces the response."""
    check_company(complaint, actor)
    complaint = locked_complaint(complaint)
    narrative = Narrative.objects.filter(complaint=complaint).first()
    if narrative is None or narrative.status not in LIVE:
        raise refuse(_("The consumer has not agreed to publish this complaint's narrative."))
    if kind not in ResponseKind.values:
        raise ValidationError({"kind": _("Choose one of the public responses listed.")})
    text = (text or "").strip()
    if len(text) > RESPONSE_TEXT_MAX:
        raise ValidationError(
            {"text": _("Write at most %(max)d characters.") % {"max": RESPONSE_TEXT_MAX}}
        )
    response, _created = PublicResponse.objects.update_or_create(
        complaint=complaint,
        defaults={
            "kind": kind,
            "text": text,
            "scrubbed_text": scrub_for(complaint, text).text if text else "",
            "published_text": "",
            "text_status": ResponseTextStatus.PENDING if text else ResponseTextStatus.NONE,
            "refusal_reason": "",
            "author": actor,
            "responded_at": timezone.now(),
            "moderated_by": None,
            "moderated_at": None,
        },
    )
    _sync_response(complaint, response)
    return response


def _locked_response(response: PublicResponse, actor: User) -> tuple[Complaint, PublicResponse]:
    complaint = locked_complaint(response.complaint)
    moderator_role(complaint, actor)
    response = PublicResponse.objects.get(pk=response.pk)
    if response.text_status not in (ResponseTextStatus.PENDING, ResponseTextStatus.PUBLISHED):
        raise refuse(_("This response has no words awaiting moderation."))
    return complaint, response


@transaction.atomic
def do_approve_response(
    response: PublicResponse, *, actor: User, text: str | None = None
) -> PublicResponse:
    complaint, response = _locked_response(response, actor)
    current = response.published_text or response.scrubbed_text
    response.published_text = _edited(text, current, limit=RESPONSE_TEXT_MAX)
    first = response.text_status == ResponseTextStatus.PENDING
    response.text_status = ResponseTextStatus.PUBLISHED
    response.moderated_by, response.moderated_at = actor, timezone.now()
    response.save()
    _sync_response(complaint, response)
    if first:
        notify.response_moderated(complaint, response)
    return response


@transaction.atomic
def do_refuse_response(response: PublicResponse, *, actor: User, reason: str) -> PublicResponse:
    complaint, response = _locked_response(response, actor)
    response.refusal_reason = _reason(reason)
    response.published_text = ""
    response.text_status = ResponseTextStatus.REFUSED
    response.moderated_by, response.moderated_at = actor, timezone.now()
    response.save()
    _sync_response(complaint, response)
    notify.response_moderated(complaint, response)
    return response
