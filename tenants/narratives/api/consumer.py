"""The consumer's narrative in the API (/api/v1/complaints/<number>/narrative/): where the consent
stands and what is or will be published (GET, also for this Procon's staff), the consent (POST)
and its withdrawal (DELETE), the consumer's alone. Anyone else who may not see the complaint, and
the company's agents (who have the inbox's), get the complaint's 404; a step the narrative's
state or the caller's role refuses answers 409 with its message and code."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.narratives.responses import ResponseKind
from tenants.complaints.api.views import NUMBER
from tenants.complaints.models import Complaint
from tenants.narratives.actions import LIVE, do_consent, do_withdraw
from tenants.narratives.models import Narrative, NarrativeStatus, ResponseTextStatus
from tenants.narratives.selectors import access_case_narrative, response_of

TAGS = ["narratives"]
NO_CONSENT = _("No consent to publish")


class ConsumerResponseOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ResponseKind.choices)
    kind_label = serializers.CharField()
    text = serializers.CharField(
        allow_blank=True,
        help_text=_("The company's own words as the Procon approved them; empty otherwise."),
    )


class ConsumerNarrativeOutput(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.ChoiceField(
        choices=NarrativeStatus.choices,
        allow_null=True,
        help_text=_("Null when the consumer never agreed to publish the narrative."),
    )
    status_label = serializers.CharField()
    consented_at = serializers.DateTimeField(allow_null=True)
    text = serializers.CharField(
        allow_blank=True,
        help_text=_(
            "The text that is or will be published, personal data replaced by placeholders "
            "such as [NOME]; empty once refused or withdrawn."
        ),
    )
    redactions = serializers.DictField(
        child=serializers.IntegerField(),
        help_text=_("How many data of each kind the scrub replaced, by placeholder."),
    )
    refusal_reason = serializers.CharField(
        allow_blank=True, help_text=_("Why the Procon did not publish it, once refused.")
    )
    published_at = serializers.DateTimeField(allow_null=True)
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    response = ConsumerResponseOutput(
        allow_null=True,
        help_text=_("The company's public response, once the narrative is published."),
    )


def present(complaint: Complaint, narrative: Narrative | None) -> dict[str, Any]:
    live = narrative is not None and narrative.status in LIVE
    refused = narrative is not None and narrative.status == NarrativeStatus.REFUSED
    response = None
    if narrative is not None and narrative.status == NarrativeStatus.PUBLISHED:
        public = response_of(complaint)
        if public is not None:
            response = {
                "kind": public.kind,
                "kind_label": public.get_kind_display(),
                "text": public.published_text
                if public.text_status == ResponseTextStatus.PUBLISHED
                else "",
            }
    return ConsumerNarrativeOutput(
        {
            "number": complaint.number,
            "status": narrative.status if narrative is not None else None,
            "status_label": narrative.get_status_display() if narrative is not None else NO_CONSENT,
            "consented_at": narrative.consented_at if narrative is not None else None,
            "text": narrative.text if live else "",
            "redactions": narrative.redactions if live else {},
            "refusal_reason": narrative.refusal_reason if refused else "",
            "published_at": narrative.published_at if narrative is not None else None,
            "withdrawn_at": narrative.withdrawn_at if narrative is not None else None,
            "response": response,
        }
    ).data


NOT_FOUND = OpenApiResponse(
    description=_(
        "No such complaint here, or you are neither its consumer nor this Procon's staff (the "
        "same answer for both)."
    )
)
CONFLICT = OpenApiResponse(
    description=_(
        "The complaint's or the narrative's state, or your role, refuses it: the message and "
        "its code."
    )
)
CLOSED_EXAMPLE = OpenApiExample(
    "Closed complaint",
    summary=_("Illegal step"),
    response_only=True,
    status_codes=["409"],
    value={
        "detail": "Esta reclamação está encerrada: o relato não pode mais ser oferecido para "
        "publicação.",
        "code": "illegal_step",
    },
)


class ComplaintNarrativeApi(APIView):
    @extend_schema(
        operation_id="complaints_narrative_retrieve",
        summary=_("Your consent to publish the complaint's narrative"),
        description=_(
            "The case's consumer and this Procon's staff: whether the consumer agreed to publish "
            "the facts, the text that is or will be published (personal data replaced by "
            "placeholders), the reason of a refusal, and the company's public response once "
            "published."
        ),
        parameters=[NUMBER],
        responses={200: ConsumerNarrativeOutput, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, number: str) -> Response:
        complaint, _roles, narrative = access_case_narrative(viewer=request.user, number=number)
        return Response(present(complaint, narrative))

    @extend_schema(
        operation_id="complaints_narrative_consent",
        summary=_("Agree to publish the complaint's narrative"),
        description=_(
            "The case's consumer only, while the complaint is open: the facts are scrubbed of "
            "personal data at once and published on the company's page and in the open data "
            "only after the Procon's moderation. 201 when the consent is given now, 200 when it "
            "already stood. It never changes how the complaint is handled."
        ),
        parameters=[NUMBER],
        request=None,
        responses={
            201: ConsumerNarrativeOutput,
            200: OpenApiResponse(
                ConsumerNarrativeOutput, description=_("The consent already stood.")
            ),
            404: NOT_FOUND,
            409: CONFLICT,
        },
        examples=[CLOSED_EXAMPLE],
        tags=TAGS,
    )
    def post(self, request: Request, number: str) -> Response:
        complaint, _roles, before = access_case_narrative(viewer=request.user, number=number)
        narrative = do_consent(complaint, actor=request.user)
        stood = before is not None and before.status in LIVE
        code = status.HTTP_200_OK if stood else status.HTTP_201_CREATED
        return Response(present(complaint, narrative), status=code)

    @extend_schema(
        operation_id="complaints_narrative_withdraw",
        summary=_("Withdraw the consent to publish the complaint's narrative"),
        description=_(
            "The case's consumer only, at any time: the narrative leaves the company's page and "
            "the open data at once, and its text is erased. Repeating it changes nothing."
        ),
        parameters=[NUMBER],
        responses={200: ConsumerNarrativeOutput, 404: NOT_FOUND, 409: CONFLICT},
        tags=TAGS,
    )
    def delete(self, request: Request, number: str) -> Response:
        complaint, _roles, _narrative = access_case_narrative(viewer=request.user, number=number)
        narrative = do_withdraw(complaint, actor=request.user)
        return Response(present(complaint, narrative))
