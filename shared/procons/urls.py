"""The state supervisor's pages over the platform's Procons (suspend, reactivate), on the state
Procon's host."""

from django.urls import path

from shared.procons import views

app_name = "procons"

tenant_urlpatterns = (
    [
        path("supervisao/procons/", views.procon_status_list, name="procon-list"),
        path("supervisao/procons/<slug:slug>/", views.procon_status, name="procon-detail"),
    ],
    app_name,
)
