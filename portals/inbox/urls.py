"""The company inbox pages on the platform's host."""

from django.urls import path

from portals.inbox import (
    message_views,
    minutes_views,
    public_response_views,
    reputation_views,
    sanction_views,
    views,
)

app_name = "inbox"

urlpatterns = [
    path("caixa/", views.inbox, name="list"),
    path("caixa.csv", views.inbox_csv, name="csv"),
    path("caixa/indicadores/", reputation_views.reputation, name="reputation"),
    path(
        "caixa/<slug:procon_slug>/processos/<str:number>/",
        sanction_views.sanction_detail,
        name="sanction",
    ),
    path(
        "caixa/<slug:procon_slug>/processos/<str:number>/defesa/",
        sanction_views.sanction_defence,
        name="sanction-defence",
    ),
    path(
        "caixa/<slug:procon_slug>/processos/<str:number>/pagamento/",
        sanction_views.sanction_pay_at_base,
        name="sanction-pay",
    ),
    path(
        "caixa/<slug:procon_slug>/processos/<str:number>/recurso/",
        sanction_views.sanction_appeal,
        name="sanction-appeal",
    ),
    path(
        "caixa/<slug:procon_slug>/processos/<str:number>/auto.pdf",
        sanction_views.sanction_notice_pdf,
        name="sanction-notice-pdf",
    ),
    path(
        "caixa/<slug:procon_slug>/processos/<str:number>/decisoes/<int:instance>.pdf",
        sanction_views.sanction_decision_pdf,
        name="sanction-decision-pdf",
    ),
    path(
        "caixa/<slug:procon_slug>/processos/<str:number>/provas/<int:evidence_id>/",
        sanction_views.sanction_evidence,
        name="sanction-evidence",
    ),
    path("caixa/<slug:procon_slug>/<str:number>/", views.case_detail, name="case"),
    path("caixa/<slug:procon_slug>/<str:number>/responder/", views.answer, name="answer"),
    path(
        "caixa/<slug:procon_slug>/<str:number>/resposta-publica/",
        public_response_views.respond,
        name="public-response",
    ),
    path(
        "caixa/<slug:procon_slug>/<str:number>/mensagens/",
        message_views.post_message,
        name="message",
    ),
    path(
        "caixa/<slug:procon_slug>/<str:number>/anexos/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
    path(
        "caixa/<slug:procon_slug>/<str:number>/audiencias/<int:hearing_id>/aceite/",
        minutes_views.accept,
        name="minutes-accept",
    ),
    path(
        "caixa/<slug:procon_slug>/<str:number>/audiencias/<int:hearing_id>/ata.pdf",
        minutes_views.pdf,
        name="minutes-pdf",
    ),
    path(
        "caixa/<slug:procon_slug>/<str:number>/audiencias/<int:hearing_id>/carta-de-preposicao/",
        minutes_views.letter,
        name="minutes-letter",
    ),
]
