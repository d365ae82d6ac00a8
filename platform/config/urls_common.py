"""Routes every host answers: health, login, sign-up, password reset, language, API schema and docs."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from shared.accounts import views as account_views
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
        path("cadastro/", account_views.register, name="register"),
        path("cadastro/confirme-seu-email/", account_views.register_done, name="register-done"),
        path(
            "cadastro/confirmar/reenviar/",
            account_views.resend_verification_email,
            name="resend-verification",
        ),
        path("cadastro/confirmar/<str:token>/", account_views.verify_email, name="verify-email"),
        path("senha/recuperar/", account_views.password_reset, name="password-reset"),
        path(
            "senha/recuperar/enviado/",
            account_views.password_reset_done,
            name="password-reset-done",
        ),
        path(
            "senha/redefinir/<uidb64>/<token>/",
            account_views.password_reset_confirm,
            name="password-reset-confirm",
        ),
        path(
            "senha/redefinida/",
            account_views.password_reset_complete,
            name="password-reset-complete",
        ),
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
