"""Routes every host answers: health, login, language, API schema and docs."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from shared.accounts.forms import LoginForm
from shared.ops.views import healthz

accounts_patterns = (
    [
        path(
            "entrar/",
            auth_views.LoginView.as_view(
                template_name="accounts/login.html",
                authentication_form=LoginForm,
                redirect_authenticated_user=True,
            ),
            name="login",
        ),
        path("sair/", auth_views.LogoutView.as_view(), name="logout"),
    ],
    "accounts",
)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include(accounts_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
