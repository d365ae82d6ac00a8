from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.procons.lifecycle import ProconKind, ProconStatus
from shared.procons.selectors import procon_list


class ProconOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=ProconKind.choices)
    status = serializers.ChoiceField(choices=ProconStatus.choices)
    municipality_ibge_code = serializers.IntegerField(source="municipality_id")
    municipality_name = serializers.CharField(source="municipality.name")
    url = serializers.URLField()


class ProconListApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(responses=ProconOutput(many=True), summary="Procons serving on the platform")
    def get(self, request: Request) -> Response:
        return Response(ProconOutput(procon_list(), many=True).data)
