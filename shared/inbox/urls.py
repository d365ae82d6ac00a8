"""The company inbox pages on the platform's host."""

from django.urls import path

from shared.inbox import views

app_name = "inbox"

urlpatterns = [
    path("caixa/", views.inbox, name="list"),
    path("caixa.csv", views.inbox_csv, name="csv"),
    path("caixa/<slug:procon_slug>/<str:number>/", views.case_detail, name="case"),
    path("caixa/<slug:procon_slug>/<str:number>/responder/", views.answer, name="answer"),
    path(
        "caixa/<slug:procon_slug>/<str:number>/anexos/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
]
