from django.contrib import admin

from kernel.admin import KeptAdmin
from shared.geo.models import Municipality


@admin.register(Municipality)
class MunicipalityAdmin(KeptAdmin):
    list_display = ["ibge_code", "name", "uf"]
    list_filter = ["uf"]
    search_fields = ["name", "ibge_code"]
