"""The public reputation API (both hosts; anyone may call it, any credentials are ignored)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from kernel.periods import period_from
from shared.accounts.permissions import AnonymousApi
from shared.companies.selectors import access_public_company
from shared.narratives.models import PublishedNarrative
from shared.procons.models import Procon
from shared.reputation import narratives, selectors
from shared.reputation.api import serializers as io
from shared.reputation.selectors import Scope

TAGS = ["reputation"]


def _scope(request: Request, query: io.ScopeQuery) -> Scope:
    query.is_valid(raise_exception=True)
    data = query.validated_data
    try:
        period = period_from(data.get("start"), data.get("end"))
    except DjangoValidationError as error:  # naming `start` or `end`
        raise ValidationError(error.message_dict) from error
    host_procon = getattr(request._request, "procon", None)
    procon_id = host_procon.pk if host_procon is not None else None
    if host_procon is None and data.get("procon"):
        procon_id = Procon.objects.filter(slug=data["procon"]).values_list("pk", flat=True).first()
        if procon_id is None:
            raise ValidationError({"procon": [_("No Procon has this slug.")]})
    return Scope(period=period, procon_id=procon_id, subject=data.get("subject", ""))


def _period(scope: Scope) -> dict[str, str]:
    return {
        "first_month": f"{scope.period.first:%Y-%m}",
        "last_month": f"{scope.period.last:%Y-%m}",
    }


def _procon_slug(scope: Scope) -> str | None:
    if scope.procon_id is None:
        return None
    return Procon.objects.filter(pk=scope.procon_id).values_list("slug", flat=True).first()


class CompanyReputationApi(AnonymousApi):
    @extend_schema(
        tags=TAGS,
        parameters=[io.ScopeQuery],
        responses=io.CompanyReputation,
        summary=_("A company's public indicators"),
        description=_(
            "Complaints filed in the period (the last twelve months by default) against every "
            "establishment sharing the CNPJ's root: shares as fractions from 0 to 1, null where "
            "undefined. On a Procon's host, that Procon's complaints only. `peers` holds the "
            "medians of the segment's other companies with the minimum volume."
        ),
    )
    def get(self, request: Request, cnpj: str) -> Response:
        company = access_public_company(cnpj=cnpj)
        scope = _scope(request, io.ScopeQuery(data=request.query_params))
        body = {
            "cnpj": company.cnpj,
            "name": str(company),
            "period": _period(scope),
            "procon": _procon_slug(scope),
            "subject": scope.subject,
            "segment": selectors.company_segment(company, scope),
            "indicators": selectors.company_indicators(company, scope),
            "per_month": selectors.company_trend(company, scope),
            "per_procon": selectors.company_by_procon(company, scope),
            "per_subject": selectors.company_by_subject(company, scope),
            "peers": selectors.peer_medians(company, scope),
        }
        return Response(io.CompanyReputation(body).data)


class RankingApi(AnonymousApi):
    @extend_schema(
        tags=TAGS,
        parameters=[io.RankingQuery],
        responses=io.Ranking,
        summary=_("The ranking of a segment's companies"),
        description=_(
            "Companies with at least the minimum volume of complaints in the segment and period, "
            "best resolution index first (then satisfaction, then answers on time); `left_out` "
            "counts the companies below the minimum."
        ),
    )
    def get(self, request: Request) -> Response:
        query = io.RankingQuery(data=request.query_params)
        scope = _scope(request, query)
        segment = query.validated_data["segment"]
        if segment not in selectors.segments(scope):
            raise ValidationError({"segment": [_("No complaints of this segment in the period.")]})
        ranking = selectors.segment_ranking(segment, scope)
        rows = [
            {**row, "cnpj": row["company"].cnpj, "name": str(row["company"])}
            for row in ranking["rows"]
        ]
        body = {**ranking, "rows": rows, "period": _period(scope), "procon": _procon_slug(scope)}
        return Response(io.Ranking(body).data)


class NarrativePages(PageNumberPagination):
    page_size = narratives.PAGE_SIZE


def present_narrative(narrative: PublishedNarrative) -> dict[str, object]:
    """What the public may read of a published narrative: never the complaint's number, nor
    anything of the consumer's."""
    case = narrative.case
    response = None
    if narrative.response_kind:
        response = {
            "kind": narrative.response_kind,
            "kind_display": narrative.get_response_kind_display(),
            "text": narrative.response_text,
            "responded_at": narrative.responded_at,
        }
    return {
        "published_at": narrative.published_at,
        "procon": {"slug": case.procon.slug, "name": case.procon.name},
        "subject": case.subject,
        "company": {"cnpj": case.company.cnpj, "name": str(case.company)},
        "text": narrative.text,
        "response": response,
    }


class CompanyNarrativesApi(AnonymousApi):
    @extend_schema(
        tags=TAGS,
        parameters=[
            io.CompanyNarrativeQuery,
            OpenApiParameter("page", OpenApiTypes.INT, description=_("Page number, from 1.")),
        ],
        responses={
            200: io.CompanyNarrativePage,
            400: OpenApiResponse(description=_("No Procon has this slug.")),
            404: OpenApiResponse(description=_("No company has this CNPJ, or no such page.")),
        },
        summary=_("The narratives consumers agreed to publish about a company"),
        description=_(
            "The narratives of complaints against every establishment sharing the CNPJ's root, "
            "newest first, in pages of 20 (`?page=`): published with the consumer's consent, "
            "after the personal data were removed and the Procon's staff approved the text, "
            "with the company's public response (its own words only once approved). A "
            "narrative whose consumer withdraws the consent leaves at once. On a Procon's host, "
            "that Procon's complaints only."
        ),
    )
    def get(self, request: Request, cnpj: str) -> Response:
        company = access_public_company(cnpj=cnpj)
        query = io.CompanyNarrativeQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        host_procon = getattr(request._request, "procon", None)
        procon_id = host_procon.pk if host_procon is not None else None
        if host_procon is None and query.validated_data.get("procon"):
            slug = query.validated_data["procon"]
            procon_id = Procon.objects.filter(slug=slug).values_list("pk", flat=True).first()
            if procon_id is None:
                raise ValidationError({"procon": [_("No Procon has this slug.")]})
        pages = NarrativePages()
        page = pages.paginate_queryset(
            narratives.company_narratives(company, procon_id=procon_id), request, view=self
        )
        return pages.get_paginated_response(
            io.CompanyNarrative([present_narrative(n) for n in page], many=True).data
        )
