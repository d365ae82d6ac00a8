"""The moderators' API of narratives on a Procon's host (attendants and administrators; anyone
else gets 404, as on the other staff operations): the queues of narratives and of companies'
words awaiting moderation, one narrative with the complaint's original facts, and the decisions.
A decision the narrative's state refuses answers 409 with the domain's message and code; a
missing reason or text 400 naming the field."""

import base64
import json
from datetime import datetime
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.accounts.permissions import ProconStaff
from tenants.complaints.api.pagination import PAGE_SIZE
from tenants.complaints.models import Complaint
from tenants.narratives.actions import (
    do_approve,
    do_approve_response,
    do_refuse,
    do_refuse_response,
)
from tenants.narratives.api import moderation_serializers as io
from tenants.narratives.models import Narrative, PublicResponse
from tenants.narratives.rules import MODERATORS, publishable
from tenants.narratives.selectors import (
    access_narrative,
    narratives_to_moderate,
    response_of,
    responses_to_moderate,
)

TAGS = ["narratives"]
Moderators = ProconStaff.with_roles(*sorted(MODERATORS))

NUMBER = OpenApiParameter(
    "number",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description=_("The complaint's protocol number."),
)
CURSOR = OpenApiParameter(
    "cursor",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    description=_("The `next` link's cursor."),
)
NOT_FOUND = OpenApiResponse(
    description=_(
        "Not a moderator here, or no narrative for this number at this Procon (the same answer)."
    )
)
CONFLICT = OpenApiResponse(
    description=_("The narrative's state refuses the decision: the message and its code.")
)
FIELD_ERRORS = OpenApiResponse(description=_("Field errors, each naming its field."))
CONFLICT_EXAMPLE = OpenApiExample(
    "Not triaged",
    summary=_("Illegal step"),
    response_only=True,
    status_codes=["409"],
    value={
        "detail": "Esta reclamação ainda não passou pela triagem, ou foi rejeitada: o relato "
        "não pode ser publicado.",
        "code": "illegal_step",
    },
)
REASON_EXAMPLE = OpenApiExample(
    "Missing reason",
    summary=_("Field errors"),
    response_only=True,
    status_codes=["400"],
    value={"reason": ["Diga o motivo, para quem vai lê-lo."]},
)


# --- keyset pages, oldest first ------------------------------------------------------------------


