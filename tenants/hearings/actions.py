"""Every write on hearings. Each runs in one transaction with the complaint's side taken through
`take_hearing_step`, so the guard, timeline event, case index and step e-mails stay in one place;
the calendar invitations are queued in the same transaction and sent after commit."""

import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.errors import IllegalStep
from kernel.workflow.locking import locked
from shared import formats
from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.accounts.selectors import staff_roles
from tenants.complaints.actions.closing import take_hearing_step
from tenants.complaints.actions.steps import check_step, locked_complaint
from tenants.complaints.lifecycle import LIFECYCLE, ComplaintStatus, Step
from tenants.complaints.models import Complaint
from tenants.configuration.selectors import get_procon_settings
from tenants.hearings.errors import HearingErrorCode
from tenants.hearings.invitations import queue_cancellations, queue_invitations
from tenants.hearings.lifecycle import HearingStatus
from tenants.hearings.models import ConciliationHearing
from tenants.hearings.rooms import new_room_url

DEFAULT_DURATION_MINUTES = 60


def lock_and_check(complaint: Complaint, step: Step, *, actor: User, as_role: str) -> Complaint:
    """Lock the complaint and check the step before any field is validated, so that a caller who
    may not act learns nothing from field errors (take_hearing_step guards again, under the lock)."""
    complaint = locked_complaint(complaint)
    check_step(complaint, step, actor=actor, as_role=as_role)
    return complaint


def lock_current(hearing: ConciliationHearing) -> ConciliationHearing:
    hearing = locked(hearing, "complaint", "conciliator", of=("self",))
    check_current(hearing)
    return hearing


def check_current(hearing: ConciliationHearing) -> None:
    """Only the complaint's scheduled hearing can be rescheduled or minuted."""
    if hearing.status != HearingStatus.SCHEDULED:
        raise IllegalStep(
            _("This hearing is no longer the complaint's current hearing (“%(status)s”).")
            % {"status": hearing.get_status_display()},
            HearingErrorCode.NOT_CURRENT,  # type: ignore[arg-type]
        )


def check_hearing_step(
    target: Complaint | ConciliationHearing, step: Step, *, actor: User, roles: frozenset[str]
) -> str:
    """Before any input is read: the role in which `actor` takes `step` on the complaint (or on
    this hearing, which must be the complaint's current one); IllegalStep otherwise."""
    hearing = target if isinstance(target, ConciliationHearing) else None
    complaint = target if hearing is None else hearing.complaint
    as_role = LIFECYCLE.role_to_try(step, roles)
    check_step(complaint, step, actor=actor, as_role=as_role)
    if hearing is not None:
        check_current(hearing)
    return as_role


def not_a_conciliator() -> ValidationError:
    return ValidationError(
        _("Choose a conciliator of this Procon."), code=HearingErrorCode.NOT_CONCILIATOR
    )


def _check_slot(
    *, conciliator: User | None, starts_at: datetime | None
) -> dict[str, ValidationError]:
    errors: dict[str, ValidationError] = {}
    if conciliator is None or StaffRole.CONCILIATOR not in staff_roles(
        user=conciliator, procon=connection.tenant
    ):
        errors["conciliator"] = not_a_conciliator()
    if starts_at is None or timezone.is_naive(starts_at) or starts_at <= timezone.now():
        errors["starts_at"] = ValidationError(
            _("Choose a date and time in the future."), code=HearingErrorCode.PAST_DATE
        )
    return errors


def _duration() -> int:
    return getattr(get_procon_settings(), "hearing_duration_minutes", 0) or DEFAULT_DURATION_MINUTES


def when(starts_at: datetime) -> str:
    return formats.date_time(starts_at)


