"""The moderators' API of narratives on a Procon's host (under /api/v1/): see api/moderation."""

from django.urls import path

from tenants.narratives.api import moderation as views

urlpatterns = [
    path(
        "narratives/",
        views.NarrativeQueueApi.as_view(),
        name="narrative-moderation-list",
    ),
    path(
        "narratives/responses/",
        views.ResponseQueueApi.as_view(),
        name="narrative-moderation-response-list",
    ),
    path(
        "narratives/<str:number>/",
        views.NarrativeModerationDetailApi.as_view(),
        name="narrative-moderation-detail",
    ),
    path(
        "narratives/<str:number>/approve/",
        views.NarrativeApproveApi.as_view(),
        name="narrative-moderation-approve",
    ),
    path(
        "narratives/<str:number>/refuse/",
        views.NarrativeRefuseApi.as_view(),
        name="narrative-moderation-refuse",
    ),
    path(
        "narratives/<str:number>/response/approve/",
        views.ResponseApproveApi.as_view(),
        name="narrative-moderation-response-approve",
    ),
    path(
        "narratives/<str:number>/response/refuse/",
        views.ResponseRefuseApi.as_view(),
        name="narrative-moderation-response-refuse",
    ),
]
