"""On a Procon's host: its subscription (administrator); on the state's: the free plan (supervisor)."""

from django.urls import path

from shared.billing import views

app_name = "billing"

urlpatterns = [
    path("configuracoes/assinatura/", views.subscription, name="subscription"),
    path("configuracoes/assinatura/pagar/", views.checkout, name="checkout"),
    path("configuracoes/assinatura/gerenciar/", views.portal, name="portal"),
    path("supervisao/procons/<slug:slug>/plano/", views.grant_free_plan, name="grant-free"),
]
