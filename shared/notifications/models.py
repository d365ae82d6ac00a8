from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboundEmail(models.Model):
    """One e-mail to send, recorded in the sender's transaction; `key` makes queuing idempotent
    and `sent_at` makes sending happen once."""

    key = models.CharField(max_length=200, unique=True)
    to = models.JSONField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("body"))
    from_email = models.CharField(max_length=250, blank=True)
    # [{"filename": ..., "content_type": ..., "content": text}] — small text attachments such as
    # .ics; binary ones (a PDF) carry "encoding": "base64" and their content in base64.
    attachments = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
