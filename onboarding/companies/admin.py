from django.contrib import admin

from onboarding.companies.models import CompanyApplication


@admin.register(CompanyApplication)
class CompanyApplicationAdmin(admin.ModelAdmin):
    """Read-only: decisions are taken by the state supervisor on the state Procon's host."""

    list_display = ["legal_name", "cnpj", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["legal_name", "trade_name", "cnpj"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
