"""The catalogue's hierarchy in the API: a subject's problems (public to read, curated by the
Procon's administrators) and merging a duplicate subject."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.web.errors import field_names
from shared.accounts.permissions import ProconStaff
from shared.accounts.roles import StaffRole
from tenants.catalogue.actions import do_merge_subject, do_set_subject_problems
from tenants.catalogue.hierarchy import problems_for
from tenants.catalogue.selectors import access_subject, problem_list, subject_list

TAGS = ["catalogue"]
ADMIN = ProconStaff.with_roles(StaffRole.TENANT_ADMIN)


class ProblemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    group = serializers.CharField(source="group.name")


class SubjectProblemsOutput(serializers.Serializer):
    subject_id = serializers.IntegerField()
    problems = ProblemOutput(many=True)
    related_problem_ids = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=_("The problems the Procon relates to the subject; empty: every problem."),
    )


class SubjectProblemsInput(serializers.Serializer):
    problem_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        allow_empty=True,
        max_length=1000,
        help_text=_("The problems offered under the subject; empty: every problem."),
    )


class MergeSubjectInput(serializers.Serializer):
    into_id = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("The subject kept: it receives the complaints and problems of this one."),
    )


class MergeSubjectOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    area = serializers.CharField(source="area.name")


def _output(subject: object) -> dict[str, object]:
    return SubjectProblemsOutput(
        {
            "subject_id": subject.pk,
            "problems": list(problems_for(subject)),
            "related_problem_ids": sorted(subject.problems.values_list("pk", flat=True)),
        }
    ).data


# Read by anyone (the filing forms ask it on demand); set by the Procon's administrators.
class SubjectProblemsApi(APIView):
    def _reading(self) -> bool:
        return getattr(self.request, "method", None) == "GET"

    def get_permissions(self) -> list:
        return [AllowAny()] if self._reading() else [ADMIN()]

    def get_authenticators(self) -> list:
        return [] if self._reading() else super().get_authenticators()

    @extend_schema(
        responses=SubjectProblemsOutput,
        summary=_("The problems offered under a subject"),
        description=_(
            "The active problems related to the subject (area → subject → problem); every "
            "active problem when none is related. A filing whose problem is not in this list is "
            "refused on problem_id. 404 for a subject not offered."
        ),
        tags=TAGS,
    )
    def get(self, request: Request, subject_id: int) -> Response:
        subject = subject_list().filter(pk=subject_id).first()
        if subject is None:
            raise NotFound()
        return Response(_output(subject))

    @extend_schema(
        request=SubjectProblemsInput,
        responses=SubjectProblemsOutput,
        summary=_("Set the problems offered under a subject (Procon administrators)"),
        tags=TAGS,
    )
    def put(self, request: Request, subject_id: int) -> Response:
        subject = access_subject(subject_id=subject_id)
        payload = SubjectProblemsInput(data=request.data)
        payload.is_valid(raise_exception=True)
        wanted = set(payload.validated_data["problem_ids"])
        problems = list(problem_list(active_only=False).filter(pk__in=wanted))
        if len(problems) != len(wanted):
            raise ValidationError({"problem_ids": [_("Choose problems of this catalogue.")]})
        subject = do_set_subject_problems(subject, problems=problems)
        return Response(_output(subject))


class MergeSubjectApi(APIView):
    permission_classes = [ADMIN]

    @extend_schema(
        request=MergeSubjectInput,
        responses=MergeSubjectOutput,
        summary=_("Merge a duplicate subject into another (Procon administrators)"),
        description=_(
            "The subject's complaints (and their case-index rows) move to into_id, which also "
            "gets its problems; the subject is removed. The answer is the subject kept."
        ),
        tags=TAGS,
    )
    def post(self, request: Request, subject_id: int) -> Response:
        subject = access_subject(subject_id=subject_id)
        payload = MergeSubjectInput(data=request.data)
        payload.is_valid(raise_exception=True)
        into = subject_list(active_only=False).filter(pk=payload.validated_data["into_id"]).first()
        if into is None:
            raise ValidationError({"into_id": [_("Choose a subject of this catalogue.")]})
        with field_names({"into": "into_id"}):
            kept = do_merge_subject(subject, into=into)
        return Response(MergeSubjectOutput(kept).data)
