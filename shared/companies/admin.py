from django.contrib import admin

from shared.companies.models import Company


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["trade_name", "legal_name", "cnpj", "created_at"]
    search_fields = ["trade_name", "legal_name", "cnpj"]
