"""The audit log page, on a Procon's host."""

from django.urls import path

from shared.audit import views

app_name = "audit"

urlpatterns = [path("auditoria/", views.audit_log, name="log")]
