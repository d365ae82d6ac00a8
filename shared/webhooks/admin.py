from django.contrib import admin

from kernel.admin import ReadOnlyAdmin
from shared.webhooks.models import WebhookDelivery, WebhookEndpoint


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["url", "company", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["url", "company__cnpj", "company__legal_name"]
    exclude = ["secret"]
    readonly_fields = ["company", "url", "events", "created_by", "created_at", "updated_at"]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
    ]
    list_filter = ["status", "event_type"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
