"""Reads of fiscalização. Every lookup is scoped: staff of this Procon with a fiscalização role,
the company's own agents, or the public with what the public may see; anything out of reach is
NotFound, the same answer as "absent"."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import connection
from django.db.models import QuerySet
from rest_framework.exceptions import NotFound

from kernel.workflow.codes import normalize_code
from shared.accounts.models import StaffMembership, User
from shared.accounts.roles import StaffRole
from shared.accounts.selectors import staff_roles
from tenants.sanctions.actions.steps import get_sanction_settings
from tenants.sanctions.lifecycle import DECIDED_FOR_GOOD, SANCTION_STAFF, ProcessStatus
from tenants.sanctions.models import (
    Decision,
    DocumentKind,
    Evidence,
    InfractionNotice,
    Inspection,
    IssuedDocument,
    SanctionEvent,
)


def is_sanction_staff(viewer: User | None) -> bool:
    if viewer is None or not viewer.is_authenticated:
        return False
    return bool(set(SANCTION_STAFF) & staff_roles(user=viewer, procon=connection.tenant))


def _staff_or_404(viewer: User | None) -> None:
    if not is_sanction_staff(viewer):
        raise NotFound()


def inspector_list() -> list[User]:
    """Staff of this Procon holding the inspector role."""
    ids = StaffMembership.objects.filter(
        procon=connection.tenant, role=StaffRole.INSPECTOR
    ).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("full_name", "id"))


def inspection_list(*, viewer: User) -> QuerySet[Inspection]:
    _staff_or_404(viewer)
    return Inspection.objects.select_related("company", "municipality").order_by(
        "-inspected_at", "-id"
    )


def access_inspection(*, viewer: User, inspection_id: int) -> Inspection:
    _staff_or_404(viewer)
    inspection = (
        Inspection.objects.select_related("company", "municipality")
        .prefetch_related("crew", "evidence", "notices")
        .filter(pk=inspection_id)
        .first()
    )
    if inspection is None:
        raise NotFound()
    return inspection


def process_list(*, viewer: User, status: str = "") -> QuerySet[InfractionNotice]:
    _staff_or_404(viewer)
    qs = InfractionNotice.objects.select_related("company").order_by("-created_at", "-id")
    if status in ProcessStatus.values:
        qs = qs.filter(status=status)
    return qs


def _process(number: str) -> InfractionNotice | None:
    return (
        InfractionNotice.objects.select_related("company", "municipality", "inspection")
        .filter(number=(number or "").strip().upper())
        .first()
    )


def access_process(*, viewer: User, number: str) -> InfractionNotice:
    """A process of this Procon for its fiscalização staff."""
    _staff_or_404(viewer)
    notice = _process(number)
    if notice is None:
        raise NotFound()
    return notice


def sanction_process_for_company(*, company_ids: Iterable[int], number: str) -> InfractionNotice:
    """A notified process of the current schema against one of `company_ids` (the caller's
    companies, every branch of their CNPJ roots resolved by the caller), or NotFound: until the
    company is notified the auto exists for the Procon's staff alone."""
    notice = _process(number)
    if notice is None or notice.notified_at is None or notice.company_id not in set(company_ids):
        raise NotFound()
    return notice


def timeline(notice: InfractionNotice) -> QuerySet[SanctionEvent]:
    return notice.events.select_related("actor").order_by("at", "id")


def decisions(notice: InfractionNotice) -> list[Decision]:
    return list(notice.decisions.select_related("document").order_by("instance"))


def process_evidence(notice: InfractionNotice) -> QuerySet[Evidence]:
    return notice.evidence.order_by("created_at", "id")


def access_evidence(*, viewer: User, evidence_id: int) -> Evidence:
    _staff_or_404(viewer)
    evidence = Evidence.objects.filter(pk=evidence_id).first()
    if evidence is None:
        raise NotFound()
    return evidence


# --- public ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicProcess:
    """What anyone may learn of a process by its number: never the respondent, facts or people."""

    number: str
    status: str
    status_display: str
    secret: bool
    issued_on: date | None = None
    notified_on: date | None = None
    defence_due_on: date | None = None
    decided_on: date | None = None
    appeal_due_on: date | None = None
    final_on: date | None = None
    closed_on: date | None = None
    outcome: str = ""
    outcome_display: str = ""
    fine_amount: Decimal | None = None


