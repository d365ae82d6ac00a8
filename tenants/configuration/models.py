"""The Procon's own settings (one row in each tenant schema): contacts and deadlines."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

SINGLETON_ID = 1


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
    defence_window_days = models.PositiveSmallIntegerField(
        _("defence window (calendar days)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    appeal_window_days = models.PositiveSmallIntegerField(
        _("appeal window (calendar days)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
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
                    defence_window_days__gte=1,
                    appeal_window_days__gte=1,
                ),
                name="procon_settings_positive_windows",
            ),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
