"""Pages under /empresa/webhooks/ on the platform host (included by config.urls_public)."""

from django.urls import path

from shared.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("", views.endpoints, name="endpoints"),
    path("<int:endpoint_id>/ativo/", views.set_active, name="set-active"),
    path("<int:endpoint_id>/excluir/", views.delete, name="delete"),
    path("<int:endpoint_id>/testar/", views.ping, name="ping"),
    path("<int:endpoint_id>/entregas/", views.deliveries, name="deliveries"),
    path("<int:endpoint_id>/entregas/reenviar/", views.replay, name="replay"),
]
