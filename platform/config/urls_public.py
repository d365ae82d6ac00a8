"""The platform's own host (PLATFORM_DOMAIN): public schema."""

from django.contrib import admin
from django.urls import include, path

from config.urls_common import urlpatterns as common_patterns
from shared.accounts import views as account_views
from shared.accounts.api import views as account_api
from shared.geo.api import views as geo_api
from shared.procons import views as procon_views
from shared.procons.api import views as procon_api

api_v1 = [
    path("procons/", procon_api.ProconListApi.as_view(), name="procon-list"),
    path("procons/serving/", procon_api.ProconServingApi.as_view(), name="procon-serving"),
    path("municipalities/", geo_api.MunicipalityListApi.as_view(), name="municipality-list"),
    path("me/", account_api.MeApi.as_view(), name="me"),
    path("tokens/", account_api.TokenListCreateApi.as_view(), name="token-list"),
    path("tokens/<int:token_id>/", account_api.TokenRevokeApi.as_view(), name="token-revoke"),
    path("accounts/register/", account_api.RegisterApi.as_view(), name="register"),
    path("accounts/verify-email/", account_api.VerifyEmailApi.as_view(), name="verify-email"),
]

urlpatterns = [
    path("", procon_views.platform_home, name="home"),
    path("onde-reclamar/", procon_views.where_to_file, name="where-to-file"),
    path("conta/tokens/", account_views.api_tokens, name="api-tokens"),
    path(
        "conta/tokens/<int:token_id>/revogar/",
        account_views.revoke_api_token,
        name="api-token-revoke",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"))),
    *common_patterns,
]
