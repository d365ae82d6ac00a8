"""Who may do what with a narrative and when, in one place; every action checks these after
authenticating the caller and before reading any input."""

from django.utils.translation import gettext_lazy as _

from kernel.errors import IllegalStep
from shared.accounts.models import User
from shared.accounts.selectors import holds_case_role
from tenants.complaints.lifecycle import ATTENDING, ComplaintStatus
from tenants.complaints.models import Complaint

# Who moderates narratives and the companies' public words: the staff who triage.
MODERATORS = frozenset(ATTENDING)
NOT_ALLOWED = _("You cannot do this with this narrative.")
NOT_ALLOWED_CODE = "not_allowed"
ILLEGAL_CODE = "illegal_step"
# Before triage a filing may be abuse; a rejected complaint is never published.
UNTRIAGED = frozenset({ComplaintStatus.REGISTERED, ComplaintStatus.AWAITING_CONSUMER})


def refuse(message: object, code: str = ILLEGAL_CODE) -> IllegalStep:
    return IllegalStep(str(message), code)


def not_allowed() -> IllegalStep:
    return refuse(NOT_ALLOWED, NOT_ALLOWED_CODE)


def check_consumer(complaint: Complaint, actor: User | None) -> None:
    if not holds_case_role(complaint, actor, "consumer"):
        raise not_allowed()


def moderator_role(complaint: Complaint, actor: User | None) -> str:
    """The staff role in which `actor` moderates here; refused when they hold none."""
    for role in sorted(MODERATORS):
        if holds_case_role(complaint, actor, role):
            return role
    raise not_allowed()


def is_moderator(actor: User | None, roles: frozenset[str]) -> bool:
    return actor is not None and actor.is_authenticated and bool(roles & MODERATORS)


def check_company(complaint: Complaint, actor: User | None) -> None:
    """An agent of the case's company, once the CIP reached it (before, it does not see the
    case)."""
    if not holds_case_role(complaint, actor, "company") or complaint.cip_sent_at is None:
        raise not_allowed()


def publishable(complaint: Complaint) -> bool:
    """Whether the complaint passed triage (and was not rejected): what open data publishes."""
    return complaint.status not in UNTRIAGED and not complaint.rejection_reason