def _day(value: datetime | None) -> date | None:
    from django.utils import timezone

    return timezone.localdate(value) if value else None


def public_process(*, number: str) -> PublicProcess:
    """NotFound for a process whose company is not notified yet, as for an absent one."""
    notice = _process(number)
    if notice is None or notice.notified_at is None:
        raise NotFound()
    secret = get_sanction_settings().secret_until_final and notice.status not in DECIDED_FOR_GOOD
    base = {
        "number": notice.number,
        "status": notice.status,
        "status_display": str(notice.get_status_display()),
        "secret": secret,
    }
    if secret:
        return PublicProcess(**base)
    return PublicProcess(
        **base,
        issued_on=_day(notice.signed_at),
        notified_on=_day(notice.notified_at),
        defence_due_on=notice.defence_due_on,
        decided_on=_day(notice.decided_at),
        appeal_due_on=notice.appeal_due_on,
        final_on=_day(notice.final_at),
        closed_on=_day(notice.closed_at),
        outcome=notice.outcome,
        outcome_display=str(notice.get_outcome_display()) if notice.outcome else "",
        fine_amount=notice.fine_amount if notice.status in DECIDED_FOR_GOOD else None,
    )


def verify_document(*, code: str) -> IssuedDocument:
    """The document issued with `code`, or NotFound (a forged or mistyped code, or the auto of a
    process whose company is not notified yet)."""
    normalized = normalize_code(code)
    if not normalized or len(normalized) > 32:
        raise NotFound()
    document = (
        IssuedDocument.objects.select_related("notice", "decision").filter(code=normalized).first()
    )
    if document is None or document.notice.notified_at is None:
        raise NotFound()
    return document


def viewer_company_ids(viewer: User | None) -> set[int]:
    """Every company (all branches of the CNPJ roots) the viewer is an agent of."""
    from shared.accounts.models import CompanyMembership
    from shared.companies.models import Company

    if viewer is None or not viewer.is_authenticated:
        return set()
    roots = {
        cnpj[:8]
        for cnpj in CompanyMembership.objects.filter(user=viewer).values_list(
            "company__cnpj", flat=True
        )
    } - {""}
    ids: set[int] = set()
    for root in roots:
        ids |= set(Company.objects.filter(cnpj__startswith=root).values_list("pk", flat=True))
    return ids


def access_process_as(*, viewer: User, number: str) -> tuple[InfractionNotice, frozenset[str]]:
    """The process for its Procon's fiscalização staff or for its company's agents, with the
    capacities the viewer holds on it; NotFound otherwise."""
    roles = (
        set(staff_roles(user=viewer, procon=connection.tenant))
        if viewer.is_authenticated
        else set()
    )
    if set(SANCTION_STAFF) & roles:
        return access_process(viewer=viewer, number=number), frozenset(roles)
    notice = sanction_process_for_company(company_ids=viewer_company_ids(viewer), number=number)
    return notice, frozenset({"company"})


def access_notice_document(*, viewer: User, number: str) -> tuple[InfractionNotice, IssuedDocument]:
    """The auto as issued (with its verification code), for whoever `access_process_as` lets
    through; NotFound alike for an absent process, one not notified yet to the company and one
    not the viewer's."""
    notice, _roles = access_process_as(viewer=viewer, number=number)
    document = notice.documents.filter(kind=DocumentKind.NOTICE).first()
    if document is None:
        raise NotFound()
    return notice, document


def access_decision_document(*, viewer: User, number: str, instance: int) -> Decision:
    """A decision of the process with its issued document, as `access_notice_document`;
    NotFound as well for an instance not decided yet."""
    notice, _roles = access_process_as(viewer=viewer, number=number)
    if instance not in Decision.Instance.values:
        raise NotFound()
    return decided(notice, instance=instance)


def decided(notice: InfractionNotice, *, instance: int) -> Decision:
    """The process's decision of `instance` with its issued document; NotFound until that
    instance is decided."""
    decision = (
        Decision.objects.filter(notice=notice, instance=instance, document__isnull=False)
        .select_related("document", "notice")
        .first()
    )
    if decision is None:
        raise NotFound()
    return decision
