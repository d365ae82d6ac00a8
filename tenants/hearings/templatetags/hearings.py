"""`{% hearing_panel complaint roles %}`: the hearing section of the complaint page."""

from typing import Any

from django import template
from django.utils import timezone

from shared.accounts.roles import StaffRole
from tenants.complaints.lifecycle import ACTORS, Step, can_take
from tenants.complaints.models import Complaint
from tenants.hearings.forms import RescheduleForm, ScheduleForm
from tenants.hearings.minutes_forms import MinutesForm
from tenants.hearings.selectors import hearing_list

register = template.Library()

STAFF = frozenset(StaffRole.values)


def _may(roles: frozenset[str], step: Step, status: str) -> bool:
    return bool(roles & STAFF & ACTORS[step]) and can_take(step, status)


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
