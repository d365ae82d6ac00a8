"""`{% hearing_panel complaint roles %}`: the hearing section of the complaint page; and
`|capacity`, the capacity someone came to a hearing in."""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django import template
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from shared.accounts.permissions import request_roles
from shared.accounts.roles import StaffRole
from tenants.complaints.lifecycle import ACTORS, Step, can_take
from tenants.complaints.models import Complaint
from tenants.hearings.attendance import capacity_label
from tenants.hearings.forms import RescheduleForm, ScheduleForm
from tenants.hearings.lifecycle import HearingStatus
from tenants.hearings.minutes import acceptance_party
from tenants.hearings.minutes_forms import AcceptMinutesForm, MinutesForm
from tenants.hearings.models import (
    AuthorisationLetter,
    ConciliationHearing,
    HearingAttendance,
    HearingMinutes,
    MinutesAcceptance,
    Party,
)
from tenants.hearings.selectors import hearing_list

register = template.Library()

AGENDA_ROLES = frozenset({StaffRole.CONCILIATOR, StaffRole.TENANT_ADMIN})

STAFF = frozenset(StaffRole.values)


def _may(roles: frozenset[str], step: Step, status: str) -> bool:
    return bool(roles & STAFF & ACTORS[step]) and can_take(step, status)


@register.filter
def capacity(value: str) -> str:
    return capacity_label(value)


# A held hearing's routes on the page that shows its minutes: "accept", "pdf" and "letter".
Links = Callable[[ConciliationHearing], dict[str, str]]


def case_page_links(hearing: ConciliationHearing) -> dict[str, str]:
    """The minutes' routes on the Procon's host (the complaint page)."""
    args = (hearing.complaint.number, hearing.pk)
    return {
        "accept": reverse("hearings:minutes-accept", args=args),
        "pdf": reverse("hearings:minutes-pdf", args=args),
        "letter": reverse("hearings:authorisation-letter", args=args),
    }


def minutes_cards(
    hearings: list[ConciliationHearing], *, roles: frozenset[str], links: Links = case_page_links
) -> list[dict[str, Any]]:
    """What a case page shows of each held hearing's minutes, newest first: the outcome, terms
    and due date, who came for each party, who accepted and when, and the viewer's own
    acceptance form while their party has not accepted (`links`: where its forms and documents
    are). The preposto's letter only for staff and the company."""
    held = [h for h in hearings if h.status == HearingStatus.HELD]
    if not held:
        return []
    acceptances = Prefetch(
        "acceptances", queryset=MinutesAcceptance.objects.select_related("accepted_by")
    )
    minutes = {
        m.hearing_id: m
        for m in HearingMinutes.objects.filter(hearing__in=held).prefetch_related(acceptances)
    }
    attendance: dict[int, dict[str, HearingAttendance]] = defaultdict(dict)
    for row in HearingAttendance.objects.filter(hearing__in=held):
        attendance[row.hearing_id][row.party] = row
    letters = {}
    if roles & {*STAFF, "company"}:
        letters = {
            letter.attendance.hearing_id: letter
            for letter in AuthorisationLetter.objects.filter(
                attendance__hearing__in=held
            ).select_related("attendance")
        }
    party = acceptance_party(roles)
    cards = []
    for hearing in reversed(held):
        if hearing.pk not in minutes:
            continue
        accepted = {a.party: a for a in minutes[hearing.pk].acceptances.all()}
        urls = links(hearing)
        cards.append(
            {
                "accept_url": urls["accept"],
                "pdf_url": urls["pdf"],
                "letter_url": urls["letter"],
                "hearing": hearing,
                "minutes": minutes[hearing.pk],
                "attendance": [(p.label, attendance[hearing.pk].get(p.value)) for p in Party],
                "signatures": [(p.label, accepted.get(p.value)) for p in Party],
                "letter": letters.get(hearing.pk),
                "mine": accepted.get(party) if party else None,
                "accept_form": AcceptMinutesForm()
                if party is not None and party not in accepted
                else None,
            }
        )
    return cards


@register.inclusion_tag("hearings/panel.html", takes_context=True)
def hearing_panel(context: template.Context, complaint: Complaint, roles: Any) -> dict[str, Any]:
    roles = frozenset(roles or ())
    hearings = list(hearing_list(complaint=complaint))
    current = next((h for h in reversed(hearings) if h.is_scheduled), None)
    status = complaint.status
    started = current is not None and current.starts_at <= timezone.now()
    may_reschedule = current is not None and _may(roles, Step.RESCHEDULE_HEARING, status)
    may_record = current is not None and _may(roles, Step.RECORD_MINUTES, status)
    return {
        "complaint": complaint,
        "current": current,
        "past": [h for h in reversed(hearings) if h is not current],
        "minutes_cards": minutes_cards(hearings, roles=roles),
        "is_staff": bool(roles & STAFF),
        "schedule_form": ScheduleForm() if _may(roles, Step.SCHEDULE_HEARING, status) else None,
        "reschedule_form": RescheduleForm(initial={"conciliator": current.conciliator_id})
        if may_reschedule
        else None,
        "minutes_form": MinutesForm() if may_record and started else None,
        "minutes_not_yet": may_record and not started,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


@register.inclusion_tag("hearings/_agenda_link.html", takes_context=True)
def agenda_link(context: template.Context) -> dict[str, object]:
    """The link to the hearing agenda, for the conciliators and administrators of the Procon
    whose host serves the page."""
    request = context.get("request")
    show = bool(
        request is not None
        and getattr(request, "procon", None) is not None
        and request.user.is_authenticated
        and request_roles(request) & AGENDA_ROLES
    )
    return {"show": show, "current": show and request.path.startswith(reverse("hearings:agenda"))}
