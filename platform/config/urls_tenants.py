"""A Procon's host ({slug}.PLATFORM_DOMAIN): that Procon's schema."""

from django.urls import include, path

from config.urls_common import api_v1_patterns
from config.urls_common import urlpatterns as common_patterns
from kernel.web.steps import step_paths
from onboarding.companies import urls as company_onboarding_urls
from onboarding.companies.api import views as company_onboarding_api
from onboarding.procons import urls as procon_onboarding_urls
from onboarding.procons.api import views as procon_onboarding_api
from portals.supervision.api import views as supervision_api
from shared.audit.api import views as audit_api
from shared.procons import urls as procon_urls
from shared.procons.api import views as procon_api
from shared.registry import urls as registry_urls
from tenants.catalogue.api import hierarchy as catalogue_hierarchy_api
from tenants.catalogue.api import views as catalogue_api
from tenants.complaints.api import documents as complaint_documents_api
from tenants.complaints.api import messages as complaint_messages_api
from tenants.complaints.api import reclassify as complaint_reclassify_api
from tenants.complaints.api import steps as complaint_steps_api
from tenants.complaints.api import suggestions as complaint_suggestions_api
from tenants.complaints.api import views as complaint_api
from tenants.configuration import views as configuration_views
from tenants.configuration.api import views as configuration_api
from tenants.counter.api import views as counter_api
from tenants.hearings.api import calendar as hearings_calendar_api
from tenants.hearings.api import minutes as minutes_api
from tenants.hearings.api import views as hearings_api
from tenants.narratives.api import consumer_urls as narrative_consumer_api
from tenants.narratives.api import moderation_urls as narrative_moderation_api
from tenants.penalties.api import views as penalties_api
from tenants.sanctions.api import urls as sanctions_api_urls

# /api/v1/settings/: the Procon's settings and its fine rules.
settings_api = [
    path("", configuration_api.ProconSettingsApi.as_view(), name="settings"),
    path("holidays/", configuration_api.HolidayListApi.as_view(), name="holiday-list"),
    path(
        "holidays/<int:holiday_id>/",
        configuration_api.HolidayDetailApi.as_view(),
        name="holiday-detail",
    ),
    path("staff/", configuration_api.StaffListApi.as_view(), name="staff-list"),
    path(
        "staff/invitations/",
        configuration_api.StaffInvitationListApi.as_view(),
        name="staff-invitation-list",
    ),
    path(
        "staff/invitations/<int:invitation_id>/",
        configuration_api.StaffInvitationDetailApi.as_view(),
        name="staff-invitation-detail",
    ),
    path(
        "staff/<int:membership_id>/",
        configuration_api.StaffDetailApi.as_view(),
        name="staff-detail",
    ),
    path("provisions/", penalties_api.ProvisionListApi.as_view(), name="provision-list"),
    path(
        "provisions/<int:provision_id>/",
        penalties_api.ProvisionDetailApi.as_view(),
        name="provision-detail",
    ),
    path("ufir-values/", penalties_api.UfirValueListApi.as_view(), name="ufir-value-list"),
    path(
        "ufir-values/<int:ufir_value_id>/",
        penalties_api.UfirValueDetailApi.as_view(),
        name="ufir-value-detail",
    ),
    path("circumstances/", penalties_api.CircumstanceListApi.as_view(), name="circumstance-list"),
    path(
        "circumstances/<int:rule_id>/",
        penalties_api.CircumstanceDetailApi.as_view(),
        name="circumstance-detail",
    ),
]

hearing_api = [
    path("reschedule/", hearings_api.HearingRescheduleApi.as_view(), name="hearing-reschedule"),
    path("minutes/", minutes_api.HearingMinutesApi.as_view(), name="hearing-minutes"),
    path("minutes/accept/", minutes_api.MinutesAcceptApi.as_view(), name="hearing-minutes-accept"),
    path(
        "authorisation-letter",
        minutes_api.AuthorisationLetterApi.as_view(),
        name="hearing-authorisation-letter",
    ),
    path(
        "invitation.ics",
        complaint_documents_api.HearingInvitationApi.as_view(),
        name="hearing-invitation",
    ),
    path(
        "minutes.pdf",
        complaint_documents_api.HearingMinutesPdfApi.as_view(),
        name="hearing-minutes-pdf",
    ),
]

