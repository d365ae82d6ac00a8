"""Company sign-up (platform host) and the supervisor's decisions (state Procon's host)."""

from django.urls import path

from onboarding.companies import views

app_name = "company_onboarding"

public_urlpatterns = (
    [
        path("empresas/adesao/", views.apply, name="apply"),
        path("empresas/adesao/enviada/", views.applied, name="applied"),
        path(
            "empresas/adesao/<int:application_id>/consentimento/",
            views.consent,
            name="consent",
        ),
    ],
    app_name,
)

tenant_urlpatterns = (
    [
        path("supervisao/empresas/", views.supervision_list, name="supervision-list"),
        path(
            "supervisao/empresas/<int:application_id>/",
            views.supervision_detail,
            name="supervision-detail",
        ),
    ],
    app_name,
)
