"""The reclassification section of the staff case page (tenants/complaints/reclassify_views.py)."""

from django import template

from shared.widgets import use_fast_selects
from tenants.complaints.lifecycle import LIFECYCLE, Step, can_take
from tenants.complaints.models import Complaint
from tenants.complaints.reclassify_forms import ReclassifyForm
from tenants.complaints.suggestions import TRIAGE_STATUSES

register = template.Library()


@register.inclusion_tag("complaints/_reclassify_form.html")
def reclassify_panel(complaint: Complaint, roles: frozenset[str]) -> dict[str, object]:
    """The form for staff who may reclassify this open case; nothing for anyone else."""
    if not can_take(Step.RECLASSIFY, complaint.status) or not LIFECYCLE.role_for(
        Step.RECLASSIFY, roles
    ):
        return {"show": False}
    return {
        "show": True,
        "complaint": complaint,
        "form": use_fast_selects(ReclassifyForm(complaint=complaint)),
        "unidentified": not complaint.company.is_identified,
        "triage": complaint.status in TRIAGE_STATUSES,
    }
