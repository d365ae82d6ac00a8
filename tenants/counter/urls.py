"""The counter's pages on a Procon's host."""

from django.urls import path

from tenants.counter import views

app_name = "counter"

urlpatterns = [
    path("balcao/", views.counter, name="counter"),
    path("balcao/consumidor/", views.consumer, name="consumer"),
    path("balcao/novo/", views.new_intake, name="new"),
    path("atendimentos/<str:number>/", views.detail, name="detail"),
    path("atendimentos/<str:number>/comprovante.pdf", views.receipt, name="receipt"),
    path(
        "atendimentos/<str:number>/enviar-comprovante/",
        views.email_receipt,
        name="email-receipt",
    ),
    path("meus-atendimentos/", views.mine, name="mine"),
]
