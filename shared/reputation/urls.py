"""The public reputation pages (both hosts)."""

from django.urls import path

from shared.reputation import views

app_name = "reputation"

urlpatterns = [
    path("indicadores/", views.rankings, name="rankings"),
    path("empresas/<str:cnpj>/indicadores/", views.company_reputation, name="company"),
    path("empresas/<str:cnpj>/relatos/", views.company_narratives, name="narratives"),
    path("empresas/<str:cnpj>/indicadores.csv", views.company_reputation_csv, name="company-csv"),
]
