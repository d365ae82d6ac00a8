"""Reads over complaints. `access_complaint` answers NotFound alike for "absent" and "not yours"."""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from rest_framework.exceptions import NotFound

from kernel.workflow.codes import ACCESS_CODE_DATA_KEY
from kernel.workflow.deadlines import deadline_state, filter_by_deadline
from shared.accounts.models import CompanyMembership, User
from shared.accounts.selectors import staff_roles
from shared.companies.models import Company, DocumentKind
from shared.companies.selectors import company_search as ranked_company_search
from shared.documents import normalize_cnpj, normalize_cpf
from shared.procons.models import Procon
from tenants.complaints.lifecycle import OPEN_STATUSES, ComplaintStatus, Step
from tenants.complaints.models import (
    QUEUE_DUE,
    QUEUE_TRIAGED,
    Attachment,
    Complaint,
    ComplaintEvent,
    Thread,
)


def viewer_roles(complaint: Complaint, viewer: User) -> frozenset[str]:
    """Every capacity in which `viewer` may see this complaint: "consumer", "company" and/or staff roles."""
    if not viewer.is_authenticated:
        return frozenset()
    roles = set(staff_roles(user=viewer, procon=connection.tenant))
    if complaint.consumer_id == viewer.pk:
        roles.add("consumer")
    # The company sees a case once the CIP was sent to it (triage stays with consumer and Procon).
    if (
        complaint.cip_sent_at is not None
        and CompanyMembership.objects.filter(
            complaint.company.group_q("company__"), user=viewer
        ).exists()
    ):
        roles.add("company")
    return frozenset(roles)


def _base() -> QuerySet[Complaint]:
    return Complaint.objects.select_related("company", "subject", "problem", "assignee", "consumer")


def access_complaint(*, viewer: User, number: str) -> tuple[Complaint, frozenset[str]]:
    # Not the narrative: PostgreSQL's planning time of this wide statement doubles with each
    # relation joined, and an eighth took it from 5 to 20 ms on every case read. The pages that
    # show the narrative read it on their own.
    complaint = _base().select_related("purchase_channel").filter(number=number).first()
    if complaint is None:
        raise NotFound()
    roles = viewer_roles(complaint, viewer)
    if not roles:
        raise NotFound()
    return complaint, roles


def consumer_complaint_list(*, viewer: User) -> QuerySet[Complaint]:
    return _base().filter(consumer=viewer)


OPEN_QUEUE_STATUSES = sorted(OPEN_STATUSES)
# Pages of the queue from this offset on are read ids first (KeysFirstPaginator).
DEFERRED_PAGE_OFFSET = 500


class KeysFirstPaginator(Paginator):
    """A deep page of a large queue: its ids first, read from the index alone, then the page's
    rows by id, instead of fetching and discarding every row before the page (page 272 of
    13,593 open cases: 99 ms to a few ms). The first pages keep the one query."""

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < DEFERRED_PAGE_OFFSET:
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        found = (
            {row.pk: row for row in self.object_list.filter(pk__in=ids).order_by()} if ids else {}
        )
        return self._get_page([found[pk] for pk in ids if pk in found], number, self)


# The deadline that runs in each state (models.QUEUE_DUE and deadline_badge read the same).
RUNNING_DEADLINE = {
    ComplaintStatus.CIP_SENT: "cip_due_on",
    ComplaintStatus.ANSWERED: "rating_due_on",
    ComplaintStatus.AGREEMENT: "agreement_due_on",
}

# The queue's order, as complaint_queue_triage_idx holds it: the consumers with priority service
# first (80 or older above the others); then the new complaints waiting for triage (oldest first), then the deadline running now (soonest first, the cases without one last),
# then the filing date.
QUEUE_ORDER = (F("priority").desc(), QUEUE_TRIAGED.asc(), QUEUE_DUE.asc(), "created_at", "id")


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    company_id: int | None = None
    subject_id: int | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    deadline: str = ""  # "overdue", "due_soon", "on_time"


def staff_queue(*, filters: QueueFilters, today: date | None = None) -> QuerySet[Complaint]:
    today = today or timezone.localdate()
    qs = _base()
    if filters.status:
        qs = qs.filter(status=filters.status)
    else:
        # "Not closed", the predicate of the partial index complaint_queue_open_idx (the open
        # cases in deadline order): the count and a page's ids are read from that index alone.
        qs = qs.exclude(status=ComplaintStatus.CLOSED)
    if filters.company_id:
        qs = qs.filter(company_id=filters.company_id)
    if filters.subject_id:
        qs = qs.filter(subject_id=filters.subject_id)
    if filters.unassigned:
        qs = qs.filter(assignee__isnull=True)
    elif filters.assignee_id:
        qs = qs.filter(assignee_id=filters.assignee_id)
    running = Q(status=ComplaintStatus.CIP_SENT, cip_due_on__isnull=False)
    qs = filter_by_deadline(qs, filters.deadline, running=running, today=today)
    if filters.status:
        # One status: by the deadline its cases run, read from its own column; a status without
        # one keeps the company's deadline, which the (status, cip_due_on) index serves (ordering
        # 86,000 closed cases by filing date instead: 62 ms to 288 ms).
        due_field = RUNNING_DEADLINE.get(filters.status, "cip_due_on")
        return qs.order_by(due_field, "created_at", "id")
    return qs.order_by(*QUEUE_ORDER)


