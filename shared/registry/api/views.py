"""API v1: the registry of founded complaints and its publications, open to anyone. A Procon's
host answers for that Procon, the platform's host for the whole state."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.registry.atendimentos import atendimento_year_figures
from shared.registry.renderers import registry_row_json
from shared.registry.selectors import (
    DEFAULT_SORT,
    SORTS,
    publication_list,
    registry_figure_rows,
    registry_figures,
    registry_years,
)


class RegistryQuery(serializers.Serializer):
    year = serializers.IntegerField(help_text=_("Calendar year the cases were closed in."))
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text=_("Company name or CNPJ.")
    )
    sort = serializers.ChoiceField(
        choices=list(SORTS), required=False, default=DEFAULT_SORT, help_text=_("Order of the rows.")
    )

    def validate_year(self, value: int) -> int:
        if value not in self.context["years"]:
            raise serializers.ValidationError(
                _("No registry for this year."), code="year_out_of_range"
            )
        return value


class RegistryRowOutput(serializers.Serializer):
    cnpj = serializers.CharField()
    legal_name = serializers.CharField()
    trade_name = serializers.CharField()
    founded_met = serializers.IntegerField()
    founded_not_met = serializers.IntegerField()
    total = serializers.IntegerField()


class RegistryOutput(serializers.Serializer):
    scope = serializers.CharField(help_text=_('The Procon\'s slug, or "state".'))
    year = serializers.IntegerField()
    rows = RegistryRowOutput(many=True)


class RegistryApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[RegistryQuery],
        responses=RegistryOutput,
        summary=_("Founded complaints per company in a year (CDC art. 44)"),
    )
    def get(self, request: Request) -> Response:
        procon = getattr(request._request, "procon", None)
        query = RegistryQuery(
            data=request.query_params, context={"years": registry_years(procon=procon)}
        )
        query.is_valid(raise_exception=True)
        data = query.validated_data
        rows = registry_figure_rows(
            registry_figures(
                procon=procon, year=data["year"], q=data.get("q", ""), sort=data["sort"]
            )
        )
        # The rows are plain values already: built as RegistryOutput describes them, without a
        # serializer field per cell (thousands of rows state-wide).
        return Response(
            {
                "scope": procon.slug if procon is not None else "state",
                "year": data["year"],
                "rows": [registry_row_json(row) for row in rows],
            }
        )


class RegistryPublicationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    version = serializers.IntegerField()
    published_at = serializers.DateTimeField()
    companies = serializers.IntegerField()
    founded_met = serializers.IntegerField()
    founded_not_met = serializers.IntegerField()
    csv_url = serializers.SerializerMethodField()
    json_url = serializers.SerializerMethodField()

    def get_csv_url(self, publication: object) -> str:
        return f"/reclamacoes-fundamentadas/publicacoes/{publication.pk}.csv"  # type: ignore[attr-defined]

    def get_json_url(self, publication: object) -> str:
        return f"/reclamacoes-fundamentadas/publicacoes/{publication.pk}.json"  # type: ignore[attr-defined]


class RegistryPublicationListApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        responses=RegistryPublicationOutput(many=True),
        summary=_("Published (frozen) registries, newest first"),
    )
    def get(self, request: Request) -> Response:
        procon = getattr(request._request, "procon", None)
        publications = publication_list(procon=procon)[:200]
        return Response(RegistryPublicationOutput(publications, many=True).data)


class AtendimentoYearQuery(serializers.Serializer):
    year = serializers.IntegerField(
        required=False,
        min_value=2000,
        help_text=_("Calendar year the atendimentos were opened in (default: this year)."),
    )

    def validate_year(self, value: int) -> int:
        if value > timezone.localdate().year:
            raise serializers.ValidationError(
                _("No registry for this year."), code="year_out_of_range"
            )
        return value


class KindChannelCount(serializers.Serializer):
    kind = serializers.CharField()
    channel = serializers.CharField()
    count = serializers.IntegerField()


class AtendimentoProconCounts(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    total = serializers.IntegerField()
    by_kind = serializers.DictField(child=serializers.IntegerField())


class AtendimentoYearOutput(serializers.Serializer):
    scope = serializers.CharField(help_text=_('The Procon\'s slug, or "state".'))
    year = serializers.IntegerField()
    total = serializers.IntegerField()
    by_kind = serializers.DictField(
        child=serializers.IntegerField(),
        help_text=_("guidance, preliminary, direct_complaint, referral"),
    )
    by_channel = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("web, counter, phone, email, letter")
    )
    by_kind_and_channel = KindChannelCount(many=True)
    procons = AtendimentoProconCounts(
        many=True, help_text=_("Per Procon, busiest first (the platform's host only).")
    )


class RegistryAtendimentosApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[AtendimentoYearQuery],
        responses=AtendimentoYearOutput,
        summary=_("Atendimentos of a year by kind and channel (every Procon, or the host's)"),
    )
    def get(self, request: Request) -> Response:
        procon = getattr(request._request, "procon", None)
        query = AtendimentoYearQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year") or timezone.localdate().year
        figures = atendimento_year_figures(procon=procon, year=year)
        return Response(AtendimentoYearOutput(figures).data)
