"""API of narratives on a Procon's host (under /api/v1/): see the module's views."""

from django.urls import path

from tenants.narratives.api import consumer as views

urlpatterns = [
    path(
        "complaints/<str:number>/narrative/",
        views.ComplaintNarrativeApi.as_view(),
        name="narrative-consumer-detail",
    ),
]
