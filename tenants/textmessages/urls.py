"""On a Procon's host (included by config.urls_tenants)."""

from django.urls import path

from tenants.textmessages import views

app_name = "textmessages"
urlpatterns = [
    path("conta/mensagens/", views.preferences, name="preferences"),
    path("mensagens/<int:message_id>/situacao/", views.status_callback, name="status"),
]
