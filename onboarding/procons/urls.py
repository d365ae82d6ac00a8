"""Adhesion of a municipal Procon: sign-up and status on the platform's host, the invitation on
the new Procon's host, the state supervisor's decisions on the state Procon's host."""

from django.urls import path

from onboarding.procons import views

app_name = "procon_onboarding"

public_urlpatterns = (
    [
        path("adesao/", views.apply, name="apply"),
        path("adesao/confirmar/<str:token>/", views.verify, name="verify"),
        path("adesao/<str:token>/", views.status, name="status"),
    ],
    app_name,
)

tenant_urlpatterns = (
    [
        path("adesao/convite/<str:token>/", views.invitation, name="invitation"),
        path("supervisao/adesoes/", views.supervision_list, name="supervision-list"),
        path(
            "supervisao/adesoes/<int:application_id>/",
            views.supervision_detail,
            name="supervision-detail",
        ),
    ],
    app_name,
)
