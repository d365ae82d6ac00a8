"""Every write on hearings. Each runs in one transaction with the complaint's side taken through
`take_hearing_step`, so the guard, timeline event, case index and step e-mails stay in one place;
the calendar invitations are queued in the same transaction and sent after commit."""

import secrets
import uuid
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
from tenants.hearings.errors import HearingErrorCode
from tenants.hearings.invitations import queue_cancellations, queue_invitations
from tenants.hearings.lifecycle import HearingFormat, HearingStatus
from tenants.hearings.models import CalendarFeed, ConciliationHearing, HearingRoom
from tenants.hearings.rooms import new_room_url
from tenants.hearings.scheduling import Rules, first_overlap, time_errors
from tenants.hearings.selectors import (
    bookings,
    feed_key_hash,
    room_scheduled_count,
    scheduled_hearings,
    scheduling_rules,
)


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
    *, conciliator: User | None, starts_at: datetime | None, rules: Rules
) -> dict[str, ValidationError]:
    errors: dict[str, ValidationError] = {}
    if conciliator is None or StaffRole.CONCILIATOR not in staff_roles(
        user=conciliator, procon=connection.tenant
    ):
        errors["conciliator"] = not_a_conciliator()
    now = timezone.now()
    if starts_at is None or timezone.is_naive(starts_at) or starts_at <= now:
        errors["starts_at"] = ValidationError(
            _("Choose a date and time in the future."), code=HearingErrorCode.PAST_DATE
        )
    elif error := time_errors(starts_at, rules, now=now):
        errors["starts_at"] = error
    return errors


def check_place(format: str, room: HearingRoom | None) -> dict[str, ValidationError]:
    """In person and mixed hearings need one of the Procon's rooms in use; online ones none."""
    if format not in HearingFormat.values:
        return {
            "format": ValidationError(
                _("Choose in person, online or mixed."), code=HearingErrorCode.BAD_FORMAT
            )
        }
    if format == HearingFormat.ONLINE:
        if room is None:
            return {}
        return {
            "room": ValidationError(
                _("An online hearing has no room: leave the room empty or choose another format."),
                code=HearingErrorCode.ROOM_NOT_ALLOWED,
            )
        }
    if room is None:
        return {
            "room": ValidationError(
                _("Choose the room of an in-person or mixed hearing."),
                code=HearingErrorCode.ROOM_REQUIRED,
            )
        }
    if not room.is_active:
        return {"room": room_unavailable()}
    return {}


def room_unavailable() -> ValidationError:
    return ValidationError(
        _("Choose a room of this Procon that is in use."), code=HearingErrorCode.ROOM_UNAVAILABLE
    )


def _lock_calendar(kind: str, pk: int) -> None:
    """A transaction-level advisory lock on one calendar (a conciliator's, a room's) of this
    schema: whoever books or frees it waits for the other to commit."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
            [f"{connection.schema_name}:hearing-{kind}:{pk}"],
        )


def _lock_calendars(conciliator: User, room: HearingRoom | None) -> None:
    """The conciliator's (then the room's) calendar locked, so that two schedules for the same
    person or room check for overlaps one after the other; always in this order, so two of
    them never wait on each other."""
    _lock_calendar("conciliator", conciliator.pk)
    if room is not None:
        _lock_calendar("room", room.pk)


def _reserve(
    *,
    conciliator: User,
    room: HearingRoom | None,
    starts_at: datetime,
    duration_minutes: int,
    exclude: ConciliationHearing | None = None,
) -> None:
    """Under the calendars' locks: refuse a time the conciliator or the room already holds."""
    _lock_calendars(conciliator, room)
    ends_at = starts_at + timedelta(minutes=duration_minutes)
    errors: dict[str, ValidationError] = {}
    taken = scheduled_hearings(
        conciliator=conciliator, since=starts_at, until=ends_at, exclude=exclude
    )
    if clash := first_overlap(bookings(taken), starts_at, ends_at):
        errors["conciliator"] = ValidationError(
            _(
                "%(name)s already has a hearing from %(start)s to %(end)s (complaint "
                "%(number)s): choose another time or conciliator."
            )
            % {
                "name": conciliator.full_name or conciliator.email,
                "start": when(clash.starts_at),
                "end": formats.local_time(clash.ends_at),
                "number": clash.complaint_number,
            },
            code=HearingErrorCode.CONCILIATOR_BUSY,
        )
    if room is not None:
        taken = scheduled_hearings(room=room, since=starts_at, until=ends_at, exclude=exclude)
        if clash := first_overlap(bookings(taken), starts_at, ends_at):
            errors["room"] = ValidationError(
                _(
                    "The room %(room)s is taken from %(start)s to %(end)s: choose another time "
                    "or room."
                )
                % {
                    "room": room.name,
                    "start": when(clash.starts_at),
                    "end": formats.local_time(clash.ends_at),
                },
                code=HearingErrorCode.ROOM_BUSY,
            )
    if errors:
        raise ValidationError(errors)


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
        "format": hearing.format,
        "room": hearing.room.name if hearing.room else "",
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


