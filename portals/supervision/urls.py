"""The supervisor's dashboard pages, on the state Procon's host."""

from django.urls import path

from portals.supervision import views

app_name = "supervision"

urlpatterns = [
    path("supervisao/painel/", views.dashboard, name="dashboard"),
    path("supervisao/painel/procons/", views.tenants, name="tenants"),
    path("supervisao/painel/procons/<slug:slug>/", views.procon_figures, name="procon"),
    path("supervisao/painel/empresas/", views.company_list, name="companies"),
    path("supervisao/painel/empresas/<int:company_id>/", views.company_figures, name="company"),
    path("supervisao/painel/alertas/", views.alert_list, name="alerts"),
    path("supervisao/painel/alertas/<int:alert_id>/", views.alert_detail, name="alert-detail"),
]
