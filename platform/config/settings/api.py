"""The API's settings: DRF, the OpenAPI schema (drf-spectacular) and company API keys. Star-imported
by base.py; nothing here depends on the other settings."""

import os

from django.utils.translation import gettext_lazy as _

# Company API keys: validity when none is asked, the longest allowed, and how long a rotated-out
# secret keeps working by default and at most.
COMPANY_API_KEY_DEFAULT_DAYS = int(os.environ.get("COMPANY_API_KEY_DEFAULT_DAYS", "365"))
COMPANY_API_KEY_MAX_DAYS = int(os.environ.get("COMPANY_API_KEY_MAX_DAYS", "730"))
COMPANY_API_KEY_ROTATION_OVERLAP_HOURS = 24
COMPANY_API_KEY_MAX_OVERLAP_HOURS = 168
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "shared.accounts.authentication.HashedTokenAuthentication",
        # Company API keys (`Authorization: Bearer pdk_…`), limited to their scopes.
        "shared.accounts.authentication.CompanyApiKeyAuthentication",
        # Session auth that answers 403 two_factor_required until the one-time code is entered.
        "shared.accounts.two_factor.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "config.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Procon Digital API",
    # The parts an integrator needs before the first call (config/openapi.py, in each language).
    "DESCRIPTION": _(
        "API v1 of Procon Digital. The public host serves platform-wide resources; "
        "each Procon's host serves that Procon's resources. Authenticate with "
        "`Authorization: Token <key>`.\n\n"
        "**Sessions and CSRF.** A client that signs in through the pages instead (a session "
        "cookie) must send, on every POST, PUT, PATCH and DELETE, the header `X-CSRFToken` "
        "with the value of the `csrftoken` cookie, which any GET of a page on the same host "
        "sets (for instance `GET /entrar/`), and a `Referer` on that host over HTTPS; "
        "without them the answer is 403. Token and API-key calls need neither.\n\n"
        "**Documents.** Every document is linked from its resource with an absolute URL on "
        "its host (`links.cip_pdf`, `attachments[].api_url`, a hearing's `ics_url`, its "
        "minutes' `pdf_url`); each answers whoever may read the resource, with a token as "
        "with a session, and 404 to anyone else.\n\n"
        "**Webhooks.** The events a company system can receive, with their payloads, are "
        "described in AsyncAPI at `/api/v1/webhooks/asyncapi.json` on the platform's host.\n\n"
        "**Versioning.** v1 only changes by addition (new operations, new optional inputs, "
        "new response fields, new enum values, new events): ignore what you do not know. "
        "Anything else comes as v2, with v1 served alongside it for at least 12 months."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Distinct names for choice sets that share a field name across components.
    "ENUM_NAME_OVERRIDES": {
        "ProconKindEnum": "shared.procons.lifecycle.ProconKind",
        "MembershipKindEnum": ["staff", "company"],
        "CircumstanceKindEnum": "tenants.penalties.models.CircumstanceKind",
        "CompanyApplicationStatusEnum": "onboarding.companies.lifecycle.ApplicationStatus",
        "HearingStatusEnum": "tenants.hearings.lifecycle.HearingStatus",
        "ResponseKindEnum": "shared.narratives.responses.ResponseKind",
    },
    # OpenAPI links from a response to the operations on the object it names (config/openapi.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.openapi.add_links",
        "config.openapi.add_common_responses",
    ],
}
