"""The audit log in the operator's admin: read-only (the database refuses changes anyway)."""

from django.contrib import admin

from kernel.admin import KeptAdmin
from shared.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(KeptAdmin):
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