def deadline_badge(complaint: Complaint, *, today: date | None = None) -> tuple[str, date] | None:
    """("overdue" | "due_soon" | "on_time", the date) for the deadline running now, if any."""
    today = today or timezone.localdate()
    field = RUNNING_DEADLINE.get(ComplaintStatus(complaint.status))
    return deadline_state(getattr(complaint, field) if field else None, today=today)


def hidden_threads(roles: frozenset[str]) -> list[str]:
    """The message threads `roles` may not read: none for staff; for a party, the other party's
    (the consumer never reads the Procon–company thread, nor the company the consumer's)."""
    if roles - {"consumer", "company"}:
        return []
    return [thread for thread in Thread.values if thread not in roles]


def timeline(complaint: Complaint, *, roles: frozenset[str]) -> QuerySet[ComplaintEvent]:
    """Staff see every entry; consumers and companies see the entries marked visible, but for
    the messages of the other party's thread."""
    events = complaint.events.select_related("actor").prefetch_related("attachments")
    if not roles - {"consumer", "company"}:
        events = events.filter(visible_to_consumer=True).exclude(
            case_message__thread__in=hidden_threads(roles)
        )
    return events


# --- read helpers for the pages ---------------------------------------------------------------

COMPANY_SEARCH_LIMIT = 20


def company_search(*, query: str, limit: int = COMPANY_SEARCH_LIMIT) -> QuerySet[Company]:
    """The filing form's picker: the platform's company search (accents and case ignored, best
    match first, one per CNPJ root), cut to `limit`."""
    return ranked_company_search(query=query)[:limit]


def company_by_cnpj(*, cnpj: str) -> Company | None:
    return Company.objects.filter(kind=DocumentKind.CNPJ, cnpj=normalize_cnpj(cnpj) or None).first()


def supplier_by_cpf(*, cpf: str) -> Company | None:
    """The supplier identified by this CPF (a person selling as an individual), if known."""
    return Company.objects.filter(kind=DocumentKind.CPF, cpf=normalize_cpf(cpf) or None).first()


def procon_staff_list(*, procon: Procon) -> QuerySet[User]:
    """Everyone holding a staff role at `procon`: the people a complaint may be assigned to."""
    return User.objects.filter(staff_memberships__procon=procon).distinct().order_by("full_name")


def staff_member(*, procon: Procon, user_id: int) -> User | None:
    """A member of `procon`'s staff by id; None for anyone else (who then gets a field error)."""
    return procon_staff_list(procon=procon).filter(pk=user_id).first()


def company_complaint_list(*, viewer: User) -> QuerySet[Complaint]:
    """Complaints in this Procon against any company (any branch: the CNPJ root) of `viewer`'s."""
    from shared.accounts.selectors import company_memberships

    roots = {m.company.cnpj_root for m in company_memberships(user=viewer)} - {""}
    if not roots:
        return Complaint.objects.none()
    against = Q()
    for root in sorted(roots):
        against |= Q(company__cnpj__startswith=root)
    return _base().filter(against, cip_sent_at__isnull=False)


# The distinct companies of the complaints, one index probe per company (a "loose index scan" on
# complaints_complaint(company_id)): DISTINCT read every entry of the index, 100,000 for a year
# of a large Procon, to find a few hundred companies.
_COMPLAINT_COMPANY_IDS = """
    WITH RECURSIVE ids(company_id) AS (
        (SELECT company_id FROM complaints_complaint ORDER BY company_id LIMIT 1)
        UNION ALL
        SELECT (
            SELECT c.company_id FROM complaints_complaint c
            WHERE c.company_id > ids.company_id ORDER BY c.company_id LIMIT 1
        )
        FROM ids WHERE ids.company_id IS NOT NULL
    )
    SELECT company_id FROM ids WHERE company_id IS NOT NULL
"""


def queue_companies() -> QuerySet[Company]:
    """The companies that have complaints at this Procon (the queue's company filter)."""
    ids = RawSQL(_COMPLAINT_COMPANY_IDS, [])  # noqa: S611 (a constant query, no parameters)
    return Company.objects.filter(pk__in=ids).order_by("trade_name", "legal_name")


def visible_attachments(complaint: Complaint, *, roles: frozenset[str]) -> QuerySet[Attachment]:
    """Staff see every document; the consumer and the company those on entries visible to them."""
    attachments = complaint.attachments.all()
    if not roles - {"consumer", "company"}:
        attachments = attachments.filter(event__visible_to_consumer=True).exclude(
            event__case_message__thread__in=hidden_threads(roles)
        )
    return attachments


def access_attachment(
    complaint: Complaint, *, roles: frozenset[str], attachment_id: int
) -> Attachment:
    attachment = visible_attachments(complaint, roles=roles).filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound()
    return attachment


def access_cip(*, viewer: User, number: str) -> tuple[Complaint, str]:
    """The complaint whose CIP letter `viewer` may read: staff of this Procon and the company's
    agents, once the CIP was sent; NotFound for everyone else and before. With it, the case's
    access code when the viewer is staff and the code still opens the case: the letter the
    Procon prints or mails to a company without an account carries it. Never for the company."""
    complaint, roles = access_complaint(viewer=viewer, number=number)
    if complaint.cip_sent_at is None or roles <= {"consumer"}:
        raise NotFound()
    code = ""
    if roles - {"consumer", "company"} and complaint.access_code_hash and complaint.is_open:
        sent = (
            complaint.events.filter(step=Step.SEND_CIP)
            .order_by("-at", "-id")
            .values("data")
            .first()
        )
        code = str((sent or {}).get("data", {}).get(ACCESS_CODE_DATA_KEY, ""))
    return complaint, code
