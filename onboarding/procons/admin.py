from django.contrib import admin

from onboarding.procons.models import ProconApplication


@admin.register(ProconApplication)
class ProconApplicationAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
