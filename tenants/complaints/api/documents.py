"""Documents of a complaint and its hearings in API v1, for token (or API key) callers as well as
sessions: each answers 404 alike for "absent", "not issued yet" and "not yours", as the page
routes serving the same files do."""

from django.db import connection
from django.http import FileResponse, HttpResponse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request

from kernel.web.files import DocumentApi, download, stored_document
from tenants.complaints.documents import cip_pdf
from tenants.complaints.selectors import access_attachment, access_cip, access_complaint
from tenants.configuration.selectors import get_procon_settings
from tenants.hearings.invitations import ICS_CONTENT_TYPE, ICS_FILENAME, invitation_ics
from tenants.hearings.minutes_pdf import minutes_pdf
from tenants.hearings.models import HearingMinutes
from tenants.hearings.selectors import access_hearing

NUMBER = OpenApiParameter("number", OpenApiTypes.STR, OpenApiParameter.PATH)
NOT_FOUND = OpenApiResponse(
    description=_("No such document, not issued yet, or not one you may read (the same answer).")
)


def _file(media_type: str, description: str) -> OpenApiResponse:
    return OpenApiResponse(
        {"type": "string", "format": "binary"},
        description=format_lazy("{} ({}).", description, media_type),
    )


class ComplaintCipPdfApi(DocumentApi):
    @extend_schema(
        operation_id="complaints_cip_pdf",
        summary=_("The CIP letter (PDF)"),
        description=_(
            "For this Procon's staff and the company's agents, once the CIP was sent. The "
            "staff's copy carries the case's access code, for a company without an account."
        ),
        parameters=[NUMBER],
        responses={
            (200, "application/pdf"): _file("application/pdf", _("The CIP")),
            404: NOT_FOUND,
        },
        tags=["complaints"],
    )
    def get(self, request: Request, number: str) -> HttpResponse:
        complaint, code = access_cip(viewer=request.user, number=number)
        content = cip_pdf(
            complaint,
            procon=connection.tenant,
            procon_settings=get_procon_settings(),
            access_code=code,
        )
        return download(content, filename=f"cip-{complaint.number}.pdf")


class ComplaintAttachmentApi(DocumentApi):
    @extend_schema(
        operation_id="complaints_attachment",
        summary=_("A document attached to the complaint"),
        description=_("Whoever sees the timeline entry it belongs to may download it."),
        parameters=[NUMBER],
        responses={
            **{
                (200, media_type): _file(media_type, _("The file as uploaded"))
                for media_type in ("application/pdf", "image/jpeg", "image/png")
            },
            404: NOT_FOUND,
        },
        tags=["complaints"],
    )
    def get(self, request: Request, number: str, attachment_id: int) -> FileResponse:
        complaint, roles = access_complaint(viewer=request.user, number=number)
        document = access_attachment(complaint, roles=roles, attachment_id=attachment_id)
        return stored_document(document)


class HearingInvitationApi(DocumentApi):
    @extend_schema(
        operation_id="hearings_invitation",
        summary=_("The current hearing's calendar invitation (.ics)"),
        description=_(
            "For the consumer, the company's agents and this Procon's staff, while the hearing "
            "is the complaint's scheduled one (a rescheduled hearing's invitation is the new "
            "hearing's: same UID, higher SEQUENCE)."
        ),
        responses={
            (200, ICS_CONTENT_TYPE): _file(ICS_CONTENT_TYPE, _("iCalendar")),
            404: NOT_FOUND,
        },
        tags=["hearings"],
    )
    def get(self, request: Request, hearing_id: int) -> HttpResponse:
        hearing, _roles = access_hearing(viewer=request.user, hearing_id=hearing_id)
        if not hearing.is_scheduled:
            raise NotFound()
        return download(
            invitation_ics(hearing),
            content_type=f"{ICS_CONTENT_TYPE}; charset=utf-8",
            filename=ICS_FILENAME,
        )


class HearingMinutesPdfApi(DocumentApi):
    @extend_schema(
        operation_id="hearings_minutes_pdf",
        summary=_("The minutes (ata) of a held hearing (PDF)"),
        responses={
            (200, "application/pdf"): _file("application/pdf", _("The minutes")),
            404: NOT_FOUND,
        },
        tags=["hearings"],
    )
    def get(self, request: Request, hearing_id: int) -> HttpResponse:
        hearing, _roles = access_hearing(viewer=request.user, hearing_id=hearing_id)
        if not HearingMinutes.objects.filter(hearing=hearing).exists():
            raise NotFound()
        return download(
            minutes_pdf(hearing, procon=connection.tenant),
            filename=f"ata-{hearing.complaint.number}-{hearing.pk}.pdf",
        )
