"""Users, memberships and API tokens: public schema, one user table for every Procon and company."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shared.accounts.roles import CompanyRole, StaffRole
from shared.documents import format_cpf, validate_cpf


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: consumer, Procon staff, company agent or supervisor, by their memberships.

    `is_staff` means "may open the Django admin" (platform operators), not Procon staff.
    """

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    cpf = models.CharField(
        _("CPF"), max_length=11, unique=True, null=True, blank=True, validators=[validate_cpf]
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # Text messages (SMS, WhatsApp) about the person's complaints: the mobile number in E.164 and
    # when each channel was accepted (None: not wanted). Read again when each message is sent.
    text_phone = models.CharField(_("mobile for text messages"), max_length=16, blank=True)
    sms_opt_in_at = models.DateTimeField(_("SMS accepted at"), null=True, blank=True)
    whatsapp_opt_in_at = models.DateTimeField(_("WhatsApp accepted at"), null=True, blank=True)
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("platform operator"), default=False)
    date_joined = models.DateTimeField(_("joined at"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(cpf__isnull=True) | models.Q(cpf__regex=r"^[0-9]{11}$"),
                name="user_cpf_digits",
            ),
            models.CheckConstraint(
                condition=models.Q(text_phone="")
                | models.Q(text_phone__regex=r"^\+[1-9][0-9]{7,14}$"),
                name="user_text_phone_e164",
            ),
            models.CheckConstraint(
                condition=models.Q(sms_opt_in_at__isnull=True, whatsapp_opt_in_at__isnull=True)
                | ~models.Q(text_phone=""),
                name="user_text_opt_in_has_phone",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def contact_email(self) -> str:
        """The address to show as the person's contact: none for a consumer the Procon registered
        without an e-mail (a reserved `.invalid` address that can never receive mail)."""
        from shared.notifications.addresses import is_deliverable

        return self.email if is_deliverable(self.email) else ""

    @property
    def cpf_display(self) -> str:
        return format_cpf(self.cpf or "")


class HeldMembershipManager(models.Manager):
    """Memberships that confer their role: only an account whose e-mail is confirmed holds one.

    Every role check reads memberships through this default manager, so a role granted to (or
    kept by) an address nobody has proved to own gives no power anywhere. `all_objects` also
    sees the dormant ones, for the pages that list and remove them.
    """

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(user__email_verified_at__isnull=False)


class Membership(models.Model):
    """A role a user holds somewhere, read through HeldMembershipManager by default."""

    created_at = models.DateTimeField(auto_now_add=True)

    all_objects = models.Manager()
    objects = HeldMembershipManager()

    class Meta:
        abstract = True
        base_manager_name = "all_objects"
        default_manager_name = "objects"


class StaffMembership(Membership):
    """A role held by a user at one Procon; it gives no power on any other Procon's host."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_memberships")
    procon = models.ForeignKey(
        "procons.Procon", on_delete=models.CASCADE, related_name="staff_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)

    class Meta(Membership.Meta):
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "procon", "role"], name="staff_membership_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=StaffRole.values), name="staff_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.procon}"


class CompanyMembership(Membership):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="company_memberships")
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=CompanyRole.choices)

    class Meta(Membership.Meta):
        verbose_name = _("company membership")
        verbose_name_plural = _("company memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "company"], name="company_membership_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=CompanyRole.values), name="company_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.company}"


class ApiToken(models.Model):
    """A secret for systems: only its SHA-256 is stored; the key is shown once, at creation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(_("prefix"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Invitation(models.Model):
    """What every invitation holds: the address it was sent to, who sent it, and whether it was
    accepted (by whom) or revoked; open until one of the two. The role and what it is a role at
    belong to each kind."""

    email = models.EmailField(_("e-mail"))
    invited_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


def invitation_constraints(
    prefix: str, *, place: str, roles: list[str], per_role: bool = False
) -> list[models.BaseConstraint]:
    """One open invitation per address at a `place` (and role, `per_role`), a role of the kind,
    never both accepted and revoked: `<prefix>_one_open_per_email[_role]`, `<prefix>_role`,
    `<prefix>_accepted_or_revoked`."""
    per = "_role" if per_role else ""
    return [
        models.UniqueConstraint(
            place,
            Lower("email"),
            *(["role"] if per_role else []),
            condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
            name=f"{prefix}_one_open_per_email{per}",
        ),
        models.CheckConstraint(condition=models.Q(role__in=roles), name=f"{prefix}_role"),
        models.CheckConstraint(
            condition=models.Q(accepted_at__isnull=True) | models.Q(revoked_at__isnull=True),
            name=f"{prefix}_accepted_or_revoked",
        ),
    ]


class StaffInvitation(Invitation):
    """An invitation to hold a staff role at one Procon: e-mailed as a signed link, used once.

    Roles are never given to an account found by e-mail: only the person who receives the link
    at the address, logged in with that address, takes the role (which also proves the address).
    """

    procon = models.ForeignKey(
        "procons.Procon", on_delete=models.CASCADE, related_name="staff_invitations"
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)

    class Meta(Invitation.Meta):
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")
        constraints = invitation_constraints(
            "staff_invitation", place="procon", roles=StaffRole.values, per_role=True
        )

    def __str__(self) -> str:
        return f"{self.email} · {self.get_role_display()} · {self.procon}"


class GovbrLevel(models.TextChoices):
    """The trust levels of a gov.br account (Login Único), lowest first."""

    BRONZE = "bronze", _("Bronze")
    SILVER = "silver", _("Silver")
    GOLD = "gold", _("Gold")


class GovbrLink(models.Model):
    """An account a person signs into with gov.br: the CPF gov.br vouched for (its `sub`), and the
    trust level it last reported. It exists only once the person proved the account (or gov.br
    created it), so a gov.br login with this CPF goes straight in."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="govbr_link"
    )
    cpf = models.CharField(_("CPF"), max_length=11, unique=True)
    level = models.CharField(
        _("gov.br trust level"), max_length=10, choices=GovbrLevel.choices, blank=True
    )
    level_seen_at = models.DateTimeField(_("trust level seen at"), null=True, blank=True)
    linked_at = models.DateTimeField(_("linked at"), default=timezone.now)
    last_login_at = models.DateTimeField(_("last gov.br login at"), null=True, blank=True)

    class Meta:
        verbose_name = _("gov.br link")
        verbose_name_plural = _("gov.br links")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cpf__regex=r"^[0-9]{11}$"), name="govbr_link_cpf_digits"
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=["", *GovbrLevel.values]),
                name="govbr_link_level_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · gov.br {self.level or '-'}"
