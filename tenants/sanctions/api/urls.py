"""Fiscalização API routes, included under /api/v1/ on a Procon's host."""

from django.urls import path

from tenants.sanctions.api import documents, steps, views

urlpatterns = [
    path(
        "sanctions/inspections/", views.InspectionListApi.as_view(), name="sanction-inspection-list"
    ),
    path(
        "sanctions/inspections/<int:inspection_id>/",
        views.InspectionDetailApi.as_view(),
        name="sanction-inspection-detail",
    ),
    path(
        "sanctions/inspections/<int:inspection_id>/evidence/",
        views.InspectionEvidenceApi.as_view(),
        name="sanction-inspection-evidence",
    ),
    path(
        "sanctions/inspections/<int:inspection_id>/close/",
        views.InspectionCloseApi.as_view(),
        name="sanction-inspection-close",
    ),
    path(
        "sanctions/inspections/<int:inspection_id>/notice/",
        views.NoticeIssueApi.as_view(),
        name="sanction-notice-issue",
    ),
    path("sanctions/processes/", views.ProcessListApi.as_view(), name="sanction-process-list"),
    path(
        "sanctions/processes/<str:number>/",
        views.ProcessDetailApi.as_view(),
        name="sanction-process-detail",
    ),
    path(
        "sanctions/processes/<str:number>/auto.pdf",
        documents.NoticePdfApi.as_view(),
        name="sanction-process-notice-pdf",
    ),
    path(
        "sanctions/processes/<str:number>/decisions/<int:instance>.pdf",
        documents.DecisionPdfApi.as_view(),
        name="sanction-process-decision-pdf",
    ),
    *[
        path(
            f"sanctions/processes/<str:number>/{view.entry.slug}/",
            view.as_view(),
            name=f"sanction-process-{view.entry.slug}",
        )
        for view in steps.STEP_VIEWS
    ],
    path("sanctions/lookup/<str:number>/", views.PublicLookupApi.as_view(), name="sanction-lookup"),
    path("sanctions/verify/<str:code>/", views.VerifyDocumentApi.as_view(), name="sanction-verify"),
    path("sanctions/settings/", views.SanctionSettingsApi.as_view(), name="sanction-settings"),
]
