"""The triage suggestions of a case (tenants/complaints/suggestions.py), for the staff who may
reclassify it; accepting one is the reclassify operation."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tenants.complaints.api.views import NOT_FOUND, NUMBER, TAGS
from tenants.complaints.lifecycle import LIFECYCLE, Step
from tenants.complaints.selectors import access_complaint
from tenants.complaints.suggestions import TRIAGE_STATUSES, triage_suggestion


class SuggestedOption(serializers.Serializer):
    name = serializers.CharField()
    share = serializers.FloatField(help_text=_("The estimated share, from 0 to 1."))
    id = serializers.IntegerField(
        allow_null=True, help_text=_("The catalogue entry of this Procon; null when it has none.")
    )


class SimilarCaseOutput(serializers.Serializer):
    number = serializers.CharField()
    subject = serializers.CharField()
    problem = serializers.CharField()
    classification = serializers.CharField()
    similarity = serializers.FloatField(help_text=_("1 for the closest case, less for the others."))


class SuggestionsOutput(serializers.Serializer):
    in_triage = serializers.BooleanField()
    basis = serializers.CharField(
        help_text=_("What the counts rest on: company, segment, procon or none.")
    )
    subjects = SuggestedOption(many=True)
    problems = SuggestedOption(many=True)
    usual_answer = serializers.CharField(allow_blank=True)
    usual_answer_share = serializers.FloatField(allow_null=True)
    similar = SimilarCaseOutput(many=True)


class ComplaintSuggestionsApi(APIView):
    @extend_schema(
        operation_id="complaints_suggestions",
        parameters=[NUMBER],
        responses={200: SuggestionsOutput, 404: NOT_FOUND},
        summary=_("What the closed complaints suggest for this one (attendant, tenant_admin)"),
        description=_(
            "The three likeliest subjects and problems (counted over the platform's closed "
            "complaints, anonymised), the company's usual answer type here, and this Procon's "
            "three closed complaints whose facts read most alike. Empty once the complaint is past "
            "triage (`in_triage` false). Accept a suggestion with complaints_reclassify."
        ),
        tags=TAGS,
    )
    def get(self, request: Request, number: str) -> Response:
        complaint, roles = access_complaint(viewer=request.user, number=number)
        if not LIFECYCLE.role_for(Step.RECLASSIFY, roles):
            raise NotFound()
        if complaint.status not in TRIAGE_STATUSES:
            empty = {"basis": "none", "usual_answer": "", "usual_answer_share": None}
            body = {"in_triage": False, "subjects": [], "problems": [], "similar": [], **empty}
            return Response(SuggestionsOutput(body).data)
        found = triage_suggestion(complaint)

        def options(items: list) -> list[dict]:
            return [{"name": o.name, "share": o.share, "id": o.entry_id} for o in items]

        body = {
            "in_triage": True,
            "basis": found.basis,
            "subjects": options(found.subjects),
            "problems": options(found.problems),
            "usual_answer": found.usual_answer,
            "usual_answer_share": found.usual_answer_share,
            "similar": [
                {
                    "number": case.case_id,
                    "subject": case.subject,
                    "problem": case.problem,
                    "classification": case.outcome,
                    "similarity": round(case.similarity, 4),
                }
                for case in found.similar
            ],
        }
        return Response(SuggestionsOutput(body).data)
