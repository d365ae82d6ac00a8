"""One row per state-changing request of a Procon staff member or supervisor, and per request
made with a company API key.

Rows are never changed: a trigger refuses UPDATE, DELETE and TRUNCATE (migration 0002). The user
and the Procon are kept as plain references plus a copy of their e-mail and slug, so an entry
outlives both and nothing ever has to touch it again.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shared.accounts.roles import StaffRole


def _reference(to: str, label: str, *, optional: bool = False) -> models.ForeignKey:
    """A reference kept as a plain id: no constraint, no reverse accessor, never cascaded."""
    return models.ForeignKey(
        to,
        verbose_name=label,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        null=optional,
        blank=optional,
    )


class AuditEntry(models.Model):
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = _reference("accounts.User", _("user"))
    user_email = models.EmailField(_("e-mail"))
    roles = ArrayField(
        models.CharField(max_length=20), verbose_name=_("roles"), default=list, blank=True
    )
    procon = _reference("procons.Procon", _("Procon"), optional=True)
    # The host's Procon slug; empty on the platform's own host.
    procon_slug = models.CharField(_("Procon"), max_length=40, blank=True)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=500)
    route = models.CharField(_("route"), max_length=200, blank=True)
    # The number or id of the object acted on, read from the route ("number=SANTOS-2026-000001").
    object_ref = models.CharField(_("object"), max_length=200, blank=True)
    status_code = models.PositiveSmallIntegerField(_("status"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    via_token = models.BooleanField(_("API token"), default=False)
    # Set when a company API key made the request: the key, and the company it acts for.
    api_key = _reference("companies.CompanyApiKey", _("company API key"), optional=True)
    company = _reference("companies.Company", _("company"), optional=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["procon", "-created_at"], name="audit_procon_created"),
            models.Index(fields=["api_key", "-created_at"], name="audit_api_key_created"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.user_email} {self.method} {self.path}"

    @property
    def role_labels(self) -> list[str]:
        """The roles as people name them ("Atendente"), not their codes ("attendant")."""
        labels = dict(StaffRole.choices)
        return [str(labels.get(role, role)) for role in self.roles]
