"""A Procon's host ({slug}.PLATFORM_DOMAIN): that Procon's schema."""

from django.urls import include, path

from config.urls_common import urlpatterns as common_patterns
from onboarding.companies import urls as company_onboarding_urls
from onboarding.companies.api import views as company_onboarding_api
from onboarding.procons import urls as procon_onboarding_urls
from onboarding.procons.api import views as procon_onboarding_api
from portals.supervision.api import views as supervision_api
from shared.accounts.api import views as account_api
from shared.audit.api import views as audit_api
from shared.companies.api import views as company_search_api
from shared.ops import views as ops_views
from shared.procons import urls as procon_urls
from shared.procons.api import views as procon_api
from shared.registry import urls as registry_urls
from shared.registry.api import views as registry_api
from tenants.catalogue.api import views as catalogue_api
from tenants.complaints.api import documents as complaint_documents_api
from tenants.complaints.api import steps as complaint_steps_api
from tenants.complaints.api import views as complaint_api
from tenants.configuration import views as configuration_views
from tenants.configuration.api import views as configuration_api
from tenants.hearings.api import views as hearings_api
from tenants.penalties.api import views as penalties_api
from tenants.sanctions.api import urls as sanctions_api_urls

api_v1 = [
    path("procon/", configuration_api.ProconDetailApi.as_view(), name="procon-detail"),
    path("me/", account_api.MeApi.as_view(), name="me"),
    path("settings/", configuration_api.ProconSettingsApi.as_view(), name="settings"),
    path("settings/holidays/", configuration_api.HolidayListApi.as_view(), name="holiday-list"),
    path(
        "settings/holidays/<int:holiday_id>/",
        configuration_api.HolidayDetailApi.as_view(),
        name="holiday-detail",
    ),
    path("settings/staff/", configuration_api.StaffListApi.as_view(), name="staff-list"),
    path(
        "settings/staff/invitations/",
        configuration_api.StaffInvitationListApi.as_view(),
        name="staff-invitation-list",
    ),
    path(
        "settings/staff/invitations/<int:invitation_id>/",
        configuration_api.StaffInvitationDetailApi.as_view(),
        name="staff-invitation-detail",
    ),
    path(
        "settings/staff/<int:membership_id>/",
        configuration_api.StaffDetailApi.as_view(),
        name="staff-detail",
    ),
    path("catalogue/", catalogue_api.CatalogueApi.as_view(), name="catalogue"),
    path("registry/", registry_api.RegistryApi.as_view(), name="registry"),
    path("companies/", company_search_api.CompanySearchApi.as_view(), name="company-search"),
    path(
        "registry/publications/",
        registry_api.RegistryPublicationListApi.as_view(),
        name="registry-publications",
    ),
    path("settings/provisions/", penalties_api.ProvisionListApi.as_view(), name="provision-list"),
    path(
        "settings/provisions/<int:provision_id>/",
        penalties_api.ProvisionDetailApi.as_view(),
        name="provision-detail",
    ),
    path("settings/ufir-values/", penalties_api.UfirValueListApi.as_view(), name="ufir-value-list"),
    path(
        "settings/ufir-values/<int:ufir_value_id>/",
        penalties_api.UfirValueDetailApi.as_view(),
        name="ufir-value-detail",
    ),
    path(
        "settings/circumstances/",
        penalties_api.CircumstanceListApi.as_view(),
        name="circumstance-list",
    ),
    path(
        "settings/circumstances/<int:rule_id>/",
        penalties_api.CircumstanceDetailApi.as_view(),
        name="circumstance-detail",
    ),
    path("audit/", audit_api.AuditLogApi.as_view(), name="audit-log"),
    path("accounts/register/", account_api.RegisterApi.as_view(), name="register"),
    path("accounts/verify-email/", account_api.VerifyEmailApi.as_view(), name="verify-email"),
    path(
        "complaints/<str:number>/hearings/",
        hearings_api.ComplaintHearingsApi.as_view(),
        name="complaint-hearings",
    ),
    path(
        "hearings/<int:hearing_id>/reschedule/",
        hearings_api.HearingRescheduleApi.as_view(),
        name="hearing-reschedule",
    ),
    path(
        "hearings/<int:hearing_id>/minutes/",
        hearings_api.HearingMinutesApi.as_view(),
        name="hearing-minutes",
    ),
    path(
        "hearings/<int:hearing_id>/invitation.ics",
        complaint_documents_api.HearingInvitationApi.as_view(),
        name="hearing-invitation",
    ),
    path(
        "hearings/<int:hearing_id>/minutes.pdf",
        complaint_documents_api.HearingMinutesPdfApi.as_view(),
        name="hearing-minutes-pdf",
    ),
    path(
        "complaints/<slug:number>/cip.pdf",
        complaint_documents_api.ComplaintCipPdfApi.as_view(),
        name="complaint-cip-pdf",
    ),
    path(
        "complaints/<slug:number>/attachments/<int:attachment_id>/",
        complaint_documents_api.ComplaintAttachmentApi.as_view(),
        name="complaint-attachment",
    ),
    path(
        "supervision/company-applications/",
        company_onboarding_api.SupervisionApplicationListApi.as_view(),
        name="supervision-company-application-list",
    ),
    path(
        "supervision/company-applications/<int:application_id>/approve/",
        company_onboarding_api.SupervisionApproveApi.as_view(),
        name="supervision-company-application-approve",
    ),
    path(
        "supervision/company-applications/<int:application_id>/reject/",
        company_onboarding_api.SupervisionRejectApi.as_view(),
        name="supervision-company-application-reject",
    ),
    path(
        "supervision/company-applications/<int:application_id>/request-consent/",
        company_onboarding_api.SupervisionRequestConsentApi.as_view(),
        name="supervision-company-application-request-consent",
    ),
    path(
        "supervision/procons/",
        procon_api.SupervisionProconListApi.as_view(),
        name="supervision-procon-list",
    ),
    path(
        "supervision/procons/<slug:slug>/suspend/",
        procon_api.SupervisionSuspendApi.as_view(),
        name="supervision-procon-suspend",
    ),
    path(
        "supervision/procons/<slug:slug>/reactivate/",
        procon_api.SupervisionReactivateApi.as_view(),
        name="supervision-procon-reactivate",
    ),
    path(
        "supervision/procon-applications/",
        procon_onboarding_api.SupervisionApplicationListApi.as_view(),
        name="supervision-procon-application-list",
    ),
    *[
        path(
            f"supervision/procon-applications/<int:application_id>/{verb}/",
            view.as_view(),
            name=f"supervision-procon-application-{verb}",
        )
        for verb, view in (
            ("approve", procon_onboarding_api.SupervisionApproveApi),
            ("reject", procon_onboarding_api.SupervisionRejectApi),
            ("retry", procon_onboarding_api.SupervisionRetryApi),
        )
    ],
    path("supervision/figures/", supervision_api.FiguresApi.as_view(), name="supervision-figures"),
    path(
        "supervision/figures/procons/",
        supervision_api.ProconFiguresApi.as_view(),
        name="supervision-figures-procons",
    ),
    path(
        "supervision/figures/companies/",
        supervision_api.CompanyRankingApi.as_view(),
        name="supervision-figures-companies",
    ),
    path(
        "supervision/figures/companies/<int:company_id>/",
        supervision_api.CompanyFiguresApi.as_view(),
        name="supervision-figures-company",
    ),
    path(
        "supervision/alerts/",
        supervision_api.SpikeAlertListApi.as_view(),
        name="supervision-alerts",
    ),
    path("complaints/", complaint_api.ComplaintListApi.as_view(), name="complaint-list"),
    path(
        "complaints/<slug:number>/",
        complaint_api.ComplaintDetailApi.as_view(),
        name="complaint-detail",
    ),
    *[
        path(
            f"complaints/<slug:number>/{view.entry.slug}/",
            view.as_view(),
            name=f"complaint-step-{view.entry.slug}",
        )
        for view in complaint_steps_api.STEP_VIEWS
    ],
    *sanctions_api_urls.urlpatterns,
]

# A database that cannot be reached answers 503 with Retry-After, not a 500.
handler500 = "shared.ops.views.server_error"

urlpatterns = [
    path("favicon.ico", ops_views.favicon, name="favicon"),
    path("", configuration_views.procon_home, name="home"),
    path("api/v1/", include((api_v1, "api"))),
    path("", include("shared.billing.urls")),
    path("configuracoes/", include("tenants.configuration.urls")),
    path("", include("shared.audit.urls")),
    path("", include(company_onboarding_urls.tenant_urlpatterns)),
    path("", include(procon_onboarding_urls.tenant_urlpatterns)),
    path("", include(procon_urls.tenant_urlpatterns)),
    path("", include("tenants.complaints.urls")),
    path("", include((registry_urls.tenant_urlpatterns, "registry"))),
    path("", include("shared.accounts.privacy_urls")),
    path("", include("shared.accounts.invitation_urls")),
    path("", include("tenants.hearings.urls")),
    path("", include("tenants.sanctions.urls")),
    path("", include("portals.supervision.urls")),
    *common_patterns,
]
