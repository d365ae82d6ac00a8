from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tenants.configuration.selectors import get_procon_settings


class ProconDetailOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    municipality_ibge_code = serializers.IntegerField()
    municipality_name = serializers.CharField()
    contact_email = serializers.EmailField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    address = serializers.CharField(allow_blank=True)
    opening_hours = serializers.CharField(allow_blank=True)
    cip_deadline_business_days = serializers.IntegerField()
    rating_window_days = serializers.IntegerField()


class ProconDetailApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        responses=ProconDetailOutput, summary="This Procon: contacts and public deadlines"
    )
    def get(self, request: Request) -> Response:
        procon = request.procon
        row = get_procon_settings()
        data = {
            "slug": procon.slug,
            "name": procon.name,
            "kind": procon.kind,
            "municipality_ibge_code": procon.municipality_id,
            "municipality_name": procon.municipality.name,
            "contact_email": row.contact_email,
            "phone": row.phone,
            "address": row.address,
            "opening_hours": row.opening_hours,
            "cip_deadline_business_days": row.cip_deadline_business_days,
            "rating_window_days": row.rating_window_days,
        }
        return Response(ProconDetailOutput(data).data)
