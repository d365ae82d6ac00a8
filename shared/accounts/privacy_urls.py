"""The person's own data (LGPD), on a Procon's host, where consumers have their account."""

from django.urls import path

from shared.accounts import privacy_views

app_name = "privacy"

urlpatterns = [
    path("conta/meus-dados/", privacy_views.my_data, name="my-data"),
    path("conta/meus-dados/baixar/", privacy_views.download, name="download"),
    path("conta/excluir/", privacy_views.delete_account, name="delete"),
]
