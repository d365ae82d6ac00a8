"""The supervisor's figures as JSON (state Procon's host, supervisors only; 404 otherwise)."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.periods import period_from
from kernel.web.steps import StrOrPromise
from portals.supervision import selectors
from portals.supervision.api.serializers import (
    AtendimentoFiguresOutput,
    CompanyFiguresOutput,
    CompanyRankOutput,
    FiguresOutput,
    ProconFiguresOutput,
    RowFiguresOutput,
    SpikeAlertOutput,
)
from portals.supervision.atendimentos import atendimento_figures, atendimentos_per_procon
from portals.supervision.selectors import Period
from shared.accounts.permissions import StateSupervisor

PERIOD_PARAMETERS = [
    OpenApiParameter("start", str, description=_("First month, YYYY-MM (default: a year ago).")),
    OpenApiParameter("end", str, description=_("Last month, YYYY-MM (default: this month).")),
]


def _period(request: Request) -> Period:
    try:
        return period_from(request.query_params.get("start"), request.query_params.get("end"))
    except ValidationError as error:
        raise ApiValidationError(error.message_dict) from None


class SupervisorApi(APIView):
    permission_classes = [StateSupervisor]


class FiguresApi(SupervisorApi):
    @extend_schema(
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter("procon", str, description=_("A Procon's slug: its figures only.")),
        ],
        responses=FiguresOutput,
        summary=_("Complaint and sanction figures, state-wide or of one Procon (state supervisor)"),
    )
    def get(self, request: Request) -> Response:
        period = _period(request)
        procon_id = None
        if request.query_params.get("procon"):
            procon_id = selectors.access_procon(slug=request.query_params["procon"]).pk
        return Response(FiguresOutput(selectors.figures(period, procon_id=procon_id)).data)


def _rows_api(
    name: str,
    rows: Callable[[Period], list[dict[str, object]]],
    output: type[RowFiguresOutput],
    summary: StrOrPromise,
) -> type[SupervisorApi]:
    """A view listing one row of figures per Procon or company over the requested period."""

    @extend_schema(parameters=PERIOD_PARAMETERS, responses=output(many=True), summary=summary)
    def get(self: SupervisorApi, request: Request) -> Response:
        return Response(output(rows(_period(request)), many=True).data)

    return type(name, (SupervisorApi,), {"get": get, "__module__": __name__})


ProconFiguresApi = _rows_api(
    "ProconFiguresApi",
    selectors.per_procon,
    ProconFiguresOutput,
    _("The figures of every Procon with complaints in the period (state supervisor)"),
)
CompanyRankingApi = _rows_api(
    "CompanyRankingApi",
    selectors.company_ranking,
    CompanyRankOutput,
    _("The companies with most complaints in the period (state supervisor)"),
)


class CompanyFiguresApi(SupervisorApi):
    @extend_schema(
        parameters=PERIOD_PARAMETERS,
        responses=CompanyFiguresOutput,
        summary=_("One company's figures and the Procons its complaints come from"),
    )
    def get(self, request: Request, company_id: int) -> Response:
        company = selectors.access_company(company_id=company_id)
        period = _period(request)
        payload = {
            "company_id": company.pk,
            "name": str(company),
            "figures": selectors.figures(period, company_id=company.pk),
            "procons": selectors.company_procons(period, company_id=company.pk),
        }
        return Response(CompanyFiguresOutput(payload).data)


class SpikeAlertListApi(SupervisorApi):
    @extend_schema(
        responses=SpikeAlertOutput(many=True),
        summary=_("The latest spike alerts (state supervisor)"),
    )
    def get(self, request: Request) -> Response:
        return Response(SpikeAlertOutput(selectors.alert_list(), many=True).data)


class AtendimentoFiguresApi(SupervisorApi):
    @extend_schema(
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter("procon", str, description=_("A Procon's slug: its figures only.")),
        ],
        responses=AtendimentoFiguresOutput,
        summary=_(
            "Atendimentos by kind, channel, sex and age band, state-wide or of one Procon "
            "(state supervisor)"
        ),
    )
    def get(self, request: Request) -> Response:
        period = _period(request)
        procon_id = None
        if request.query_params.get("procon"):
            procon_id = selectors.access_procon(slug=request.query_params["procon"]).pk
        payload = {
            "period": {
                "first_month": f"{period.first:%Y-%m}",
                "last_month": f"{period.last:%Y-%m}",
            },
            "atendimentos": atendimento_figures(period, procon_id=procon_id),
            "procons": atendimentos_per_procon(period) if procon_id is None else [],
        }
        return Response(AtendimentoFiguresOutput(payload).data)
