"""The Procon's own settings (one row in each tenant schema) and the dates it closes."""

from datetime import time

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.configuration.errors import ConfigurationErrorCode

SINGLETON_ID = 1
DEFAULT_HEARING_ROOM_BASE_URL = "https://meet.jit.si/"

# An alphanumeric SMS sender ID: 3 to 11 letters or digits, starting with a letter (what
# carriers accept); a WhatsApp sender is the business number in E.164.
validate_sms_sender = RegexValidator(
    r"^[A-Za-z][A-Za-z0-9]{2,10}$",
    _("Use 3 to 11 letters or digits, starting with a letter, with no spaces or accents."),
    code=ConfigurationErrorCode.SMS_SENDER,
)
validate_whatsapp_sender = RegexValidator(
    r"^\+[1-9][0-9]{7,14}$",
    _("Use the number in international format, such as +5511999990000."),
    code=ConfigurationErrorCode.WHATSAPP_SENDER,
)


def validate_hearing_room_base_url(value: str) -> None:
    """Rooms are `<base><token>`: the base must be HTTPS and end where a room name begins."""
    if not value.startswith("https://") or not value.endswith(("/", "=")):
        raise ValidationError(
            _(
                "Use an https:// address ending in “/” (or “=”), to which the room name is appended."
            ),
            code=ConfigurationErrorCode.HEARING_ROOM_BASE_URL,
        )


class ProconSettings(models.Model):
    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID, editable=False)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=120, blank=True)
    cip_deadline_business_days = models.PositiveSmallIntegerField(
        _("company answer deadline (business days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    rating_window_days = models.PositiveSmallIntegerField(
        _("consumer rating window (days)"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    extend_calendar_deadlines_to_business_day = models.BooleanField(
        _("move calendar-day deadlines that end on a non-business day to the next business day"),
        default=True,
    )
    email_sender_name = models.CharField(
        _("e-mail sender name"),
        max_length=100,
        blank=True,
        default="",
        help_text=_("Shown as the sender of the e-mails this Procon sends; empty uses its name."),
    )
    hearing_room_base_url = models.URLField(
        _("online hearing room provider"),
        max_length=200,
        default=DEFAULT_HEARING_ROOM_BASE_URL,
        validators=[validate_hearing_room_base_url],
        help_text=_("Each hearing gets a room at this address followed by an unguessable name."),
    )
    hearing_duration_minutes = models.PositiveSmallIntegerField(
        _("hearing duration (minutes)"),
        default=60,
        validators=[MinValueValidator(10), MaxValueValidator(480)],
    )
    hearing_day_starts_at = models.TimeField(_("hearings start at"), default=time(9, 0))
    hearing_day_ends_at = models.TimeField(_("hearings end by"), default=time(17, 0))
    hearing_min_notice_hours = models.PositiveSmallIntegerField(
        _("minimum notice of a hearing (hours)"),
        default=48,
        validators=[MaxValueValidator(720)],
        help_text=_("A hearing cannot be scheduled or moved to a time closer than this."),
    )
    consumer_absence_archives = models.BooleanField(
        _("archive the complaint when the consumer misses the hearing"),
        default=True,
        help_text=_(
            "Otherwise the complaint stays open without agreement, as when the company is absent."
        ),
    )
    sms_sender = models.CharField(
        _("SMS sender"),
        max_length=11,
        blank=True,
        default="",
        validators=[validate_sms_sender],
        help_text=_(
            "The name consumers see on this Procon's text messages; empty uses the platform's."
        ),
    )
    whatsapp_sender = models.CharField(
        _("WhatsApp number"),
        max_length=16,
        blank=True,
        default="",
        validators=[validate_whatsapp_sender],
        help_text=_(
            "The business number that sends this Procon's WhatsApp messages; empty turns them off."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("Procon settings")
        verbose_name_plural = _("Procon settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(id=SINGLETON_ID), name="procon_settings_singleton"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    cip_deadline_business_days__gte=1,
                    rating_window_days__gte=1,
                ),
                name="procon_settings_positive_windows",
            ),
            models.CheckConstraint(
                condition=models.Q(hearing_duration_minutes__gte=10),
                name="procon_settings_hearing_duration_min",
            ),
            models.CheckConstraint(
                condition=models.Q(hearing_day_ends_at__gt=models.F("hearing_day_starts_at")),
                name="procon_settings_hearing_day_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    def clean(self) -> None:
        if (
            self.hearing_day_starts_at is not None
            and self.hearing_day_ends_at is not None
            and self.hearing_day_ends_at <= self.hearing_day_starts_at
        ):
            raise ValidationError(
                {
                    "hearing_day_ends_at": ValidationError(
                        _("The end of the hearing day must come after its start."),
                        code=ConfigurationErrorCode.HEARING_DAY,
                    )
                }
            )


class Holiday(models.Model):
    """A date this Procon is closed beyond the national and state holidays (municipal holidays,
    closures it announces); business-day deadlines skip it."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"
