"""The auto de infração and the decisions of a sanction process as PDFs in API v1, for token (or
API key, scope `sanctions:read`) callers as well as sessions: its Procon's fiscalização staff and
its company's agents. Absent, not issued or decided yet, not notified to the company yet and not
the caller's answer 404 alike, as the page routes serving the same files do."""

from django.db import connection
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request

from kernel.web.files import DocumentApi, download
from tenants.sanctions.documents import decision_pdf, notice_pdf
from tenants.sanctions.selectors import access_decision_document, access_notice_document

TAGS = ["sanctions"]
NUMBER = OpenApiParameter(
    "number", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("The process (auto) number.")
)
INSTANCE = OpenApiParameter(
    "instance",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    enum=[1, 2],
    description=_("1: the first-instance decision; 2: the decision on the appeal."),
)
NOT_FOUND = OpenApiResponse(
    description=_(
        "No such process or decision, not notified to the company yet, or not one you may read "
        "(the same answer)."
    )
)
PDF = OpenApiResponse(
    {"type": "string", "format": "binary"}, description=_("The document (application/pdf).")
)


class NoticePdfApi(DocumentApi):
    @extend_schema(
        operation_id="sanctions_processes_notice_pdf",
        summary=_("The auto de infração (PDF)"),
        description=_(
            "For this Procon's fiscalização staff, and for the company's agents and API keys "
            "(scope `sanctions:read`) once the company is notified. The PDF carries the "
            "verification code checked at `/api/v1/sanctions/verify/{code}/`."
        ),
        parameters=[NUMBER],
        responses={(200, "application/pdf"): PDF, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, number: str) -> HttpResponse:
        notice, document = access_notice_document(viewer=request.user, number=number)
        content = notice_pdf(notice, procon=connection.tenant, document=document)
        return download(content, filename=f"{notice.number}.pdf")


class DecisionPdfApi(DocumentApi):
    @extend_schema(
        operation_id="sanctions_processes_decision_pdf",
        summary=_("A decision of the process (PDF)"),
        description=_(
            "As the auto: its staff, and the company's agents and API keys (scope "
            "`sanctions:read`); 404 until that instance is decided."
        ),
        parameters=[NUMBER, INSTANCE],
        responses={(200, "application/pdf"): PDF, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, number: str, instance: int) -> HttpResponse:
        decision = access_decision_document(viewer=request.user, number=number, instance=instance)
        content = decision_pdf(decision, procon=connection.tenant, document=decision.document)
        return download(content, filename=f"{decision.notice.number}-decisao-{instance}.pdf")