def _validated(
    *,
    conciliator: User | None,
    starts_at: datetime | None,
    format: str,
    room: HearingRoom | None,
    rules: Rules,
) -> None:
    errors = _check_slot(conciliator=conciliator, starts_at=starts_at, rules=rules)
    errors |= check_place(format, room)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_schedule_hearing(
    complaint: Complaint,
    *,
    actor: User,
    as_role: str,
    conciliator: User | None,
    starts_at: datetime | None,
    format: str = HearingFormat.ONLINE,
    room: HearingRoom | None = None,
) -> ConciliationHearing:
    """Schedule the complaint's hearing under the Procon's rules (business day, hearing hours,
    minimum notice) in a time the conciliator and the room (in person, mixed) have free."""
    complaint = lock_and_check(complaint, Step.SCHEDULE_HEARING, actor=actor, as_role=as_role)
    rules = scheduling_rules()
    _validated(conciliator=conciliator, starts_at=starts_at, format=format, room=room, rules=rules)
    assert conciliator is not None and starts_at is not None
    # A hearing left scheduled when its complaint was withdrawn (and later reopened) is stale.
    ConciliationHearing.objects.filter(complaint=complaint, status=HearingStatus.SCHEDULED).update(
        status=HearingStatus.CANCELLED
    )
    _reserve(
        conciliator=conciliator,
        room=room,
        starts_at=starts_at,
        duration_minutes=rules.duration_minutes,
    )
    hearing = ConciliationHearing.objects.create(
        complaint=complaint,
        conciliator=conciliator,
        starts_at=starts_at,
        duration_minutes=rules.duration_minutes,
        format=format,
        room=room,
        room_url="" if format == HearingFormat.IN_PERSON else new_room_url(),
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
    format: str | None = None,
    room: HearingRoom | None = None,
) -> ConciliationHearing:
    """Supersede the current hearing with a new date, and perhaps a new conciliator, format or
    room (same calendar UID, SEQUENCE+1), under the same rules as scheduling. Without `format`
    the hearing keeps its format and room; the online room's link is kept while the hearing
    stays online or mixed, created when it becomes so, dropped when it is held in person."""
    complaint = lock_and_check(
        hearing.complaint, Step.RESCHEDULE_HEARING, actor=actor, as_role=as_role
    )
    old = lock_current(hearing)
    conciliator = conciliator or old.conciliator
    if format is None:
        format, room = old.format, old.room
    rules = scheduling_rules()
    _validated(conciliator=conciliator, starts_at=starts_at, format=format, room=room, rules=rules)
    assert starts_at is not None
    _reserve(
        conciliator=conciliator,
        room=room,
        starts_at=starts_at,
        duration_minutes=rules.duration_minutes,
        exclude=old,
    )
    old.status = HearingStatus.RESCHEDULED
    old.save(update_fields=["status"])
    room_url = ""
    if format != HearingFormat.IN_PERSON:
        room_url = old.room_url or new_room_url()
    new = ConciliationHearing.objects.create(
        complaint=complaint,
        conciliator=conciliator,
        starts_at=starts_at,
        duration_minutes=rules.duration_minutes,
        format=format,
        room=room,
        room_url=room_url,
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


def _check_room(room: HearingRoom) -> None:
    errors: dict[str, ValidationError] = {}
    room.name, room.address = room.name.strip(), room.address.strip()
    if not room.name:
        errors["name"] = ValidationError(
            _("Give the room a name."), code=HearingErrorCode.ROOM_NAME_REQUIRED
        )
    elif HearingRoom.objects.filter(name__iexact=room.name).exclude(pk=room.pk).exists():
        errors["name"] = ValidationError(
            _("There is already a room named %(name)s.") % {"name": room.name},
            code=HearingErrorCode.ROOM_NAME_TAKEN,
        )
    if not room.address:
        errors["address"] = ValidationError(
            _("Write where the parties go: street, number, floor and room."),
            code=HearingErrorCode.ROOM_ADDRESS_REQUIRED,
        )
    if room.pk and not room.is_active and (count := room_scheduled_count(room)):
        errors["is_active"] = ValidationError(
            ngettext(
                "The room has %(count)d scheduled hearing: reschedule it to another room or "
                "format before taking the room out of use.",
                "The room has %(count)d scheduled hearings: reschedule them to another room or "
                "format before taking the room out of use.",
                count,
            )
            % {"count": count},
            code=HearingErrorCode.ROOM_IN_USE,
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_add_hearing_room(*, name: str, address: str) -> HearingRoom:
    room = HearingRoom(name=name, address=address)
    _check_room(room)
    room.save()
    return room


@transaction.atomic
def do_update_hearing_room(
    room: HearingRoom,
    *,
    name: str | None = None,
    address: str | None = None,
    is_active: bool | None = None,
) -> HearingRoom:
    """Rename, move or take a room out of use; a room still holding scheduled hearings stays in
    use (under the room's calendar lock, so no hearing is booked in it meanwhile)."""
    room = locked(room)
    if is_active is False and room.is_active:
        _lock_calendar("room", room.pk)
    for field, value in (("name", name), ("address", address), ("is_active", is_active)):
        if value is not None:
            setattr(room, field, value)
    _check_room(room)
    room.save(update_fields=["name", "address", "is_active"])
    return room


@transaction.atomic
def do_create_calendar_feed(*, conciliator: User) -> tuple[CalendarFeed, str]:
    """A new private feed of `conciliator`'s hearings; the previous one stops working. The key is
    returned once (to show) and only its SHA-256 is stored."""
    CalendarFeed.objects.select_for_update().filter(
        conciliator=conciliator, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    key = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(
        conciliator=conciliator, prefix=key[:8], key_hash=feed_key_hash(key)
    )
    return feed, key
