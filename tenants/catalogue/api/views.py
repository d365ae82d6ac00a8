from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tenants.catalogue.selectors import problem_list, purchase_channel_list, subject_list


class EntryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SubjectAreaOutput(EntryOutput):
    subjects = EntryOutput(many=True)


class ProblemGroupOutput(EntryOutput):
    problems = EntryOutput(many=True)


class CatalogueOutput(serializers.Serializer):
    subject_areas = SubjectAreaOutput(many=True)
    problem_groups = ProblemGroupOutput(many=True)
    purchase_channels = EntryOutput(many=True)


def _grouped(entries: list, parent: str, children: str) -> list[dict[str, object]]:
    groups: dict[int, dict[str, object]] = {}
    for entry in entries:
        owner = getattr(entry, parent)
        group = groups.setdefault(owner.pk, {"id": owner.pk, "name": owner.name, children: []})
        group[children].append({"id": entry.pk, "name": entry.name})
    return list(groups.values())


class CatalogueApi(APIView):
    """Public: the complaint form and API clients offer what this Procon offers."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        responses=CatalogueOutput,
        summary=_("This Procon's active complaint subjects, problems and purchase channels"),
        description=_(
            "Subjects grouped by area and problems grouped by group, in the Procon's order; "
            "entries the Procon deactivated are left out."
        ),
        tags=["catalogue"],
    )
    def get(self, request: Request) -> Response:
        data = {
            "subject_areas": _grouped(list(subject_list()), "area", "subjects"),
            "problem_groups": _grouped(list(problem_list()), "group", "problems"),
            "purchase_channels": [
                {"id": channel.pk, "name": channel.name} for channel in purchase_channel_list()
            ],
        }
        return Response(CatalogueOutput(data).data)
