"""Routes every host answers: health, the icon, login, sign-up, password reset, language, the city
picker's suggestions, API schema and docs; `api_v1_patterns`, the API operations both hosts'
/api/v1/ hold."""

from django.conf import settings
from django.urls import include, path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from shared.accounts import views as account_views
from shared.accounts.api import views as account_api
from shared.accounts.forms import LoginForm
from shared.accounts.govbr import views as govbr_views
from shared.accounts.govbr.urls import urlpatterns as govbr_patterns
from shared.companies.api import views as company_api
from shared.ops.views import favicon, healthz
from shared.registry.api import views as registry_api
from shared.reputation.api import views as reputation_api
from tenants.textmessages.api import views as text_message_api

accounts_patterns = (
    [
        path(
            "entrar/",
            account_views.LoginView.as_view(
                template_name="accounts/login.html",
                authentication_form=LoginForm,
                redirect_authenticated_user=True,
            ),
            name="login",
        ),
        # Also ends the gov.br session after a gov.br login (shared/accounts/govbr/).
        path("sair/", govbr_views.LogoutView.as_view(), name="logout"),
        *govbr_patterns,
        path("entrar/verificacao/", account_views.two_factor_verify, name="two-factor-verify"),
        path(
            "entrar/verificacao/configurar/",
            account_views.two_factor_setup,
            name="two-factor-setup",
        ),
        path("conta/verificacao/", account_views.two_factor_manage, name="two-factor"),
        path(
            "conta/verificacao/codigos/",
            account_views.two_factor_backup_codes,
            name="two-factor-backup-codes",
        ),
        path(
            "conta/verificacao/desativar/",
            account_views.two_factor_disable,
            name="two-factor-disable",
        ),
        path("cadastro/", account_views.register, name="register"),
        path("cadastro/confirme-seu-email/", account_views.register_done, name="register-done"),
        path(
            "cadastro/confirmar/reenviar/",
            account_views.resend_verification_email,
            name="resend-verification",
        ),
        path("cadastro/confirmar/<str:token>/", account_views.verify_email, name="verify-email"),
        path("conta/senha/", account_views.password_change, name="password-change"),
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

api_v1_patterns = [
    path("me/", account_api.MeApi.as_view(), name="me"),
    path(
        "me/text-messages/", text_message_api.MyTextMessagesApi.as_view(), name="me-text-messages"
    ),
    path("accounts/register/", account_api.RegisterApi.as_view(), name="register"),
    path("accounts/verify-email/", account_api.VerifyEmailApi.as_view(), name="verify-email"),
    path("companies/", company_api.CompanySearchApi.as_view(), name="company-search"),
    path("registry/", registry_api.RegistryApi.as_view(), name="registry"),
    path(
        "registry/atendimentos/",
        registry_api.RegistryAtendimentosApi.as_view(),
        name="registry-atendimentos",
    ),
    path("reputation/rankings/", reputation_api.RankingApi.as_view(), name="reputation-rankings"),
    path(
        "reputation/companies/<str:cnpj>/",
        reputation_api.CompanyReputationApi.as_view(),
        name="reputation-company",
    ),
    path(
        "reputation/companies/<str:cnpj>/narratives/",
        reputation_api.CompanyNarrativesApi.as_view(),
        name="reputation-company-narratives",
    ),
    path(
        "registry/publications/",
        registry_api.RegistryPublicationListApi.as_view(),
        name="registry-publications",
    ),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include(accounts_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("shared.geo.urls")),
    path("", include("shared.reputation.urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's own script is served apart (no inline script); it still sets inline styles.
    path(
        "api/v1/docs/",
        csp_override({**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
]
