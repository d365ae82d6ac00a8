"""Keyset pages over complaint lists: the cursor carries the last row's sort key, so a page costs
one query however deep it is, and rows filed meanwhile neither repeat nor vanish."""

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from tenants.complaints.models import Complaint

PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    rows: list[Complaint]
    next_cursor: str | None


def _encode(values: list[object]) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> list[object]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, TypeError):
        values = None
    if not isinstance(values, list) or len(values) != 3:
        raise ValidationError({"cursor": [_("Invalid cursor.")]})
    return values


def _parse_key(values: list[object]) -> tuple[date | None, datetime, int]:
    due, created, pk = values
    try:
        due_on = date.fromisoformat(due) if due is not None else None  # type: ignore[arg-type]
        created_at = datetime.fromisoformat(created)  # type: ignore[arg-type]
        if not isinstance(pk, int) or isinstance(pk, bool) or not 0 < pk < 2**63:
            raise ValueError
    except (TypeError, ValueError):
        raise ValidationError({"cursor": [_("Invalid cursor.")]}) from None
    if created_at.tzinfo is None:
        raise ValidationError({"cursor": [_("Invalid cursor.")]})
    return due_on, created_at, pk


def queue_page(queryset: QuerySet[Complaint], *, cursor: str | None) -> Page:
    """Rows ordered as the staff queue is (CIP deadline first, no deadline last, then filing)."""
    if cursor:
        due_on, created_at, pk = _parse_key(_decode(cursor))
        after_filing = Q(created_at__gt=created_at) | Q(created_at=created_at, pk__gt=pk)
        if due_on is None:
            queryset = queryset.filter(Q(cip_due_on__isnull=True) & after_filing)
        else:
            queryset = queryset.filter(
                Q(cip_due_on__gt=due_on)
                | (Q(cip_due_on=due_on) & after_filing)
                | Q(cip_due_on__isnull=True)
            )
    rows = list(queryset.order_by("cip_due_on", "created_at", "pk")[: PAGE_SIZE + 1])
    return _page(rows)


def newest_first_page(queryset: QuerySet[Complaint], *, cursor: str | None) -> Page:
    """Rows newest first: a consumer's or a company's complaints."""
    if cursor:
        _due, created_at, pk = _parse_key(_decode(cursor))
        queryset = queryset.filter(
            Q(created_at__lt=created_at) | Q(created_at=created_at, pk__lt=pk)
        )
    rows = list(queryset.order_by("-created_at", "-pk")[: PAGE_SIZE + 1])
    return _page(rows)


def _page(rows: list[Complaint]) -> Page:
    if len(rows) <= PAGE_SIZE:
        return Page(rows=rows, next_cursor=None)
    rows = rows[:PAGE_SIZE]
    last = rows[-1]
    key = [
        last.cip_due_on.isoformat() if last.cip_due_on else None,
        last.created_at.isoformat(),
        last.pk,
    ]
    return Page(rows=rows, next_cursor=_encode(key))
