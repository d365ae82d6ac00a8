"""Registry and open-data pages; `tenant_urlpatterns` adds the publishing pages of a Procon's host."""

from django.urls import path

from shared.registry import views

app_name = "registry"

urlpatterns = [
    path("reclamacoes-fundamentadas/", views.registry_page, name="page"),
    path("reclamacoes-fundamentadas/<int:year>.csv", views.registry_csv_view, name="csv"),
    path("reclamacoes-fundamentadas/<int:year>.json", views.registry_json_view, name="json"),
    path(
        "reclamacoes-fundamentadas/publicacoes/<int:publication_id>.csv",
        views.publication_csv,
        name="publication-csv",
    ),
    path(
        "reclamacoes-fundamentadas/publicacoes/<int:publication_id>.json",
        views.publication_json_view,
        name="publication-json",
    ),
    path("dados-abertos/", views.open_data_page, name="open-data"),
    path("dados-abertos/reclamacoes.csv", views.open_data_csv, name="open-data-csv"),
    path(
        "dados-abertos/atendimentos.csv",
        views.open_data_atendimentos_csv,
        name="open-data-atendimentos-csv",
    ),
]

tenant_urlpatterns = [
    *urlpatterns,
    path("reclamacoes-fundamentadas/publicar/", views.publish, name="publish"),
    path("supervisao/registro/publicar/", views.publish_state, name="publish-state"),
    path(
        "supervisao/dados-abertos/atualizar/",
        views.rebuild_open_data_now,
        name="open-data-rebuild",
    ),
]
