"""The public index of published narratives: one row per complaint whose consumer consented and
whose narrative staff approved, in the public schema, written in the tenant's transaction.

Only scrubbed and moderated text is here, never the consumer's original words; withdrawing the
consent or refusing the narrative deletes the row, and the open-data files are rebuilt without
it. The company is the case's (`case.company`), so a reclassification moves the narrative with
the case."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from shared.narratives.responses import RESPONSE_TEXT_MAX, ResponseKind

NARRATIVE_MAX = 10_000


class PublishedNarrative(models.Model):
    case = models.OneToOneField(
        "caseindex.CaseIndexEntry",
        on_delete=models.CASCADE,
        related_name="published_narrative",
    )
    text = models.TextField(_("narrative"), max_length=NARRATIVE_MAX)
    published_at = models.DateTimeField(_("published at"))
    # The company's public response: the kind as soon as the company chooses it; its own words
    # only once staff approved them.
    response_kind = models.CharField(
        _("company's public response"), max_length=24, choices=ResponseKind.choices, blank=True
    )
    response_text = models.TextField(_("company's words"), max_length=RESPONSE_TEXT_MAX, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["-published_at", "-id"], name="narrative_published_idx")]

    def __str__(self) -> str:
        return f"narrative of case {self.case_id}"
