"""The routes of "Entrar com gov.br", part of the accounts URLs on every host."""

from django.urls import path

from shared.accounts.govbr import views

urlpatterns = [
    path("entrar/govbr/", views.start, name="govbr-login"),
    path("entrar/govbr/retorno/", views.callback, name="govbr-callback"),
    path("entrar/govbr/concluir/", views.handoff_view, name="govbr-handoff"),
    path("entrar/govbr/vincular/", views.link, name="govbr-link"),
    path("sair/govbr/", views.logout_return, name="govbr-logout"),
]