complaint_api_patterns = [
    path("", complaint_api.ComplaintDetailApi.as_view(), name="complaint-detail"),
    path("cip.pdf", complaint_documents_api.ComplaintCipPdfApi.as_view(), name="complaint-cip-pdf"),
    path(
        "attachments/<int:attachment_id>/",
        complaint_documents_api.ComplaintAttachmentApi.as_view(),
        name="complaint-attachment",
    ),
    path(
        "messages/",
        complaint_messages_api.ComplaintMessagesApi.as_view(),
        name="complaint-messages",
    ),
    path(
        "information-requests/",
        complaint_messages_api.InformationRequestApi.as_view(),
        name="complaint-information-requests",
    ),
    path(
        "documents/", complaint_messages_api.AddDocumentsApi.as_view(), name="complaint-documents"
    ),
    *step_paths("", "complaint-step-", complaint_steps_api.STEP_VIEWS),
    path(
        "reclassify/", complaint_reclassify_api.ReclassifyApi.as_view(), name="complaint-reclassify"
    ),
    path(
        "suggestions/",
        complaint_suggestions_api.ComplaintSuggestionsApi.as_view(),
        name="complaint-suggestions",
    ),
]

# The state supervisor's decisions on applications: supervision/{kind}-applications/<id>/{decision}/.
application_decisions = {
    "company": {
        "approve": company_onboarding_api.SupervisionApproveApi,
        "reject": company_onboarding_api.SupervisionRejectApi,
        "request-consent": company_onboarding_api.SupervisionRequestConsentApi,
    },
    "procon": {
        "approve": procon_onboarding_api.SupervisionApproveApi,
        "reject": procon_onboarding_api.SupervisionRejectApi,
        "retry": procon_onboarding_api.SupervisionRetryApi,
    },
}

# /api/v1/supervision/: the state supervisor's operations (the state Procon's host).
supervision_api_patterns = [
    path(
        "company-applications/",
        company_onboarding_api.SupervisionApplicationListApi.as_view(),
        name="supervision-company-application-list",
    ),
    path(
        "procon-applications/",
        procon_onboarding_api.SupervisionApplicationListApi.as_view(),
        name="supervision-procon-application-list",
    ),
    *[
        path(
            f"{kind}-applications/<int:application_id>/{decision}/",
            view.as_view(),
            name=f"supervision-{kind}-application-{decision}",
        )
        for kind, decisions in application_decisions.items()
        for decision, view in decisions.items()
    ],
    path("procons/", procon_api.SupervisionProconListApi.as_view(), name="supervision-procon-list"),
    *[
        path(f"procons/<slug:slug>/{verb}/", view.as_view(), name=f"supervision-procon-{verb}")
        for verb, view in (
            ("suspend", procon_api.SupervisionSuspendApi),
            ("reactivate", procon_api.SupervisionReactivateApi),
        )
    ],
    path("figures/", supervision_api.FiguresApi.as_view(), name="supervision-figures"),
    path(
        "figures/atendimentos/",
        supervision_api.AtendimentoFiguresApi.as_view(),
        name="supervision-figures-atendimentos",
    ),
    path(
        "figures/procons/",
        supervision_api.ProconFiguresApi.as_view(),
        name="supervision-figures-procons",
    ),
    path(
        "figures/companies/",
        supervision_api.CompanyRankingApi.as_view(),
        name="supervision-figures-companies",
    ),
    path(
        "figures/companies/<int:company_id>/",
        supervision_api.CompanyFiguresApi.as_view(),
        name="supervision-figures-company",
    ),
    path("alerts/", supervision_api.SpikeAlertListApi.as_view(), name="supervision-alerts"),
]