def _scheduled(
    complaint: Complaint,
    hearing: ConciliationHearing,
    *,
    step: Step,
    actor: User,
    as_role: str,
    data: dict[str, object] | None = None,
) -> ConciliationHearing:
    """The complaint's side of a (re)scheduled hearing, then the calendar invitations."""
    hearing_data = {
        "hearing_id": hearing.pk,
        "starts_at": hearing.starts_at.isoformat(),
        "conciliator": hearing.conciliator.full_name,
    }
    hearing.complaint, _event = take_hearing_step(
        complaint,
        step=step,
        actor=actor,
        as_role=as_role,
        status_after=ComplaintStatus.HEARING_SCHEDULED,
        note=when(hearing.starts_at),
        data=hearing_data | (data or {}),
    )
    queue_invitations(hearing)
    return hearing


@transaction.atomic
def do_schedule_hearing(
    complaint: Complaint,
    *,
    actor: User,
    as_role: str,
    conciliator: User | None,
    starts_at: datetime | None,
) -> ConciliationHearing:
    complaint = lock_and_check(complaint, Step.SCHEDULE_HEARING, actor=actor, as_role=as_role)
    errors = _check_slot(conciliator=conciliator, starts_at=starts_at)
    if errors:
        raise ValidationError(errors)
    assert conciliator is not None and starts_at is not None
    # A hearing left scheduled when its complaint was withdrawn (and later reopened) is stale.
    ConciliationHearing.objects.filter(complaint=complaint, status=HearingStatus.SCHEDULED).update(
        status=HearingStatus.CANCELLED
    )
    hearing = ConciliationHearing.objects.create(
        complaint=complaint,
        conciliator=conciliator,
        starts_at=starts_at,
        duration_minutes=_duration(),
        room_url=new_room_url(),
        ics_uid=f"{uuid.uuid4()}@{connection.tenant.host}",
        ics_sequence=0,
        scheduled_by=actor,
    )
    return _scheduled(complaint, hearing, step=Step.SCHEDULE_HEARING, actor=actor, as_role=as_role)


@transaction.atomic
def do_reschedule_hearing(
    hearing: ConciliationHearing,
    *,
    actor: User,
    as_role: str,
    starts_at: datetime | None,
    conciliator: User | None = None,
) -> ConciliationHearing:
    """Supersede the current hearing with a new date (same room, same calendar UID, SEQUENCE+1)."""
    complaint = lock_and_check(
        hearing.complaint, Step.RESCHEDULE_HEARING, actor=actor, as_role=as_role
    )
    old = lock_current(hearing)
    conciliator = conciliator or old.conciliator
    errors = _check_slot(conciliator=conciliator, starts_at=starts_at)
    if errors:
        raise ValidationError(errors)
    assert starts_at is not None
    old.status = HearingStatus.RESCHEDULED
    old.save(update_fields=["status"])
    new = ConciliationHearing.objects.create(
        complaint=complaint,
        conciliator=conciliator,
        starts_at=starts_at,
        duration_minutes=old.duration_minutes,
        room_url=old.room_url,
        ics_uid=old.ics_uid,
        ics_sequence=old.ics_sequence + 1,
        supersedes=old,
        scheduled_by=actor,
    )
    return _scheduled(
        complaint,
        new,
        step=Step.RESCHEDULE_HEARING,
        actor=actor,
        as_role=as_role,
        data={"previous_hearing_id": old.pk},
    )


@transaction.atomic
def do_cancel_hearing(hearing: ConciliationHearing, *, actor: User) -> ConciliationHearing:
    """Cancel the scheduled hearing of a complaint that left the hearing stage without it (the
    consumer withdrew): its invitation is no longer served and everyone invited receives the
    cancellation (same UID, SEQUENCE+1) so calendars drop it. Called inside the consumer's
    step (`actor`), whose timeline entry and e-mails record the change."""
    hearing = lock_current(hearing)
    complaint = hearing.complaint
    if actor.pk != complaint.consumer_id:
        raise LIFECYCLE.not_allowed()
    if complaint.status == ComplaintStatus.HEARING_SCHEDULED:
        raise LIFECYCLE.illegal(complaint)
    hearing.status = HearingStatus.CANCELLED
    hearing.ics_sequence += 1
    hearing.save(update_fields=["status", "ics_sequence"])
    queue_cancellations(hearing)
    return hearing
