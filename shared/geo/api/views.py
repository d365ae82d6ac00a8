from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.geo.selectors import municipality_list


class MunicipalityQuery(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=64)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)


class MunicipalityOutput(serializers.Serializer):
    ibge_code = serializers.IntegerField()
    name = serializers.CharField()
    uf = serializers.CharField(source="uf.abbreviation")


class MunicipalityListApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[MunicipalityQuery],
        responses=MunicipalityOutput(many=True),
        summary=_("Search the state's municipalities by name (accents and case ignored)"),
    )
    def get(self, request: Request) -> Response:
        query = MunicipalityQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = municipality_list(
            query=query.validated_data.get("q", ""), limit=query.validated_data["limit"]
        )
        return Response(MunicipalityOutput(rows, many=True).data)
