"""Company webhook endpoints and their deliveries (an outbox): public schema.

The signing secret is stored as it is, not hashed like API tokens: the platform must compute an
HMAC with it on every delivery, so it needs the secret itself. It is shown once, at creation,
and never again through a page or the API; a company that loses it deletes the endpoint and
creates another.
"""

import ipaddress
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.models import timestamps
from shared.webhooks.lifecycle import SUBSCRIBABLE_EVENTS, DeliveryStatus, EventType

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def is_loopback_host(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_webhook_url(url: str) -> None:
    """HTTPS only; plain http only to a loopback host, and only where
    WEBHOOKS_ALLOW_LOOPBACK_HTTP is set (development and tests)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host:
        raise ValidationError(_("Enter a full URL, such as https://example.com/hooks."))
    if parts.scheme == "https":
        return
    if (
        parts.scheme == "http"
        and is_loopback_host(host)
        and getattr(settings, "WEBHOOKS_ALLOW_LOOPBACK_HTTP", False)
    ):
        return
    raise ValidationError(_("The URL must use HTTPS."), code="https_required")


class WebhookEndpoint(models.Model):
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(_("URL"), max_length=500, validators=[validate_webhook_url])
    description = models.CharField(_("description"), max_length=120, blank=True)
    # Shown once at creation; kept as-is because every delivery is signed with it (module doc).
    secret = models.CharField(max_length=80, editable=False)
    events = ArrayField(
        models.CharField(max_length=40, choices=[(e.value, e.label) for e in SUBSCRIBABLE_EVENTS]),
        verbose_name=_("events"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at, updated_at = timestamps()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(events__len__gt=0), name="webhook_has_events"
            ),
            models.CheckConstraint(
                condition=models.Q(events__contained_by=[e.value for e in SUBSCRIBABLE_EVENTS]),
                name="webhook_events_known",
            ),
        ]

    def __str__(self) -> str:
        return self.url


# The fixed failure reasons a delivery records (shared.webhooks.client.Reason, and a disabled
# endpoint), as the company reads them on its pages; the API keeps the stable English text.
FAILURE_REASON_LABELS = {
    "destination refused: not a public address": _("destination refused: not a public address"),
    "host name not found": _("host name not found"),
    "timed out": _("timed out"),
    "TLS handshake or certificate verification failed": _(
        "TLS handshake or certificate verification failed"
    ),
    "connection failed": _("connection failed"),
    "redirect not followed": _("redirect not followed"),
    "non-2xx response": _("non-2xx response"),
    "endpoint disabled": _("endpoint disabled"),
}


class WebhookDelivery(models.Model):
    """One event for one endpoint: created in the emitter's transaction, posted after commit by a
    task that locks the row, so a delivered row is never posted again."""

    # Where the delivery stands, as each attempt leaves it (and as the API shows it).
    ATTEMPT_FIELDS = [
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "next_attempt_at",
        "delivered_at",
    ]

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    # The receiver's de-duplication key: the same on every endpoint of one emission and on every
    # replay of it.
    event_id = models.UUIDField(default=uuid.uuid4)
    event_type = models.CharField(_("event"), max_length=40, choices=EventType.choices)
    # The body posted: {"id", "type", "created_at", "data": {case number, Procon, status,
    # deadlines}}; never consumer personal data.
    payload = models.JSONField()
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(
        _("last status code"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    # Set on a copy an administrator asked to send again; it carries the original's event id.
    replay_of = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replays"
    )
    replayed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at, updated_at = timestamps()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"],
                condition=models.Q(replay_of__isnull=True),
                name="webhook_event_once",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values), name="webhook_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DeliveryStatus.DELIVERED)
                | models.Q(delivered_at__isnull=False),
                name="webhook_delivered_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["endpoint", "-created_at"]),
            models.Index(
                fields=["next_attempt_at"],
                name="webhook_pending_idx",
                condition=models.Q(status=DeliveryStatus.PENDING),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.endpoint_id} ({self.status})"

    @property
    def last_error_display(self) -> str:
        return str(FAILURE_REASON_LABELS.get(self.last_error, self.last_error))


class WebhookDeliveryAttempt(models.Model):
    """One POST of a delivery: when, what the endpoint answered, how long it took."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveSmallIntegerField()
    attempted_at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_once"),
        ]

    def __str__(self) -> str:
        return f"{self.delivery_id}#{self.number}: {self.status_code or self.error[:40]}"