def _encode(at: datetime, pk: int) -> str:
    raw = json.dumps([at.isoformat(), pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        at, pk = json.loads(raw)
        moment = datetime.fromisoformat(at)
        if moment.tzinfo is None or not isinstance(pk, int) or isinstance(pk, bool):
            raise ValueError
        if not 0 < pk < 2**63:
            raise ValueError
    except (ValueError, TypeError):
        raise ValidationError({"cursor": [_("Invalid cursor.")]}) from None
    return moment, pk


def _page[M: Model](
    request: Request, queryset: QuerySet[M], *, field: str
) -> tuple[list[M], str | None]:
    """One page of `queryset` in `field` order (then pk), and the next page's link."""
    cursor = request.query_params.get("cursor")
    if cursor:
        at, pk = _decode(cursor)
        queryset = queryset.filter(Q(**{f"{field}__gt": at}) | Q(**{field: at, "pk__gt": pk}))
    rows = list(queryset.order_by(field, "pk")[: PAGE_SIZE + 1])
    if len(rows) <= PAGE_SIZE:
        return rows, None
    rows = rows[:PAGE_SIZE]
    last = rows[-1]
    params = request.query_params.copy()
    params["cursor"] = _encode(getattr(last, field), last.pk)
    return rows, request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


# --- presentation --------------------------------------------------------------------------------


def _company(complaint: Complaint) -> dict[str, object]:
    company = complaint.company
    return {"id": company.pk, "name": str(company), "cnpj": company.cnpj or None}


def _subject(complaint: Complaint) -> dict[str, object] | None:
    subject = complaint.subject
    return None if subject is None else {"id": subject.pk, "name": str(subject)}


def _links(request: Request, number: str) -> dict[str, str]:
    return {
        "api": request.build_absolute_uri(
            reverse("api:narrative-moderation-detail", kwargs={"number": number})
        ),
        "page": request.build_absolute_uri(
            reverse("narratives_moderation:narrative", kwargs={"number": number})
        ),
        "case": request.build_absolute_uri(f"/reclamacoes/{number}/"),
    }


def _response(response: PublicResponse | None) -> dict[str, object] | None:
    if response is None:
        return None
    return {
        "kind": response.kind,
        "kind_display": response.get_kind_display(),
        "text": response.text,
        "scrubbed_text": response.scrubbed_text,
        "published_text": response.published_text,
        "text_status": response.text_status,
        "text_status_display": response.get_text_status_display(),
        "refusal_reason": response.refusal_reason,
        "responded_at": response.responded_at,
        "moderated_at": response.moderated_at,
    }


def present(request: Request, narrative: Narrative) -> dict[str, Any]:
    complaint = narrative.complaint
    return io.ModerationNarrativeOutput(
        {
            "number": complaint.number,
            "status": narrative.status,
            "status_display": narrative.get_status_display(),
            "complaint_status": complaint.status,
            "publishable": publishable(complaint),
            "company": _company(complaint),
            "subject": _subject(complaint),
            "facts": complaint.facts,
            "scrubbed_text": narrative.scrubbed_text,
            "text": narrative.text,
            "redactions": narrative.redactions,
            "consented_at": narrative.consented_at,
            "moderated_at": narrative.moderated_at,
            "published_at": narrative.published_at,
            "withdrawn_at": narrative.withdrawn_at,
            "refusal_reason": narrative.refusal_reason,
            "response": _response(response_of(complaint)),
            "links": _links(request, complaint.number),
        }
    ).data


def _narrative(number: str) -> Narrative:
    narrative = access_narrative(number=number)
    if narrative is None:
        raise NotFound()
    return narrative


def _public_response(narrative: Narrative) -> PublicResponse:
    response = response_of(narrative.complaint)
    if response is None:
        raise NotFound()
    return response


def _detail(request: Request, number: str) -> Response:
    return Response(present(request, _narrative(number)))


# --- the queues ----------------------------------------------------------------------------------


class NarrativeQueueApi(APIView):
    permission_classes = [Moderators]

    @extend_schema(
        operation_id="moderation_narratives_list",
        summary=_("Narratives awaiting moderation"),
        description=_(
            "This Procon's attendants and administrators: narratives consumers agreed to "
            "publish, scrubbed and not yet moderated, the oldest consent first. Keyset pages of "
            "50: follow `next`."
        ),
        parameters=[CURSOR],
        responses={
            200: io.ModerationNarrativePageOutput,
            400: OpenApiResponse(description=_("Invalid cursor.")),
            404: NOT_FOUND,
        },
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        rows, next_url = _page(request, narratives_to_moderate(), field="consented_at")
        results = [
            {
                "number": narrative.complaint.number,
                "company": _company(narrative.complaint),
                "subject": _subject(narrative.complaint),
                "consented_at": narrative.consented_at,
                "redactions": narrative.redactions,
                "links": _links(request, narrative.complaint.number),
            }
            for narrative in rows
        ]
        return Response(
            io.ModerationNarrativePageOutput({"next": next_url, "results": results}).data
        )


class ResponseQueueApi(APIView):
    permission_classes = [Moderators]

    @extend_schema(
        operation_id="moderation_narrative_responses_list",
        summary=_("Companies' public words awaiting moderation"),
        description=_(
            "This Procon's attendants and administrators: the companies' own words attached to "
            "their public responses, not yet moderated, the oldest first. Keyset pages of 50: "
            "follow `next`."
        ),
        parameters=[CURSOR],
        responses={
            200: io.ModerationResponsePageOutput,
            400: OpenApiResponse(description=_("Invalid cursor.")),
            404: NOT_FOUND,
        },
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        rows, next_url = _page(request, responses_to_moderate(), field="responded_at")
        results = [
            {
                "number": response.complaint.number,
                "company": _company(response.complaint),
                "kind": response.kind,
                "kind_display": response.get_kind_display(),
                "responded_at": response.responded_at,
                "links": _links(request, response.complaint.number),
            }
            for response in rows
        ]
        return Response(
            io.ModerationResponsePageOutput({"next": next_url, "results": results}).data
        )


# --- one narrative and its decisions -------------------------------------------------------------


class NarrativeModerationDetailApi(APIView):
    permission_classes = [Moderators]

    @extend_schema(
        operation_id="moderation_narratives_retrieve",
        summary=_("One narrative, for moderation"),
        description=_(
            "The complaint's original facts (not public), the automatic scrub, the text that is "
            "or will be published, how many data of each kind the scrub replaced, and the "
            "company's public response if any."
        ),
        parameters=[NUMBER],
        responses={200: io.ModerationNarrativeOutput, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, number: str) -> Response:
        return _detail(request, number)


DECISION_RESPONSES = {
    200: io.ModerationNarrativeOutput,
    400: FIELD_ERRORS,
    404: NOT_FOUND,
    409: CONFLICT,
}


class _DecisionApi(APIView):
    """A moderator's decision on the narrative of complaint `number`, or on its company's
    words: the body read with `payload`, the action taken by `decide`, the narrative answered."""

    permission_classes = [Moderators]
    payload: type[serializers.Serializer]

    def decide(self, narrative: Narrative, actor: object, data: dict) -> object:
        raise NotImplementedError

    def post(self, request: Request, number: str) -> Response:
        narrative = _narrative(number)
        payload = self.payload(data=request.data)
        payload.is_valid(raise_exception=True)
        self.decide(narrative, request.user, payload.validated_data)
        return _detail(request, number)


def _decision_schema(operation_id: str, summary: str, description: str, *, refuse: bool):
    return extend_schema_view(
        post=extend_schema(
            operation_id=operation_id,
            summary=summary,
            description=description,
            parameters=[NUMBER],
            request=io.ModerationRefuseInput if refuse else io.ModerationApproveInput,
            responses=DECISION_RESPONSES,
            examples=[REASON_EXAMPLE if refuse else CONFLICT_EXAMPLE],
            tags=TAGS,
        )
    )


@_decision_schema(
    "moderation_narratives_approve",
    _("Approve and publish a narrative"),
    _(
        "Publishes the narrative as scrubbed, or as edited in `text`; a published narrative "
        "may be edited again the same way. The consumer is told by e-mail the first time. "
        "Only once the complaint passed triage (409 before)."
    ),
    refuse=False,
)
class NarrativeApproveApi(_DecisionApi):
    payload = io.ModerationApproveInput

    def decide(self, narrative: Narrative, actor: object, data: dict) -> object:
        return do_approve(narrative, actor=actor, text=data.get("text"))


@_decision_schema(
    "moderation_narratives_refuse",
    _("Refuse a narrative, or take a published one down"),
    _(
        "Publishes nothing (a published narrative leaves the company's page and the open "
        "data); the consumer is told the `reason` by e-mail."
    ),
    refuse=True,
)
class NarrativeRefuseApi(_DecisionApi):
    payload = io.ModerationRefuseInput

    def decide(self, narrative: Narrative, actor: object, data: dict) -> object:
        return do_refuse(narrative, actor=actor, reason=data["reason"])


@_decision_schema(
    "moderation_narrative_responses_approve",
    _("Approve and publish the company's words"),
    _(
        "Publishes the company's words as scrubbed, or as edited in `text`, beside its "
        "public response; the company's agents are told by e-mail the first time."
    ),
    refuse=False,
)
class ResponseApproveApi(_DecisionApi):
    payload = io.ModerationApproveInput

    def decide(self, narrative: Narrative, actor: object, data: dict) -> object:
        response = _public_response(narrative)
        return do_approve_response(response, actor=actor, text=data.get("text"))


@_decision_schema(
    "moderation_narrative_responses_refuse",
    _("Refuse the company's words"),
    _(
        "The chosen public response stays; the words are not published (or are taken "
        "down), and the company's agents are told the `reason` by e-mail."
    ),
    refuse=True,
)
class ResponseRefuseApi(_DecisionApi):
    payload = io.ModerationRefuseInput

    def decide(self, narrative: Narrative, actor: object, data: dict) -> object:
        response = _public_response(narrative)
        return do_refuse_response(response, actor=actor, reason=data["reason"])
