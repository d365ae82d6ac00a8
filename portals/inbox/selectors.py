"""The company inbox: every case addressed to a user's company groups, from every Procon, read in
one query on the public case index; opening one case switches to its Procon's schema.

A company group is every CNPJ sharing the root (first eight characters) of a company the user is
an agent or administrator of. Anything outside the user's groups answers NotFound, never 403."""

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError

from kernel.workflow.deadlines import deadline_state, filter_by_deadline
from shared import formats
from shared.accounts.models import User
from shared.accounts.selectors import company_memberships
from shared.caseindex.models import CaseIndexEntry
from shared.companies.models import Company
from shared.procons.models import Procon
from tenants.complaints.company_view import CompanyCase, load_company_case
from tenants.complaints.lifecycle import ComplaintStatus
from tenants.complaints.selectors import (
    access_complaint,
)
from tenants.sanctions.lifecycle import ProcessStatus

PAGE_SIZE = 50
SORTS = ("deadline", "opened", "updated")
DEADLINES = ("overdue", "due_soon", "on_time")
COMPANY = frozenset({"company"})


def agent_cnpj_roots(*, user: User) -> list[str]:
    """The CNPJ roots of the companies `user` is an agent or administrator of (empty for others)."""
    if not user.is_authenticated:
        return []
    # A supplier identified by CPF has no root (nor a team): an empty root would match everyone.
    return sorted({m.company.cnpj_root for m in company_memberships(user=user)} - {""})


@dataclass(frozen=True)
class InboxFilters:
    procon_slug: str = ""
    status: str = ""
    deadline: str = ""  # "overdue", "due_soon", "on_time": the company's CIP deadline
    subject: str = ""
    opened_from: date | None = None
    opened_to: date | None = None
    sort: str = "deadline"
    # The pages list complaints and sanction processes; the complaint API lists complaints only.
    kinds: tuple[str, ...] = (CaseIndexEntry.Kind.COMPLAINT,)


def _of_groups(roots: list[str]) -> Q:
    """The groups' company ids are looked up first (a handful of rows), so that the page filters
    on `company_id` and the (company, deadline, id) index serves both filter and order; a join on
    the CNPJ prefix made PostgreSQL read and sort every row of a large company."""
    if not roots:
        return Q(pk__in=[])
    groups = Q()
    for root in roots:
        groups |= Q(cnpj__startswith=root)
    return Q(company_id__in=list(Company.objects.filter(groups).values_list("pk", flat=True)))


# A case reaches the company with the CIP: triage (and a rejection) stays between the consumer
# and the Procon.
ADDRESSED_TO_COMPANY = Q(cip_due_on__isnull=False)
# A sanction process reaches the company with its notification (an auto just issued does not).
SANCTION_ADDRESSED = ~Q(status=ProcessStatus.ISSUED)
# The sanction stages in which the company's deadline (defence or appeal) runs.
SANCTION_RUNNING = (ProcessStatus.AWAITING_DEFENCE, ProcessStatus.APPEAL_WINDOW)


ADDRESSED = {
    CaseIndexEntry.Kind.COMPLAINT: ADDRESSED_TO_COMPANY,
    CaseIndexEntry.Kind.SANCTION: SANCTION_ADDRESSED,
}


def _addressed(kinds: tuple[str, ...]) -> Q:
    shown = Q(pk__in=[])
    for kind in (CaseIndexEntry.Kind.COMPLAINT, CaseIndexEntry.Kind.SANCTION):
        if kind in kinds:
            shown |= Q(ADDRESSED[kind], kind=kind)
    return shown


def inbox_entries(
    *, roots: list[str], filters: InboxFilters, today: date | None = None, by_status: bool = True
) -> QuerySet[CaseIndexEntry]:
    """The cases of the company groups `roots` matching `filters` (the status filter left out when
    `by_status` is false: the counts per status), unordered."""
    today = today or timezone.localdate()
    qs = CaseIndexEntry.objects.filter(_of_groups(roots), _addressed(filters.kinds))
    if filters.procon_slug:
        qs = qs.filter(procon__slug=filters.procon_slug)
    if by_status and filters.status:
        qs = qs.filter(status=filters.status)
    if filters.subject.strip():
        qs = qs.filter(subject__icontains=filters.subject.strip())
    if filters.opened_from:
        qs = qs.filter(opened_at__date__gte=filters.opened_from)
    if filters.opened_to:
        qs = qs.filter(opened_at__date__lte=filters.opened_to)
    running = Q(
        Q(kind=CaseIndexEntry.Kind.COMPLAINT, status=ComplaintStatus.CIP_SENT)
        | Q(kind=CaseIndexEntry.Kind.SANCTION, status__in=SANCTION_RUNNING),
        cip_due_on__isnull=False,
    )
    return filter_by_deadline(qs, filters.deadline, running=running, today=today)


def _ordering(sort: str) -> list[object]:
    if sort == "opened":
        return ["-opened_at", "-id"]
    if sort == "updated":
        return ["-updated_at", "-id"]
    return [F("cip_due_on").asc(nulls_last=True), "id"]


def inbox_list(*, roots: list[str], filters: InboxFilters) -> QuerySet[CaseIndexEntry]:
    """The inbox in the chosen order, with the Procon, company and consumer of each row (one
    query: the consumer's account is in the public schema, as the index is)."""
    return (
        inbox_entries(roots=roots, filters=filters)
        .select_related("procon", "company", "consumer")
        .order_by(*_ordering(filters.sort))
    )


def inbox_counts(*, roots: list[str], filters: InboxFilters) -> dict[str, int]:
    """Cases per status under every filter but the status itself (one query)."""
    rows = (
        inbox_entries(roots=roots, filters=filters, by_status=False)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
    )
    return {row["status"]: row["n"] for row in rows}


