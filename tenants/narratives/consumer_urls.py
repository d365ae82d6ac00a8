"""Pages of narratives on a Procon's host: see the module's views."""

from django.urls import path

from tenants.narratives import consumer_views as views

app_name = "narratives_consumer"

urlpatterns = [
    path("reclamacoes/<str:number>/relato/", views.narrative_page, name="narrative"),
]
