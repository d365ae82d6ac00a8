"""A deleted account takes its consents with it (shared.accounts.privacy.do_delete_account, through
the PRIVACY_WITHDRAW_NARRATIVES setting): each of the person's narratives at one Procon is
withdrawn as if they had withdrawn it themselves, before their name is scrubbed."""

from shared.accounts.models import User
from tenants.complaints.models import Complaint
from tenants.narratives.actions import do_withdraw
from tenants.narratives.models import Narrative, NarrativeStatus


def withdraw_narratives(*, user: User, numbers: list[str]) -> int:
    """Withdraw the person's standing consents among complaints `numbers` of the current Procon;
    returns how many."""
    complaints = Complaint.objects.filter(
        consumer=user,
        number__in=numbers,
        pk__in=Narrative.objects.exclude(status=NarrativeStatus.WITHDRAWN).values("complaint_id"),
    )
    count = 0
    for complaint in complaints:
        do_withdraw(complaint, actor=user)
        count += 1
    return count