# --- keyset pages --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxPage:
    rows: list[CaseIndexEntry]
    next_cursor: str | None
    counts: dict[str, int] = field(default_factory=dict)


def _invalid() -> ValidationError:
    return ValidationError({"cursor": [_("Invalid cursor.")]})


def encode_cursor(sort: str, entry: CaseIndexEntry) -> str:
    """The last row's sort key and id, opaque to clients."""
    value: object
    if sort == "opened":
        value = entry.opened_at.isoformat()
    elif sort == "updated":
        value = entry.updated_at.isoformat()
    else:
        value = entry.cip_due_on.isoformat() if entry.cip_due_on else None
    raw = json.dumps([sort, value, entry.pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _after(sort: str, cursor: str) -> Q:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_sort, value, pk = json.loads(raw)
    except (ValueError, TypeError):
        raise _invalid() from None
    if cursor_sort != sort or not isinstance(pk, int) or isinstance(pk, bool):
        raise _invalid()
    if not 0 < pk < 2**63:
        raise _invalid()
    try:
        if sort in ("opened", "updated"):
            at = datetime.fromisoformat(value)
            if at.tzinfo is None:
                raise ValueError
            name = "opened_at" if sort == "opened" else "updated_at"
            return Q(**{f"{name}__lt": at}) | Q(**{name: at, "pk__lt": pk})
        if value is None:
            return Q(cip_due_on__isnull=True, pk__gt=pk)
        due = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _invalid() from None
    return Q(cip_due_on__gt=due) | Q(cip_due_on=due, pk__gt=pk) | Q(cip_due_on__isnull=True)


def inbox_page(
    *, roots: list[str], filters: InboxFilters, cursor: str | None, size: int | None = None
) -> InboxPage:
    """One page after `cursor` (no OFFSET: a deep page costs what the first does)."""
    size = size or PAGE_SIZE
    qs = inbox_list(roots=roots, filters=filters)
    if cursor:
        qs = qs.filter(_after(filters.sort, cursor))
    rows = list(qs[: size + 1])
    if len(rows) <= size:
        return InboxPage(rows=rows, next_cursor=None)
    rows = rows[:size]
    return InboxPage(rows=rows, next_cursor=encode_cursor(filters.sort, rows[-1]))


def inbox_export(*, roots: list[str], filters: InboxFilters) -> Iterator[CaseIndexEntry]:
    """Every matching row, streamed from the database in chunks (the CSV export)."""
    return inbox_list(roots=roots, filters=filters).iterator(chunk_size=500)


def running_deadline(entry: CaseIndexEntry, *, today: date) -> tuple[str, date] | None:
    """("overdue" | "due_soon" | "on_time", date) of the deadline running on the case, if any."""
    # `entry` may also be a complaint read in its schema (the API shows its deadlines).
    if getattr(entry, "kind", CaseIndexEntry.Kind.COMPLAINT) == CaseIndexEntry.Kind.SANCTION:
        due = entry.cip_due_on if entry.status in SANCTION_RUNNING else None
    else:
        due = {
            ComplaintStatus.CIP_SENT: entry.cip_due_on,
            ComplaintStatus.ANSWERED: entry.rating_due_on,
        }.get(entry.status)
    return deadline_state(due, today=today)


def inbox_procons() -> QuerySet[Procon]:
    return Procon.objects.exclude(schema_name="public").order_by("name")


# --- one case, in its Procon's schema ------------------------------------------------------------


def access_inbox_entry(
    *, roots: list[str], procon_slug: str, number: str, kind: str = CaseIndexEntry.Kind.COMPLAINT
) -> CaseIndexEntry:
    """The index row of a case of `kind` that reached the user's company groups (a complaint with
    its CIP, a sanction process once notified); NotFound for absent, not yet addressed and
    foreign alike."""
    entry = (
        CaseIndexEntry.objects.filter(
            _of_groups(roots),
            ADDRESSED[kind],
            kind=kind,
            procon__slug=procon_slug,
            number=number,
        )
        .select_related("procon")
        .first()
    )
    if entry is None:
        raise NotFound()
    return entry


def status_label(entry: CaseIndexEntry) -> str:
    """The status in words, by the kind of case (a complaint's and a process's stages differ)."""
    if entry.kind == CaseIndexEntry.Kind.SANCTION:
        return str(ProcessStatus(entry.status).label)
    return str(ComplaintStatus(entry.status).label)


def company_case(*, viewer: User, entry: CaseIndexEntry) -> CompanyCase:
    """Read inside `in_procon_schema(entry.procon)`: the case as the company sees it, evaluated."""
    complaint, roles = access_complaint(viewer=viewer, number=entry.number)
    if "company" not in roles:
        raise NotFound()
    return load_company_case(complaint)


# An account registered at the counter for a consumer without e-mail holds a reserved address of
# this top-level domain (RFC 2606), which is nobody's contact: the company is not shown it.
UNDELIVERABLE_SUFFIX = ".invalid"


def customer_of_entry(entry: CaseIndexEntry) -> dict[str, str] | None:
    """Who the consumer of a complaint in the inbox is to the company (the filing's consent
    says the company sees it): name, CPF, contact and the reference they gave; None for a
    sanction process. Only ever read for the agent's own company groups (`inbox_list`)."""
    consumer = entry.consumer
    if entry.kind != CaseIndexEntry.Kind.COMPLAINT or consumer is None:
        return None
    email = "" if consumer.email.lower().endswith(UNDELIVERABLE_SUFFIX) else consumer.email
    return {
        "name": consumer.full_name,
        "cpf": formats.cpf(consumer.cpf) if consumer.cpf else "",
        "email": email,
        "phone": consumer.phone or consumer.text_phone,
        "reference": entry.customer_reference,
    }
