"""Checks an uploaded document by its content (never its name): a PDF that parses, or a JPEG or
PNG that decodes within a pixel budget. Pure functions, no storage."""

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError

MAX_FILES = 10
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo is plenty; more is treated as a decompression bomb


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content_type: str
    size: int
    sha256: str
    content: bytes


def safe_name(name: str) -> str:
    """The file's base name without path parts or control characters, at most 150 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip(". ")
    try:
        cleaned = get_valid_filename(base)
    except Exception:
        cleaned = "documento"
    return cleaned[-150:] or "documento"


def _sniff(content: bytes) -> str | None:
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def _check_pdf(content: bytes) -> bool:
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        return len(reader.pages) > 0
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
        return False


def _check_image(content: bytes, expected: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.width * image.height > MAX_PIXELS:
                    return False
                fmt = image.format
                image.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.load()
    except (
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return False
    return {"JPEG": "image/jpeg", "PNG": "image/png"}.get(fmt or "") == expected


def _has_path(name: str) -> bool:
    """A name that carries a folder (either separator), a parent reference or a control
    character (NUL included): never a document's own name."""
    return (
        "/" in name
        or "\\" in name
        or name.strip() in {".", ".."}
        or any(not ch.isprintable() for ch in name)
    )


def check_upload(upload: UploadedFile) -> CheckedUpload:
    if _has_path(upload.name or ""):
        raise ValidationError(
            _(
                "“%(name)s” has a folder or control characters in its name; rename it and try again."
            ),
            code="bad_name",
            params={"name": safe_name(upload.name)},
        )
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than 10 MB."),
            code="too_large",
            params={"name": safe_name(upload.name)},
        )
    content = upload.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than 10 MB."),
            code="too_large",
            params={"name": safe_name(upload.name)},
        )
    kind = _sniff(content)
    if kind == "application/pdf":
        valid = _check_pdf(content)
    elif kind in {"image/jpeg", "image/png"}:
        valid = _check_image(content, kind)
    else:
        valid = False
    if not valid or kind is None:
        raise ValidationError(
            _("“%(name)s” is not a valid PDF, JPEG or PNG file."),
            code="bad_type",
            params={"name": safe_name(upload.name)},
        )
    return CheckedUpload(
        name=safe_name(upload.name),
        content_type=kind,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
    )


def check_uploads(uploads: list[UploadedFile], *, already: int = 0) -> list[CheckedUpload]:
    if len(uploads) + already > MAX_FILES:
        raise ValidationError(
            _("At most %(max)d files per complaint."), code="too_many", params={"max": MAX_FILES}
        )
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return checked
