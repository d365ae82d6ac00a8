"""The consumer's priority service as time passes: a case filed at 59 has priority once its
consumer turns 60 (and 80), read from the date of birth they gave."""

from datetime import date

from tenants.complaints.lifecycle import ComplaintStatus
from tenants.complaints.models import Complaint
from tenants.complaints.priority import OLDER, OLDEST, Priority, years_before


def do_raise_priorities(*, today: date) -> int:
    """Raise the level of the open cases whose consumer reached 60 or 80 by `today`; the number
    of cases changed."""
    open_cases = Complaint.objects.exclude(status=ComplaintStatus.CLOSED).filter(
        consumer_birth_date__isnull=False
    )
    changed = open_cases.filter(
        consumer_birth_date__lte=years_before(today, OLDEST), priority__lt=Priority.PRIORITY_80
    ).update(priority=Priority.PRIORITY_80)
    changed += open_cases.filter(
        consumer_birth_date__lte=years_before(today, OLDER), priority__lt=Priority.PRIORITY
    ).update(priority=Priority.PRIORITY)
    return changed
