"""The text-message outbox of a Procon (its schema): one row per message to one consumer."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.models import user_reference
from tenants.textmessages.lifecycle import Channel, MessageStatus


class TextMessage(models.Model):
    """One SMS or WhatsApp message, recorded in the sender's transaction: `key` makes queuing
    idempotent (a step or a reminder queued twice keeps one row) and the row lock while sending
    makes sending happen once."""

    key = models.CharField(max_length=200, unique=True)
    recipient = user_reference(_("recipient"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    to = models.CharField(_("to"), max_length=16)
    sender = models.CharField(_("sender"), max_length=16)
    body = models.TextField(_("text"), max_length=1600)
    status = models.CharField(
        _("status"), max_length=16, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    provider_id = models.CharField(_("provider's message id"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When a failed attempt's retry is due (the provider could not be reached).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    error_code = models.CharField(_("provider's error code"), max_length=20, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    status_at = models.DateTimeField(_("status changed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("text message")
        verbose_name_plural = _("text messages")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(status="queued"),
                name="textmessage_queued_idx",
            ),
            models.Index(fields=["provider_id"], name="textmessage_provider_id_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(channel__in=Channel.values), name="textmessage_channel_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=MessageStatus.values),
                name="textmessage_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(to__regex=r"^\+[1-9][0-9]{7,14}$"),
                name="textmessage_to_e164",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.key} ({self.status})"
