"""The platform's own host (PLATFORM_DOMAIN): public schema."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from config.urls_common import api_v1_patterns
from config.urls_common import urlpatterns as common_patterns
from kernel.web.steps import step_paths
from onboarding.companies import urls as company_onboarding_urls
from onboarding.companies.api import views as company_onboarding_api
from onboarding.procons import urls as procon_onboarding_urls
from onboarding.procons.api import views as procon_onboarding_api
from portals.inbox.api import message_views as inbox_message_api
from portals.inbox.api import public_response_views as inbox_public_response_api
from portals.inbox.api import sanction_views as inbox_sanction_api
from portals.inbox.api import views as inbox_api
from shared.accounts import views as account_views
from shared.accounts.api import views as account_api
from shared.billing.api import views as billing_api
from shared.companies.api import key_views as key_api
from shared.companies.api import views as company_api
from shared.geo.api import views as geo_api
from shared.procons import views as procon_views
from shared.procons.api import views as procon_api
from shared.webhooks.api import views as webhook_api

inbox_sanction_api_patterns = [
    path("", inbox_sanction_api.SanctionProcessApi.as_view(), name="inbox-sanction"),
    *step_paths(
        "",
        "inbox-sanction-",
        (
            inbox_sanction_api.SanctionDefenceApi,
            inbox_sanction_api.SanctionPayAtBaseApi,
            inbox_sanction_api.SanctionAppealApi,
        ),
    ),
]

inbox_case_api_patterns = [
    path("", inbox_api.InboxCaseApi.as_view(), name="inbox-case"),
    path(
        "attachments/<int:attachment_id>/",
        inbox_api.InboxAttachmentApi.as_view(),
        name="inbox-attachment",
    ),
    path("answer/", inbox_api.InboxAnswerApi.as_view(), name="inbox-answer"),
    path("messages/", inbox_message_api.InboxMessagesApi.as_view(), name="inbox-messages"),
    path(
        "public-response/",
        inbox_public_response_api.InboxPublicResponseApi.as_view(),
        name="inbox-public-response",
    ),
]

# /api/v1/company/: the signed-in agent's company.
company_api_patterns = [
    path("agents/", company_api.AgentListApi.as_view(), name="company-agent-list"),
    path(
        "agents/<int:membership_id>/",
        company_api.AgentDetailApi.as_view(),
        name="company-agent-detail",
    ),
    path("participation/", company_api.ParticipationApi.as_view(), name="company-participation"),
    path("api-keys/", key_api.ApiKeyListCreateApi.as_view(), name="company-api-key-list"),
    path(
        "api-keys/<int:key_id>/", key_api.ApiKeyDetailApi.as_view(), name="company-api-key-detail"
    ),
    path(
        "api-keys/<int:key_id>/rotate/",
        key_api.ApiKeyRotateApi.as_view(),
        name="company-api-key-rotate",
    ),
    path(
        "api-keys/<int:key_id>/uses/",
        key_api.ApiKeyUseListApi.as_view(),
        name="company-api-key-uses",
    ),
    path("webhooks/", webhook_api.WebhookListCreateApi.as_view(), name="webhook-list"),
    path(
        "webhooks/<int:endpoint_id>/", webhook_api.WebhookDetailApi.as_view(), name="webhook-detail"
    ),
    path(
        "webhooks/<int:endpoint_id>/deliveries/",
        webhook_api.WebhookDeliveryListApi.as_view(),
        name="webhook-deliveries",
    ),
    path(
        "webhooks/<int:endpoint_id>/ping/",
        webhook_api.WebhookPingApi.as_view(),
        name="webhook-ping",
    ),
    path(
        "webhooks/<int:endpoint_id>/replay/",
        webhook_api.WebhookReplayApi.as_view(),
        name="webhook-replay",
    ),
]

api_v1 = [
    path("procons/", procon_api.ProconListApi.as_view(), name="procon-list"),
    path("procons/serving/", procon_api.ProconServingApi.as_view(), name="procon-serving"),
    path("municipalities/", geo_api.MunicipalityListApi.as_view(), name="municipality-list"),
    *api_v1_patterns,
    path("auth/token/", account_api.AuthTokenApi.as_view(), name="auth-token"),
    path("tokens/", account_api.TokenListCreateApi.as_view(), name="token-list"),
    path("tokens/<int:token_id>/", account_api.TokenRevokeApi.as_view(), name="token-revoke"),
    path("inbox/", inbox_api.InboxListApi.as_view(), name="inbox-list"),
    path("inbox/counts/", inbox_api.InboxCountsApi.as_view(), name="inbox-counts"),
    path(
        "inbox/sanctions/",
        inbox_sanction_api.SanctionListApi.as_view(),
        name="inbox-sanction-list",
    ),
    path(
        "inbox/<slug:procon_slug>/processes/<str:number>/",
        include(inbox_sanction_api_patterns),
    ),
    path("inbox/<slug:procon_slug>/<str:number>/", include(inbox_case_api_patterns)),
    path(
        "companies/applications/",
        company_onboarding_api.ApplicationCreateApi.as_view(),
        name="company-application-create",
    ),
    path(
        "companies/applications/<int:application_id>/consent/",
        company_onboarding_api.ApplicationConsentApi.as_view(),
        name="company-application-consent",
    ),
    path(
        "procon-applications/",
        procon_onboarding_api.ApplicationCreateApi.as_view(),
        name="procon-application-create",
    ),
    path("company/", include(company_api_patterns)),
    path(
        "billing/stripe/webhook/",
        billing_api.StripeWebhookApi.as_view(),
        name="billing-stripe-webhook",
    ),
    path("webhooks/asyncapi.json", webhook_api.WebhookAsyncApi.as_view(), name="webhook-asyncapi"),
]

# A database that cannot be reached answers 503 with Retry-After, not a 500.
handler500 = "shared.ops.views.server_error"

urlpatterns = [
    path("", procon_views.platform_home, name="home"),
    path("onde-reclamar/", procon_views.where_to_file, name="where-to-file"),
    path("conta/tokens/", account_views.api_tokens, name="api-tokens"),
    path(
        "conta/tokens/<int:token_id>/revogar/",
        account_views.revoke_api_token,
        name="api-token-revoke",
    ),
    path("empresa/webhooks/", include("shared.webhooks.urls")),
    path("", include(company_onboarding_urls.public_urlpatterns)),
    path("", include(procon_onboarding_urls.public_urlpatterns)),
    path("", include("shared.companies.urls")),
    path("empresa/", include("portals.inbox.urls")),
    path("", include("shared.registry.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"))),
    # This host's own operations (the common route would describe the Procon hosts' URLconf).
    path(
        "api/v1/schema/",
        SpectacularAPIView.as_view(urlconf="config.urls_public"),
        name="api-schema",
    ),
    *common_patterns,
]
