"""A complaint's consented narrative and the company's public response, as moderated here.

The narrative is the complaint's own account of the facts (`Complaint.facts`), never copied:
what is kept is the automatic scrub and the text staff approved. Withdrawing the consent blanks
both and takes the public copy down; a refusal keeps the scrub for the record but publishes
nothing."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.models import user_reference
from shared.narratives.models import NARRATIVE_MAX
from shared.narratives.responses import RESPONSE_TEXT_MAX, ResponseKind

REASON_MAX = 1_000


class NarrativeStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REFUSED = "refused", _("Not published")
    WITHDRAWN = "withdrawn", _("Consent withdrawn")


class ResponseTextStatus(models.TextChoices):
    NONE = "none", _("No text")
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REFUSED = "refused", _("Not published")


class Narrative(models.Model):
    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="narrative"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=NarrativeStatus.choices, default=NarrativeStatus.PENDING
    )
    consented_at = models.DateTimeField(_("consent given at"))
    # The automatic scrub of the facts at consent, and the text staff approved (edited or not).
    scrubbed_text = models.TextField(_("scrubbed text"), max_length=NARRATIVE_MAX, blank=True)
    text = models.TextField(_("text to publish"), max_length=NARRATIVE_MAX, blank=True)
    # How many data of each kind the scrub replaced ({"[NOME]": 2, ...}), for the moderator.
    redactions = models.JSONField(default=dict, blank=True)
    moderated_by = user_reference(_("moderated by"), optional=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(_("reason"), max_length=REASON_MAX, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status", "consented_at"], name="narrative_queue_idx")]

    def __str__(self) -> str:
        return f"narrative {self.complaint_id} ({self.status})"


class PublicResponse(models.Model):
    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="public_response"
    )
    kind = models.CharField(_("public response"), max_length=24, choices=ResponseKind.choices)
    # The company's own words as written, their scrub, and what staff approved.
    text = models.TextField(_("your words (optional)"), max_length=RESPONSE_TEXT_MAX, blank=True)
    scrubbed_text = models.TextField(max_length=RESPONSE_TEXT_MAX, blank=True)
    published_text = models.TextField(max_length=RESPONSE_TEXT_MAX, blank=True)
    text_status = models.CharField(
        max_length=12, choices=ResponseTextStatus.choices, default=ResponseTextStatus.NONE
    )
    refusal_reason = models.TextField(_("reason"), max_length=REASON_MAX, blank=True)
    author = user_reference(_("answered by"))
    responded_at = models.DateTimeField()
    moderated_by = user_reference(_("moderated by"), optional=True)
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["text_status", "responded_at"], name="response_queue_idx")]

    def __str__(self) -> str:
        return f"public response {self.complaint_id} ({self.kind})"
