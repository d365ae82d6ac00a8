"""The "Resposta pública" panel of a case in the inbox: shown while the consumer's consent to
publish the narrative stands (awaiting moderation or published), with the narrative's status,
its public text once published, and the company's current response. Call inside the case's
Procon schema."""

from typing import Any

from portals.inbox.forms import PublicResponseForm
from tenants.complaints.models import Complaint
from tenants.narratives.actions import LIVE
from tenants.narratives.models import NarrativeStatus
from tenants.narratives.selectors import narrative_of, response_of


def public_response_panel(
    complaint: Complaint, *, url: str, form: PublicResponseForm | None = None
) -> dict[str, Any] | None:
    narrative = narrative_of(complaint)
    if narrative is None or narrative.status not in LIVE:
        return None
    response = response_of(complaint)
    if form is None:
        initial = {"kind": response.kind, "text": response.text} if response else {}
        form = PublicResponseForm(initial=initial)
    return {
        "narrative": narrative,
        "published": narrative.status == NarrativeStatus.PUBLISHED,
        "response": response,
        "form": form,
        "url": url,
    }
