from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.accounts.permissions import AnonymousApi, StateSupervisor
from shared.geo.models import Municipality
from shared.geo.selectors import get_municipality, is_in_platform_uf
from shared.procons.actions import do_reactivate_procon, do_suspend_procon
from shared.procons.lifecycle import ProconKind, ProconStatus
from shared.procons.selectors import procon_list, procon_serving


class ProconOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=ProconKind.choices)
    status = serializers.ChoiceField(choices=ProconStatus.choices)
    municipality_ibge_code = serializers.IntegerField(source="municipality_id")
    municipality_name = serializers.CharField(source="municipality.name")
    url = serializers.URLField()


class ProconListApi(AnonymousApi):
    @extend_schema(responses=ProconOutput(many=True), summary=_("Procons serving on the platform"))
    def get(self, request: Request) -> Response:
        return Response(ProconOutput(procon_list(), many=True).data)


class ProconServingQuery(serializers.Serializer):
    ibge_code = serializers.IntegerField(
        min_value=1000000, max_value=9999999, help_text=_("IBGE code of the city (7 digits).")
    )

    def validate_ibge_code(self, value: int) -> Municipality:
        municipality = get_municipality(ibge_code=value)
        if municipality is None or not is_in_platform_uf(municipality):
            raise serializers.ValidationError(
                _("Municipality not found."), code="municipality_not_found"
            )
        return municipality


class ProconServingOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=ProconKind.choices)
    url = serializers.URLField()


class ProconServingApi(AnonymousApi):
    @extend_schema(
        parameters=[ProconServingQuery],
        responses=ProconServingOutput,
        summary=_("The Procon that takes a city's new complaints"),
        description=_(
            "The city's own active Procon; otherwise (no Procon on the platform, or a suspended "
            "one) the state Procon. A code that is not one of the state's cities is a 400 naming "
            "`ibge_code`."
        ),
        examples=[
            OpenApiExample(
                "Santos",
                response_only=True,
                value={
                    "slug": "santos",
                    "name": "Procon Santos",
                    "kind": "municipal",
                    "url": "https://santos.procon.digital/",
                },
            ),
            OpenApiExample(
                "Unknown city",
                summary=_("Unknown city"),
                response_only=True,
                status_codes=["400"],
                value={"ibge_code": ["Município não encontrado."]},
            ),
        ],
    )
    def get(self, request: Request) -> Response:
        query = ProconServingQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(ProconServingOutput(procon_serving(query.validated_data["ibge_code"])).data)


class SupervisedProconOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    municipality_name = serializers.CharField(source="municipality.name")
    url = serializers.URLField()


class StatusChangeInput(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class SupervisionProconListApi(APIView):
    permission_classes = [StateSupervisor]

    @extend_schema(
        responses={200: SupervisedProconOutput(many=True)},
        summary=_("Every Procon on the platform with its status"),
    )
    def get(self, request: Request) -> Response:
        return Response(SupervisedProconOutput(procon_list(served_only=False), many=True).data)


STATUS_CHANGE = _("Suspend or reactivate a municipal Procon, with a reason kept in its history.")


class _SupervisionProconStatusApi(APIView):
    """Suspend or reactivate a municipal Procon, with a reason kept in its history."""

    permission_classes = [StateSupervisor]
    change = staticmethod(do_suspend_procon)

    def post(self, request: Request, slug: str) -> Response:
        procon = procon_list(served_only=False).filter(slug=slug).first()
        if procon is None:
            raise NotFound()
        payload = StatusChangeInput(data=request.data)
        payload.is_valid(raise_exception=True)
        procon = self.change(procon, actor=request.user, reason=payload.validated_data["reason"])
        return Response(SupervisedProconOutput(procon).data)


@extend_schema(
    request=StatusChangeInput,
    responses={200: SupervisedProconOutput},
    summary=_(
        "Suspend a municipal Procon: its consumers keep following their cases; new complaints of its city go to the state Procon"
    ),
    description=STATUS_CHANGE,
)
class SupervisionSuspendApi(_SupervisionProconStatusApi):
    change = staticmethod(do_suspend_procon)


@extend_schema(
    request=StatusChangeInput,
    responses={200: SupervisedProconOutput},
    summary=_("Reactivate a suspended Procon"),
    description=STATUS_CHANGE,
)
class SupervisionReactivateApi(_SupervisionProconStatusApi):
    change = staticmethod(do_reactivate_procon)
