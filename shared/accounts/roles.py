"""The roles a membership can carry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    # Receives and triages complaints.
    ATTENDANT = "attendant", _("Attendant")
    # Schedules and holds conciliation hearings.
    CONCILIATOR = "conciliator", _("Conciliator")
    # Runs inspections and draws up autos de infração.
    INSPECTOR = "inspector", _("Inspector")
    # Decides sanction processes and appeals.
    JUDGE = "judge", _("Judging authority")
    # Configures the Procon and manages its staff.
    TENANT_ADMIN = "tenant_admin", _("Procon administrator")
    # Supervises every Procon; only on the state Procon.
    SUPERVISOR = "supervisor", _("State supervisor")


class CompanyRole(models.TextChoices):
    # Answers the company's cases.
    AGENT = "agent", _("Agent")
    # Also manages the company's agents and API tokens.
    ADMIN = "admin", _("Administrator")
