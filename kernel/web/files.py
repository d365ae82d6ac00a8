"""Responses that hand over a file: a stored document as it was uploaded, or content rendered on
request (a PDF, a CSV). Never cached by a shared cache, never sniffed as another type."""

from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.views import APIView

if TYPE_CHECKING:
    from kernel.workflow.files import StepDocument


def _private(response: HttpResponse | StreamingHttpResponse) -> None:
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"


def download(
    content: bytes | str,
    *,
    filename: str,
    content_type: str = "application/pdf",
    inline: bool = False,
) -> HttpResponse:
    """`content` as a file named `filename`: saved (attachment) or, `inline`, shown by the browser."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    _private(response)
    return response


def streamed_download(
    chunks: Iterable[bytes | str], *, filename: str, content_type: str
) -> StreamingHttpResponse:
    """As `download`, for content produced piece by piece (a long CSV)."""
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    _private(response)
    return response


def stored_file(file: IO[bytes], *, filename: str, content_type: str) -> FileResponse:
    """A stored upload under its original name and the type its content was checked to be."""
    response = FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)
    _private(response)
    return response


def stored_document(document: "StepDocument") -> FileResponse:
    """A document filed with a step (an attachment, evidence), as `stored_file`."""
    return stored_file(
        document.file.open("rb"),  # type: ignore[attr-defined]
        filename=document.original_name,
        content_type=document.content_type,
    )


class AnyAccept(BaseContentNegotiation):
    """A file route answers its file (or a JSON error) whatever Accept says, never 406."""

    def select_parser(self, request, parsers):  # type: ignore[no-untyped-def]
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):  # type: ignore[no-untyped-def]
        return renderers[0], renderers[0].media_type


class DocumentApi(APIView):
    content_negotiation_class = AnyAccept
