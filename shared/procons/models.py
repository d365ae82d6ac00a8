"""The tenant model: a Procon (state or municipal), and the host names it answers on."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from shared.procons.lifecycle import SERVED_STATUSES, ProconKind, ProconStatus

# Sub-domains that can never name a Procon: they belong to the platform itself.
RESERVED_SLUGS = frozenset(
    {
        "www",
        "api",
        "admin",
        "static",
        "media",
        "mail",
        "smtp",
        "public",
        "app",
        "status",
        "docs",
        "suporte",
        "ajuda",
        "adesao",
        "empresas",
        "procon",
        "plataforma",
    }
)
SLUG_PATTERN = r"^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$"
slug_validator = RegexValidator(
    SLUG_PATTERN,
    _(
        "Use 1 to 40 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen."
    ),
)


def schema_name_for(slug: str) -> str:
    """The PostgreSQL schema of a Procon: prefixed so that no slug can collide with a system schema."""
    return "procon_" + slug.replace("-", "_")


class OnSubdomain:
    """The host and address of a Procon's sub-domain, from the `slug` it has (or asks for)."""

    slug: str

    @property
    def host(self) -> str:
        return f"{self.slug}.{settings.PLATFORM_DOMAIN}"

    @property
    def url(self) -> str:
        return host_url(self.host)


class Procon(OnSubdomain, TenantMixin):
    kind = models.CharField(_("kind"), max_length=16, choices=ProconKind.choices)
    name = models.CharField(_("name"), max_length=120)
    slug = models.CharField(
        _("sub-domain"), max_length=40, unique=True, validators=[slug_validator]
    )
    municipality = models.ForeignKey(
        "geo.Municipality", on_delete=models.PROTECT, related_name="procons", verbose_name=_("city")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProconStatus.choices, default=ProconStatus.PENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # The schema is created (and migrated) when the row is first saved; it is never dropped with the row.
    auto_create_schema = True
    auto_drop_schema = False

    class Meta:
        ordering = ["name"]
        verbose_name = _("Procon")
        verbose_name_plural = _("Procons")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(kind=ProconKind.STATE),
                name="procon_single_state",
            ),
            models.UniqueConstraint(fields=["municipality"], name="procon_one_per_municipality"),
            models.CheckConstraint(
                condition=models.Q(kind__in=ProconKind.values), name="procon_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ProconStatus.values), name="procon_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(slug__regex=SLUG_PATTERN), name="procon_slug_format"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_state(self) -> bool:
        return self.kind == ProconKind.STATE

    @property
    def is_served(self) -> bool:
        return self.status in SERVED_STATUSES


class ProconStatusChange(models.Model):
    """The audit row of a suspension or reactivation by the state supervisor: who, when, why."""

    procon = models.ForeignKey(
        Procon, on_delete=models.PROTECT, related_name="status_changes", verbose_name=_("Procon")
    )
    from_status = models.CharField(_("from"), max_length=16, choices=ProconStatus.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=ProconStatus.choices)
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Procon status change")
        verbose_name_plural = _("Procon status changes")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="procon_status_change_has_reason"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_status=models.F("to_status")),
                name="procon_status_change_changes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procon}: {self.from_status} → {self.to_status}"


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")


def host_url(host: str, path: str = "/") -> str:
    """An absolute URL on one of the platform's hosts, with the configured scheme and port."""
    port = f":{settings.PLATFORM_PORT}" if settings.PLATFORM_PORT else ""
    return f"{settings.PLATFORM_SCHEME}://{host}{port}{path}"


def platform_url(path: str = "/") -> str:
    return host_url(settings.PLATFORM_DOMAIN, path)
