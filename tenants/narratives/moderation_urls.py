"""The moderators' pages of narratives on a Procon's host: see moderation_views."""

from django.urls import path

from tenants.narratives import moderation_views as views

app_name = "narratives_moderation"

urlpatterns = [
    path("relatos/", views.queue, name="queue"),
    path("relatos/<str:number>/", views.narrative_detail, name="narrative"),
    path("relatos/<str:number>/aprovar/", views.approve, name="approve"),
    path("relatos/<str:number>/recusar/", views.refuse, name="refuse"),
    path("relatos/<str:number>/resposta/", views.response_detail, name="response"),
    path("relatos/<str:number>/resposta/aprovar/", views.approve_response, name="approve-response"),
    path("relatos/<str:number>/resposta/recusar/", views.refuse_response, name="refuse-response"),
]
