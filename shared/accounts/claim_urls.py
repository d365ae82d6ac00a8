"""The account claim's pages (shared/accounts/claim_views.py), on a Procon's host."""

from django.urls import path

from shared.accounts import claim_views

app_name = "claim"

urlpatterns = [
    path("conta/ativar/", claim_views.start, name="start"),
    path("conta/ativar/enviado/", claim_views.sent, name="sent"),
    path("conta/ativar/email/<str:token>/", claim_views.confirm_email, name="confirm-email"),
    path("conta/ativar/<uidb64>/<token>/", claim_views.set_password, name="set-password"),
]
