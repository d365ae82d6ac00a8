"""API-wide behaviour: model validation errors become 400s naming the field, an illegal lifecycle
step a 409 with its code, and nothing a client sends (a malformed, oversized or absurdly nested
body) becomes a 500."""

from typing import Any

from django.core.exceptions import SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from kernel.errors import IllegalStep


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, IllegalStep):
        return Response(
            {"detail": str(exc.message), "code": str(exc.code)}, status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, SuspiciousOperation):
        # Too many fields or files, a body over the size limit, a broken multipart boundary.
        exc = exceptions.ParseError(_("The request body could not be read."))
    elif isinstance(exc, RecursionError):
        # Only request parsing recurses on client input: JSON nested thousands of levels deep.
        exc = exceptions.ParseError(_("The request body is nested too deeply."))
    return drf_exception_handler(exc, context)
