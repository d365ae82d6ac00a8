"""Documents filed with a step (attachments, evidence): stored under the tenant's schema, with
what the upload checks found."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models

from kernel.web.uploads import CheckedUpload, check_uploads


class StepDocument(models.Model):
    """The columns every stored document has besides its file and owners."""

    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(
            self.content_type, ""
        )


def store_documents[D: StepDocument](
    model: type[D], checked: Iterable[CheckedUpload], **owner: Any
) -> list[D]:
    """One row of `model` per checked upload, its file saved first (the storage path may use
    the owner's fields)."""
    stored = []
    for upload in checked:
        document = model(
            **owner,
            original_name=upload.name,
            content_type=upload.content_type,
            size=upload.size,
            sha256=upload.sha256,
        )
        document.file.save(upload.name, ContentFile(upload.content), save=False)  # type: ignore[attr-defined]
        document.save()
        stored.append(document)
    return stored


def checked_uploads(
    uploads: Sequence[UploadedFile], *, field: str, already: int = 0
) -> list[CheckedUpload]:
    """The upload checks, with their errors on the step's `field` (as a form names them)."""
    try:
        return check_uploads(list(uploads), already=already)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
