"""What the company inbox's case page shows of the case's held hearings' minutes."""

from django.urls import reverse

from shared.caseindex.models import CaseIndexEntry
from tenants.complaints.models import Complaint
from tenants.hearings.models import ConciliationHearing, Party
from tenants.hearings.selectors import hearing_list
from tenants.hearings.templatetags.hearings import minutes_cards

COMPANY = frozenset({Party.COMPANY.value})


def inbox_minutes_cards(entry: CaseIndexEntry, complaint: Complaint) -> list[dict[str, object]]:
    """The case's held hearings' minutes as the company sees them, with the inbox's routes.
    Call inside `in_procon_schema(entry.procon)`."""

    def links(hearing: ConciliationHearing) -> dict[str, str]:
        kwargs = {
            "procon_slug": entry.procon.slug,
            "number": entry.number,
            "hearing_id": hearing.pk,
        }
        return {
            name: reverse(f"inbox:minutes-{name}", kwargs=kwargs)
            for name in ("accept", "pdf", "letter")
        }

    return minutes_cards(list(hearing_list(complaint=complaint)), roles=COMPANY, links=links)
