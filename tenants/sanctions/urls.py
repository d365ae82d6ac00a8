"""Fiscalização pages on a Procon's host."""

from django.urls import path

from tenants.sanctions import access_code, inspection_views, views

app_name = "sanctions"

urlpatterns = [
    path("fiscalizacao/", views.home, name="home"),
    path("fiscalizacao/inspecoes/nova/", inspection_views.new_inspection, name="inspection-create"),
    path(
        "fiscalizacao/inspecoes/<int:inspection_id>/",
        inspection_views.inspection_detail,
        name="inspection",
    ),
    path(
        "fiscalizacao/inspecoes/<int:inspection_id>/evidencias/",
        inspection_views.add_evidence,
        name="inspection-evidence",
    ),
    path(
        "fiscalizacao/inspecoes/<int:inspection_id>/encerrar/",
        inspection_views.close_inspection,
        name="inspection-close",
    ),
    path(
        "fiscalizacao/inspecoes/<int:inspection_id>/auto/",
        inspection_views.new_notice,
        name="notice-new",
    ),
    path(
        "fiscalizacao/evidencias/<int:evidence_id>/",
        inspection_views.evidence_file,
        name="evidence",
    ),
    path("fiscalizacao/processos/<str:number>/", views.process_detail, name="process"),
    path("fiscalizacao/processos/<str:number>/notificar/", views.notify, name="notify"),
    path("fiscalizacao/processos/<str:number>/decidir/", views.decide, name="decide"),
    path(
        "fiscalizacao/processos/<str:number>/decidir/previa/",
        views.decide_preview,
        name="decide-preview",
    ),
    path(
        "fiscalizacao/processos/<str:number>/recurso/decidir/",
        views.decide_appeal,
        name="decide-appeal",
    ),
    path("fiscalizacao/processos/<str:number>/pagamento/", views.record_payment, name="payment"),
    path(
        "fiscalizacao/processos/<str:number>/cobranca/", views.send_to_collection, name="collection"
    ),
    path("fiscalizacao/processos/<str:number>/auto.pdf", views.notice_document, name="notice-pdf"),
    path(
        "fiscalizacao/processos/<str:number>/decisoes/<int:instance>.pdf",
        views.decision_document,
        name="decision-pdf",
    ),
    path("configuracoes/fiscalizacao/", views.settings_page, name="settings"),
    path("processos/", views.lookup, name="lookup"),
    path("processos/acesso/", access_code.enter_code, name="code-enter"),
    path("processos/acesso/<str:number>/", access_code.code_process, name="code-process"),
    path(
        "processos/acesso/<str:number>/auto.pdf",
        access_code.code_notice_pdf,
        name="code-notice-pdf",
    ),
    path(
        "processos/acesso/<str:number>/decisoes/<int:instance>.pdf",
        access_code.code_decision_pdf,
        name="code-decision-pdf",
    ),
    path("verificar/", views.verify, name="verify"),
]
