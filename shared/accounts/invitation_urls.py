"""Staff invitations, accepted on the inviting Procon's host."""

from django.urls import path

from shared.accounts import views

app_name = "staff_invitations"

urlpatterns = [
    path("equipe/convite/<str:token>/", views.staff_invitation, name="accept"),
]