api_v1 = [
    path("procon/", configuration_api.ProconDetailApi.as_view(), name="procon-detail"),
    *api_v1_patterns,
    path("settings/", include(settings_api)),
    path("catalogue/", catalogue_api.CatalogueApi.as_view(), name="catalogue"),
    path(
        "catalogue/subjects/<int:subject_id>/problems/",
        catalogue_hierarchy_api.SubjectProblemsApi.as_view(),
        name="catalogue-subject-problems",
    ),
    path(
        "catalogue/subjects/<int:subject_id>/merge/",
        catalogue_hierarchy_api.MergeSubjectApi.as_view(),
        name="catalogue-subject-merge",
    ),
    path("audit/", audit_api.AuditLogApi.as_view(), name="audit-log"),
    path(
        "complaints/<str:number>/hearings/",
        hearings_api.ComplaintHearingsApi.as_view(),
        name="complaint-hearings",
    ),
    path(
        "complaints/<str:number>/hearings/slots/",
        hearings_calendar_api.HearingSlotsApi.as_view(),
        name="complaint-hearing-slots",
    ),
    path(
        "hearings/agenda/", hearings_calendar_api.HearingAgendaApi.as_view(), name="hearing-agenda"
    ),
    path("hearings/<int:hearing_id>/", include(hearing_api)),
    path(
        "hearing-rooms/",
        hearings_calendar_api.HearingRoomListApi.as_view(),
        name="hearing-room-list",
    ),
    path(
        "hearing-rooms/<int:room_id>/",
        hearings_calendar_api.HearingRoomDetailApi.as_view(),
        name="hearing-room-detail",
    ),
    path("supervision/", include(supervision_api_patterns)),
    path("intakes/", counter_api.IntakeListApi.as_view(), name="intake-list"),
    path("intakes/<str:number>/", counter_api.IntakeDetailApi.as_view(), name="intake-detail"),
    path(
        "intakes/<str:number>/receipt.pdf",
        counter_api.IntakeReceiptApi.as_view(),
        name="intake-receipt",
    ),
    path(
        "intakes/<str:number>/email-receipt/",
        counter_api.IntakeEmailReceiptApi.as_view(),
        name="intake-email-receipt",
    ),
    path("counter/consumers/", counter_api.CounterConsumerApi.as_view(), name="counter-consumers"),
    path("", include(narrative_consumer_api.urlpatterns)),
    path("", include(narrative_moderation_api.urlpatterns)),
    path("complaints/", complaint_api.ComplaintListApi.as_view(), name="complaint-list"),
    path("complaints/<slug:number>/", include(complaint_api_patterns)),
    *sanctions_api_urls.urlpatterns,
]

# A database that cannot be reached answers 503 with Retry-After, not a 500.
handler500 = "shared.ops.views.server_error"

urlpatterns = [
    path("", configuration_views.procon_home, name="home"),
    path("api/v1/", include((api_v1, "api"))),
    path("", include("shared.billing.urls")),
    path("configuracoes/", include("tenants.configuration.urls")),
    path("", include("shared.audit.urls")),
    path("", include(company_onboarding_urls.tenant_urlpatterns)),
    path("", include(procon_onboarding_urls.tenant_urlpatterns)),
    path("", include(procon_urls.tenant_urlpatterns)),
    # Before the complaints' pages: `reclamacoes/<n>/relato/` is not one of their steps.
    path("", include("tenants.narratives.consumer_urls")),
    path("", include("tenants.narratives.moderation_urls")),
    path("", include("tenants.complaints.urls")),
    path("", include("tenants.counter.urls")),
    path("", include("shared.accounts.claim_urls")),
    path("", include((registry_urls.tenant_urlpatterns, "registry"))),
    path("", include("shared.accounts.privacy_urls")),
    path("", include("shared.accounts.invitation_urls")),
    path("", include("tenants.textmessages.urls")),
    path("", include("tenants.hearings.urls")),
    path("", include("tenants.sanctions.urls")),
    path("", include("portals.supervision.urls")),
    *common_patterns,
]
