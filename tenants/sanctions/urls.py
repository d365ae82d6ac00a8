"""Fiscalização pages on a Procon's host."""

from django.urls import path

from tenants.sanctions import views

app_name = "sanctions"

urlpatterns = [
    path("fiscalizacao/", views.home, name="home"),
    path("fiscalizacao/inspecoes/nova/", views.new_inspection, name="inspection-create"),
    path("fiscalizacao/inspecoes/<int:inspection_id>/", views.inspection_detail, name="inspection"),
    path(
        "fiscalizacao/inspecoes/<int:inspection_id>/evidencias/",
        views.add_evidence,
        name="inspection-evidence",
    ),
    path(
        "fiscalizacao/inspecoes/<int:inspection_id>/encerrar/",
        views.close_inspection,
        name="inspection-close",
    ),
    path("fiscalizacao/inspecoes/<int:inspection_id>/auto/", views.new_notice, name="notice-new"),
    path("fiscalizacao/evidencias/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("fiscalizacao/processos/<str:number>/", views.process_detail, name="process"),
    path("fiscalizacao/processos/<str:number>/notificar/", views.notify, name="notify"),
    path("fiscalizacao/processos/<str:number>/decidir/", views.decide, name="decide"),
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
    path("verificar/", views.verify, name="verify"),
]
