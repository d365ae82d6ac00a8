"""Complaint pages on a Procon's host."""

from django.urls import include, path

from tenants.catalogue import hierarchy_views
from tenants.complaints import access_code, document_views, message_views, views
from tenants.complaints.reclassify_views import reclassify
from tenants.complaints.suggestion_views import suggestions

app_name = "complaints"

complaint_patterns = [
    path("", views.complaint_detail, name="detail"),
    path("cip.pdf", document_views.cip_document, name="cip-pdf"),
    path("anexos/<int:attachment_id>/", views.attachment, name="attachment"),
    path("mensagens/<slug:thread_slug>/", message_views.post_message, name="message"),
    path("documentos/", message_views.add_documents, name="add-documents"),
    path("reclassificar/", reclassify, name="reclassify"),
    path("sugestoes/", suggestions, name="suggestions"),
    path("<slug:action>/", views.take_step, name="act"),
]

# The case as the company sees it with its access code.
code_patterns = [
    path("", access_code.code_case, name="access-code-case"),
    path("enviar/", access_code.code_answer, name="access-code-answer"),
    path("mensagens/", message_views.code_message, name="access-code-message"),
    path("anexos/<int:attachment_id>/", access_code.code_attachment, name="access-code-attachment"),
]

urlpatterns = [
    path("reclamar/", views.file_complaint, name="file"),
    path("reclamar/empresas/", views.company_search_json, name="company-search"),
    path("reclamar/problemas/", hierarchy_views.subject_problems_json, name="subject-problems"),
    path("minhas-reclamacoes/", views.my_complaints, name="mine"),
    path("atendimento/", views.queue, name="queue"),
    path("reclamacoes/<str:number>/", include(complaint_patterns)),
    path("responder/", access_code.enter_code, name="access-code"),
    path("responder/<str:number>/", include(code_patterns)),
]
