"""The audit log in the operator's admin: read-only (the database refuses changes anyway)."""

from django.contrib import admin
from django.http import HttpRequest

from shared.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "user_email",
        "procon_slug",
        "method",
        "path",
        "status_code",
        "ip_address",
    ]
    list_filter = ["method", "procon_slug", "via_token"]
    search_fields = ["user_email", "path", "route", "object_ref"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
