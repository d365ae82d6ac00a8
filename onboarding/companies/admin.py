from django.contrib import admin

from kernel.admin import KeptAdmin
from onboarding.companies.models import CompanyApplication


@admin.register(CompanyApplication)
class CompanyApplicationAdmin(KeptAdmin):
    """Read-only: decisions are taken by the state supervisor on the state Procon's host."""

    list_display = ["legal_name", "cnpj", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["legal_name", "trade_name", "cnpj"]
