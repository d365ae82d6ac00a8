"""The company administrator's API on the platform host: the team and where the company
participates. `?cnpj=` picks the company when the caller administers several."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.accounts.permissions import AnonymousApi
from shared.companies.actions import (
    do_change_company_role,
    do_invite_company_agent,
    do_remove_company_agent,
    do_set_company_participation,
)
from shared.companies.api.serializers import (
    AgentOutput,
    CompanySearchPage,
    CompanySearchQuery,
    CompanySearchResult,
    InvitationOutput,
    InviteInput,
    ParticipationSerializer,
    RoleInput,
    TeamOutput,
)
from shared.companies.permissions import CompanyAdmin
from shared.companies.selectors import (
    access_team_member,
    company_search,
    open_invitation_list,
    team_list,
)

CNPJ_PARAMETER = OpenApiParameter(
    "cnpj", str, description=_("The company, when you administer more than one.")
)


def company_operation(**schema: Any) -> Callable[[Any], Any]:
    """The documentation of an operation on the company CompanyAdmin picks (`?cnpj=`)."""
    return extend_schema(parameters=[CNPJ_PARAMETER], **schema)


class CompanyAdminApi(APIView):
    # The operations of a company's administrators; `request.company` is the company.
    permission_classes = [CompanyAdmin]


class AgentListApi(CompanyAdminApi):
    @company_operation(
        responses=TeamOutput,
        summary=_("The company's agents and open invitations"),
    )
    def get(self, request: Request) -> Response:
        company = request.company
        data = {
            "company_cnpj": company.cnpj,
            "agents": team_list(company),
            "invitations": open_invitation_list(company),
        }
        return Response(TeamOutput(data).data)

    @company_operation(
        request=InviteInput,
        responses={201: InvitationOutput},
        summary=_("Invite someone to the team by e-mail"),
    )
    def post(self, request: Request) -> Response:
        payload = InviteInput(data=request.data)
        payload.is_valid(raise_exception=True)
        invitation = do_invite_company_agent(
            request.company, actor=request.user, **payload.validated_data
        )
        return Response(InvitationOutput(invitation).data, status=status.HTTP_201_CREATED)


class AgentDetailApi(CompanyAdminApi):
    @company_operation(
        request=RoleInput,
        responses=AgentOutput,
        summary=_("Change an agent's role (the last administrator stays one)"),
    )
    def patch(self, request: Request, membership_id: int) -> Response:
        membership = access_team_member(company=request.company, membership_id=membership_id)
        payload = RoleInput(data=request.data)
        payload.is_valid(raise_exception=True)
        membership = do_change_company_role(
            membership,
            actor=request.user,
            role=payload.validated_data["role"],
            keep_session_key=request.session.session_key,
        )
        return Response(AgentOutput(membership).data)

    @company_operation(
        responses={204: None},
        summary=_("Remove an agent from the team (never the last administrator)"),
    )
    def delete(self, request: Request, membership_id: int) -> Response:
        membership = access_team_member(company=request.company, membership_id=membership_id)
        do_remove_company_agent(
            membership, actor=request.user, keep_session_key=request.session.session_key
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ParticipationApi(CompanyAdminApi):
    @company_operation(
        responses=ParticipationSerializer,
        summary=_("Where the company answers complaints"),
    )
    def get(self, request: Request) -> Response:
        return Response(ParticipationSerializer(request.company).data)

    @company_operation(
        request=ParticipationSerializer,
        responses=ParticipationSerializer,
        summary=_("Choose every Procon, or a list of Procons"),
    )
    def put(self, request: Request) -> Response:
        payload = ParticipationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        company = do_set_company_participation(
            request.company,
            actor=request.user,
            everywhere=payload.validated_data["participates_everywhere"],
            procons=payload.validated_data.get("procons", []),
        )
        return Response(ParticipationSerializer(company).data)


class CompanySearchPages(PageNumberPagination):
    page_size = 20


class CompanySearchApi(AnonymousApi):
    """Public: companies are public records (their pages are too); any token is ignored."""

    @extend_schema(
        tags=["companies"],
        parameters=[
            CompanySearchQuery,
            OpenApiParameter("page", int, description=_("Page number, from 1.")),
        ],
        responses=CompanySearchPage,
        summary=_("Search companies by name or CNPJ (accents and case ignored, best match first)"),
        description=_(
            "One result per CNPJ root (the head office, or the best-matching branch); "
            "pages of 20 (`?page=`). `q` of fewer than 2 characters is a 400."
        ),
        examples=[
            OpenApiExample(
                "Itaú",
                response_only=True,
                value={
                    "count": 1,
                    "next": None,
                    "previous": None,
                    "results": [
                        {
                            "cnpj": "60701190000104",
                            "cnpj_formatted": "60.701.190/0001-04",
                            "cnpj_root": "60701190",
                            "name": "Itaú Unibanco",
                            "legal_name": "Itaú Unibanco S.A.",
                            "trade_name": "Itaú Unibanco",
                            "verified": True,
                        }
                    ],
                },
            )
        ],
    )
    def get(self, request: Request) -> Response:
        query = CompanySearchQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        paginator = CompanySearchPages()
        page = paginator.paginate_queryset(
            company_search(query=query.validated_data["q"]), request, view=self
        )
        return paginator.get_paginated_response(CompanySearchResult(page, many=True).data)
