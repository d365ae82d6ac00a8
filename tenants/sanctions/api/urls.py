"""Fiscalização API routes, included under /api/v1/ on a Procon's host."""

from django.urls import include, path

from kernel.web.steps import step_paths
from tenants.sanctions.api import documents, steps, views

inspection_patterns = [
    path("", views.InspectionDetailApi.as_view(), name="sanction-inspection-detail"),
    path("evidence/", views.InspectionEvidenceApi.as_view(), name="sanction-inspection-evidence"),
    path("close/", views.InspectionCloseApi.as_view(), name="sanction-inspection-close"),
    path("notice/", views.NoticeIssueApi.as_view(), name="sanction-notice-issue"),
]

process_patterns = [
    path("", views.ProcessDetailApi.as_view(), name="sanction-process-detail"),
    path("auto.pdf", documents.NoticePdfApi.as_view(), name="sanction-process-notice-pdf"),
    path(
        "decisions/<int:instance>.pdf",
        documents.DecisionPdfApi.as_view(),
        name="sanction-process-decision-pdf",
    ),
    *step_paths("", "sanction-process-", steps.STEP_VIEWS),
]

urlpatterns = [
    path(
        "sanctions/inspections/", views.InspectionListApi.as_view(), name="sanction-inspection-list"
    ),
    path("sanctions/inspections/<int:inspection_id>/", include(inspection_patterns)),
    path("sanctions/processes/", views.ProcessListApi.as_view(), name="sanction-process-list"),
    path("sanctions/processes/<str:number>/", include(process_patterns)),
    path("sanctions/lookup/<str:number>/", views.PublicLookupApi.as_view(), name="sanction-lookup"),
    path("sanctions/verify/<str:code>/", views.VerifyDocumentApi.as_view(), name="sanction-verify"),
    path("sanctions/settings/", views.SanctionSettingsApi.as_view(), name="sanction-settings"),
]
