"""The city picker's suggestions, on every host (reference data, no Procon's data)."""

from django.urls import path

from shared.geo import views

app_name = "geo"

urlpatterns = [
    path("cidades/sugestoes/", views.municipality_suggestions, name="municipality-suggestions"),
]
