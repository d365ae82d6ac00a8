"""Complaint pages on a Procon's host."""

from django.urls import path

from tenants.complaints import access_code, document_views, views

app_name = "complaints"

urlpatterns = [
    path("reclamar/", views.file_complaint, name="file"),
    path("reclamar/empresas/", views.company_search_json, name="company-search"),
    path("minhas-reclamacoes/", views.my_complaints, name="mine"),
    path("atendimento/", views.queue, name="queue"),
    path("reclamacoes/<str:number>/", views.complaint_detail, name="detail"),
    path("reclamacoes/<str:number>/cip.pdf", document_views.cip_document, name="cip-pdf"),
    path(
        "reclamacoes/<str:number>/anexos/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
    path("reclamacoes/<str:number>/<slug:action>/", views.take_step, name="act"),
    path("responder/", access_code.enter_code, name="access-code"),
    path("responder/<str:number>/", access_code.code_case, name="access-code-case"),
    path("responder/<str:number>/enviar/", access_code.code_answer, name="access-code-answer"),
    path(
        "responder/<str:number>/anexos/<int:attachment_id>/",
        access_code.code_attachment,
        name="access-code-attachment",
    ),
]
