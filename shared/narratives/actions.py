"""Writes on the public index of narratives; called by the Procon's narrative actions
(`tenants.narratives.actions`) inside their transaction, with the case's index row."""

from datetime import datetime

from kernel.tasks import enqueue_on_commit
from shared.caseindex.models import CaseIndexEntry
from shared.narratives.models import PublishedNarrative


def do_publish_narrative(
    case: CaseIndexEntry,
    *,
    text: str,
    published_at: datetime,
    response_kind: str = "",
    response_text: str = "",
    responded_at: datetime | None = None,
) -> PublishedNarrative:
    """Publish (or replace) the approved narrative of `case`, with the company's public response
    as it stands."""
    published, _created = PublishedNarrative.objects.update_or_create(
        case=case,
        defaults={
            "text": text,
            "published_at": published_at,
            "response_kind": response_kind,
            "response_text": response_text,
            "responded_at": responded_at,
        },
    )
    return published


def do_set_public_response(
    case: CaseIndexEntry, *, kind: str, text: str, at: datetime | None
) -> int:
    """The company's public response beside a published narrative (nothing when none is)."""
    return PublishedNarrative.objects.filter(case=case).update(
        response_kind=kind, response_text=text, responded_at=at
    )


def do_unpublish_narrative(case: CaseIndexEntry) -> bool:
    """Take the narrative of `case` off every page at once and, after the commit, rewrite the
    open-data files that held it (the Procon's and the state's), so that no later download has
    it. Returns whether one was published."""
    deleted, _rows = PublishedNarrative.objects.filter(case=case).delete()
    if deleted:
        from shared.registry.tasks import rebuild_open_data_file

        enqueue_on_commit(rebuild_open_data_file, case.procon_id)
        enqueue_on_commit(rebuild_open_data_file, None)
    return bool(deleted)
