"""Companies (fornecedores): public schema, one row per CNPJ, shared by every Procon.

A company is *verified* once the state supervisor approved its application
(`onboarding.companies`); its agents join through invitations sent by its administrators.

A supplier may also be a person selling as an individual (a plumber, a seller on social media),
identified by CPF (SINDEC's Tipo 0): `kind` is `cpf`, `cpf` holds the number and `cnpj` is
empty. Such a supplier has no account, no team and no CNPJ group: the CIP reaches it through the
case's access code, and its CPF is never published (`shared/registry/names.py`).

A consumer may also name a small local business whose CNPJ they do not know: `kind` is `name`,
both documents are empty and the row holds the name and city typed at filing. The CIP is never
sent to it: the attendant identifies it first (`do_identify_company`), which gives the row its
CNPJ or CPF (or the case moves to the company that already has it).
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.models import timestamps
from shared.accounts.models import Invitation, invitation_constraints
from shared.accounts.roles import CompanyRole
from shared.documents import format_cnpj, format_cpf, mask_cpf, validate_cnpj, validate_cpf


class DocumentKind(models.TextChoices):
    CNPJ = "cnpj", _("CNPJ (a company)")
    CPF = "cpf", _("CPF (a person selling as an individual)")
    NAME = "name", _("Name only (the document is not known yet)")


# What pages show in place of the document of a supplier known only by name.
NO_DOCUMENT = _("CNPJ not given yet")


class Company(models.Model):
    kind = models.CharField(
        _("identified by"), max_length=4, choices=DocumentKind.choices, default=DocumentKind.CNPJ
    )
    # Empty for a supplier identified by CPF; unique among companies.
    cnpj = models.CharField(_("CNPJ"), max_length=14, blank=True, validators=[validate_cnpj])
    # Only for a supplier identified by CPF (personal data: never published, masked on pages).
    cpf = models.CharField(_("CPF"), max_length=11, blank=True, validators=[validate_cpf])
    legal_name = models.CharField(_("legal name (razão social)"), max_length=200)
    trade_name = models.CharField(_("trade name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state (UF)"), max_length=2, blank=True)
    site = models.URLField(_("website"), blank=True)
    legal_representative_name = models.CharField(
        _("legal representative"), max_length=150, blank=True
    )
    # Set when the state supervisor approves the company's application: the "verified" badge.
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    # Where the company answers complaints: every Procon, or only those listed.
    participates_everywhere = models.BooleanField(_("participates everywhere"), default=True)
    participating_procons = models.ManyToManyField(
        "procons.Procon",
        blank=True,
        related_name="participating_companies",
        verbose_name=_("participating Procons"),
    )
    created_at, updated_at = timestamps()

    class Meta:
        ordering = ["trade_name", "legal_name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[DocumentKind.CPF, DocumentKind.NAME])
                | models.Q(cnpj__regex=r"^[0-9A-Z]{12}[0-9]{2}$"),
                name="company_cnpj_normalized",
            ),
            # Exactly one document, the one its kind names (none for a supplier known by name).
            models.CheckConstraint(
                condition=models.Q(kind=DocumentKind.CNPJ, cpf="")
                | models.Q(kind=DocumentKind.CPF, cnpj="", cpf__regex=r"^[0-9]{11}$")
                | models.Q(kind=DocumentKind.NAME, cnpj="", cpf=""),
                name="company_one_document_of_its_kind",
            ),
            models.UniqueConstraint(
                fields=["cnpj"],
                condition=models.Q(kind=DocumentKind.CNPJ),
                name="company_cnpj_unique",
            ),
            models.UniqueConstraint(
                fields=["cpf"], condition=models.Q(kind=DocumentKind.CPF), name="company_cpf_unique"
            ),
        ]
        indexes = [
            models.Index(
                fields=["cnpj"], name="company_cnpj_root_idx", opclasses=["varchar_pattern_ops"]
            )
        ]

    def __str__(self) -> str:
        return self.trade_name or self.legal_name

    @property
    def is_person(self) -> bool:
        """A supplier identified by CPF (SINDEC Tipo 0)."""
        return self.kind == DocumentKind.CPF

    @property
    def is_identified(self) -> bool:
        """False for a supplier known only by the name a consumer typed: no CIP goes to it."""
        return self.kind != DocumentKind.NAME

    @property
    def cnpj_root(self) -> str:
        """The first eight characters: the same for every branch of one company (empty for a
        supplier identified by CPF: use `group_q`, never `cnpj__startswith=cnpj_root`)."""
        return self.cnpj[:8]

    def group_q(self, prefix: str = "") -> models.Q:
        """The rows of this company's group (every branch of its CNPJ root), `prefix` naming the
        path to the company (`"company__"`). A supplier identified by CPF is a group of one."""
        if self.is_person or not self.cnpj:
            return models.Q(**{f"{prefix}pk": self.pk})
        return models.Q(**{f"{prefix}cnpj__startswith": self.cnpj_root})

    @property
    def cnpj_display(self) -> str:
        """The document as any page may show it: a CPF masked (`***.982.247-**`); words, never
        a blank, for a supplier known only by name."""
        if self.is_person:
            return f"CPF {mask_cpf(self.cpf)}"
        if not self.is_identified:
            return str(NO_DOCUMENT)
        return format_cnpj(self.cnpj)

    @property
    def document_display(self) -> str:
        """ "CNPJ 00.000.000/0001-00", or "CPF ***.982.247-**" for a person."""
        if self.is_person or not self.is_identified:
            return self.cnpj_display
        return f"CNPJ {self.cnpj_display}"

    @property
    def cpf_display(self) -> str:
        """The whole CPF, formatted: only for the Procon staff handling a case (the CIP letter)."""
        return format_cpf(self.cpf)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_headquarters(self) -> bool:
        """Branch number 0001 is the head office (matriz) in both CNPJ formats."""
        return not self.is_person and self.cnpj[8:12] == "0001"


class CompanyInvitation(Invitation):
    """An invitation to join a company's team: e-mailed as a signed link, used once.

    The row makes a link revocable and single-use, which a signature alone cannot.
    """

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("role"), max_length=10, choices=CompanyRole.choices)

    class Meta(Invitation.Meta):
        verbose_name = _("company invitation")
        verbose_name_plural = _("company invitations")
        constraints = invitation_constraints(
            "company_invitation", place="company", roles=CompanyRole.values
        )

    def __str__(self) -> str:
        return f"{self.email} · {self.company}"


class CompanyApiKey(models.Model):
    """A secret for the company's own systems: it acts for the company (not a person) through the
    company-facing operations its scopes name. Only SHA-256 hashes are stored; the key is shown
    once. A rotation keeps the previous hash valid until `previous_valid_until`.

    `user` is the key's own account (no password, never a person), holding an agent (or, with
    `webhooks:manage`, administrator) membership of the company, so that every existing rule of
    who reaches which case applies to the key unchanged.
    """

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="api_keys")
    user = models.OneToOneField(
        "accounts.User", on_delete=models.PROTECT, related_name="company_api_key"
    )
    name = models.CharField(_("name"), max_length=80)
    scopes = ArrayField(models.CharField(max_length=30), verbose_name=_("scopes"))
    prefix = models.CharField(_("prefix"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    previous_key_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    previous_valid_until = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    rotated_at = models.DateTimeField(_("rotated at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    last_used_ip = models.GenericIPAddressField(_("last used from"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("company API key")
        verbose_name_plural = _("company API keys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    scopes__contained_by=[
                        "cases:read",
                        "cases:answer",
                        "sanctions:read",
                        "sanctions:respond",
                        "webhooks:manage",
                    ],
                    scopes__len__gt=0,
                ),
                name="company_api_key_scopes_known",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="company_api_key_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
