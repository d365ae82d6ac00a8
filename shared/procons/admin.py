from django.contrib import admin

from shared.procons.models import Domain, Procon


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Procon)
class ProconAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "status", "municipality", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "slug"]
    readonly_fields = [
        "schema_name",
        "slug",
        "kind",
        "municipality",
        "status",
        "created_at",
        "updated_at",
    ]
    inlines = [DomainInline]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False  # Procons are provisioned by the onboarding flow, never by hand.
