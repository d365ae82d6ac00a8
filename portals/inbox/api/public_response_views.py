"""The company's public response to a consented narrative in the inbox API (platform host): read
the narrative's status, its public text once published and the current response; answer with one
of the fixed set and optionally words, published after the Procon's moderation. Not an agent of
the case's company group: 404; no consent standing: 409."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from portals.inbox.api.views import CASE_PARAMETERS, NOT_FOUND, TAGS, CompanyAgentApi, agent_entry
from portals.inbox.forms import CHOOSE_RESPONSE
from portals.inbox.selectors import company_case
from shared.narratives.responses import RESPONSE_TEXT_MAX, ResponseKind
from shared.procons.schemas import in_procon_schema
from tenants.complaints.models import Complaint
from tenants.narratives.actions import LIVE, do_respond
from tenants.narratives.models import NarrativeStatus, ResponseTextStatus
from tenants.narratives.selectors import narrative_of, response_of


class PublicResponseInput(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=ResponseKind.choices,
        error_messages={"invalid_choice": CHOOSE_RESPONSE, "required": CHOOSE_RESPONSE},
    )
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=RESPONSE_TEXT_MAX,
        help_text=_("Your own words, published only after the Procon's moderation."),
    )


class PublicNarrativeOutput(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in NarrativeStatus if s.value in LIVE]
    )
    status_display = serializers.CharField()
    text = serializers.CharField(
        allow_blank=True, help_text=_("The narrative as published; empty until it is.")
    )
    published_at = serializers.DateTimeField(allow_null=True)


class CurrentPublicResponseOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ResponseKind.choices)
    kind_display = serializers.CharField()
    text = serializers.CharField(allow_blank=True, help_text=_("Your words as written."))
    text_status = serializers.ChoiceField(choices=ResponseTextStatus.choices)
    text_status_display = serializers.CharField()
    published_text = serializers.CharField(
        allow_blank=True, help_text=_("Your words as the Procon approved them.")
    )
    refusal_reason = serializers.CharField(allow_blank=True)
    responded_at = serializers.DateTimeField()


class PublicResponseOutput(serializers.Serializer):
    narrative = PublicNarrativeOutput(
        allow_null=True,
        help_text=_("Null unless the consumer's consent to publish the narrative stands."),
    )
    response = CurrentPublicResponseOutput(allow_null=True)


def present_public_response(complaint: Complaint) -> dict[str, Any]:
    """Call inside the case's Procon schema."""
    narrative = narrative_of(complaint)
    shown = None
    if narrative is not None and narrative.status in LIVE:
        published = narrative.status == NarrativeStatus.PUBLISHED
        shown = {
            "status": narrative.status,
            "status_display": narrative.get_status_display(),
            "text": narrative.text if published else "",
            "published_at": narrative.published_at if published else None,
        }
    response = response_of(complaint)
    current = None
    if response is not None:
        current = {
            "kind": response.kind,
            "kind_display": response.get_kind_display(),
            "text": response.text,
            "text_status": response.text_status,
            "text_status_display": response.get_text_status_display(),
            "published_text": response.published_text,
            "refusal_reason": response.refusal_reason,
            "responded_at": response.responded_at,
        }
    return PublicResponseOutput({"narrative": shown, "response": current}).data


class InboxPublicResponseApi(CompanyAgentApi):
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        operation_id="inbox_public_response",
        summary=_("The consented narrative of a case and your public response"),
        description=_(
            "The narrative's status while the consumer's consent to publish it stands (awaiting "
            "moderation or published; `narrative` is null otherwise), its public text once "
            "published, and your company's current public response with the moderation of "
            "your words."
        ),
        parameters=CASE_PARAMETERS,
        responses={200: PublicResponseOutput, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, procon_slug: str, number: str) -> Response:
        entry = agent_entry(request, procon_slug, number)
        with in_procon_schema(entry.procon):
            case = company_case(viewer=request.user, entry=entry)
            return Response(present_public_response(case.complaint))

    @extend_schema(
        operation_id="inbox_public_response_update",
        summary=_("Give or replace your public response to a consented narrative"),
        description=_(
            "One of the fixed set of responses (`kind`), shown at once beside the published "
            "narrative, and optionally your words (`text`, at most 2,000 characters), published "
            "only after the Procon's moderation. Answering again replaces the response and "
            "sends the new words to moderation. 409 when the consumer has not agreed to "
            "publish the narrative."
        ),
        parameters=CASE_PARAMETERS,
        request=PublicResponseInput,
        responses={
            200: PublicResponseOutput,
            400: OpenApiResponse(description=_("Field errors, each naming its field.")),
            404: NOT_FOUND,
            409: OpenApiResponse(
                description=_("No consent to publish the narrative stands (`code`, `detail`).")
            ),
        },
        tags=TAGS,
    )
    def post(self, request: Request, procon_slug: str, number: str) -> Response:
        entry = agent_entry(request, procon_slug, number)
        with in_procon_schema(entry.procon):
            case = company_case(viewer=request.user, entry=entry)
            payload = PublicResponseInput(data=request.data)
            payload.is_valid(raise_exception=True)
            data = payload.validated_data
            do_respond(case.complaint, actor=request.user, kind=data["kind"], text=data["text"])
            return Response(present_public_response(case.complaint))
