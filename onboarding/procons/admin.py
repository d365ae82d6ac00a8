from django.contrib import admin

from kernel.admin import ReadOnlyAdmin
from onboarding.procons.models import ProconApplication


@admin.register(ProconApplication)
class ProconApplicationAdmin(ReadOnlyAdmin):
    """Read-only: applications change through the supervisor's pages and the worker."""

    list_display = [
        "procon_name",
        "slug",
        "municipality",
        "status",
        "provisioning_step",
        "created_at",
    ]
    list_filter = ["status"]
    search_fields = ["procon_name", "slug", "responsible_email"]
