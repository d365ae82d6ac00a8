"""The company's side of a sanction process in its inbox: the process is listed with its kind,
opened in its Procon's schema, defended, paid at the base value or appealed there; 404 for anyone
outside the company group and for an auto not notified yet."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenants.sanctions.lifecycle import Outcome, ProcessStatus
from tenants.sanctions.models import Defence, Evidence, InfractionNotice
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import pdf_upload

pytestmark = pytest.mark.django_db


def _path(notice: InfractionNotice, step: str = "") -> str:
    return f"/empresa/caixa/santos/processos/{notice.number}/{step}"


def _reload(procon, notice: InfractionNotice) -> InfractionNotice:
    with tenant_context(procon):
        return InfractionNotice.objects.get(pk=notice.pk)


def test_the_inbox_lists_notified_processes_with_their_kind_and_link(agent_client, processes):
    html = agent_client.get("/empresa/caixa/").content.decode()

    row = f'data-number="{processes.awaiting.number}" data-procon="santos" data-status="awaiting_defence" data-kind="sanction"'
    assert row in html
    assert f'href="{_path(processes.awaiting)}"' in html
    assert processes.issued.number not in html
    assert processes.foreign.number not in html
    assert 'data-testid="inbox-count" data-status="awaiting_defence" data-count="1"' in html


def test_the_process_page_shows_the_auto_deadline_and_the_base_value(agent_client, processes):
    response = agent_client.get(_path(processes.awaiting))

    html = response.content.decode()
    assert response.status_code == 200
    due = processes.awaiting.defence_due_on.isoformat()
    assert f'data-testid="defence-due-on" data-date="{due}"' in html
    assert 'data-testid="process-provisions"' in html and "CDC art. 31" in html
    assert 'data-testid="defence-form"' in html
    # T1: R$ 1,000,000.00 x group II, before any circumstance
    assert 'data-testid="base-amount" data-amount="7518.80"' in html
    assert "pena-base, R$ 7.518,80," in html
    assert "R$ 1.000.000,00" in html  # the revenue estimate
    assert 'data-testid="appeal-form"' not in html
    assert 'data-step="notify"' in html


def test_the_company_files_its_defence_with_witnesses_and_evidence(agent_client, processes, procon):
    response = agent_client.post(
        _path(processes.awaiting, "defesa/"),
        {
            "text": "Os preços estavam no sistema de caixa.",
            "witness_1_name": "Maria Souza",
            "witness_1_contact": "maria@example.com",
            "witness_2_name": "João Lima",
            "evidence": [pdf_upload("nota.pdf")],
        },
    )

    assert response.status_code == 302
    notice = _reload(procon, processes.awaiting)
    assert notice.status == ProcessStatus.DEFENCE_FILED
    with tenant_context(procon):
        defence = Defence.objects.get(notice=notice)
        assert [w["name"] for w in defence.witnesses] == ["Maria Souza", "João Lima"]
        assert Evidence.objects.filter(notice=notice, purpose=Evidence.Purpose.DEFENCE).count() == 1
    page = agent_client.get(_path(notice)).content.decode()
    assert 'data-testid="defence-form"' not in page
    assert 'data-step="file_defence"' in page


def test_contesting_the_revenue_without_documents_names_the_field(agent_client, processes, procon):
    response = agent_client.post(
        _path(processes.awaiting, "defesa/"),
        {"text": "Faturamento menor.", "contests_revenue": "on", "claimed_revenue": "500000"},
    )

    assert response.status_code == 400
    assert "revenue_documents" in response.context["defence_form"].errors
    assert _reload(procon, processes.awaiting).status == ProcessStatus.AWAITING_DEFENCE


def test_paying_at_the_base_value_closes_the_process(agent_client, processes, procon):
    response = agent_client.post(
        _path(processes.awaiting, "pagamento/"), {"reference": "BOLETO 123", "confirm": "on"}
    )

    assert response.status_code == 302
    notice = _reload(procon, processes.awaiting)
    assert (notice.status, notice.outcome) == (ProcessStatus.CLOSED, Outcome.PAID_AT_BASE)
    assert notice.fine_amount == Decimal("7518.80")


def test_a_defence_after_the_deadline_is_a_409_and_the_form_is_gone(
    agent_client, processes, procon
):
    with tenant_context(procon):
        InfractionNotice.objects.filter(pk=processes.awaiting.pk).update(
            defence_due_on=timezone.localdate() - timedelta(days=1)
        )

    page = agent_client.get(_path(processes.awaiting)).content.decode()
    response = agent_client.post(_path(processes.awaiting, "defesa/"), {"text": "Tarde demais."})

    assert 'data-testid="defence-form"' not in page
    assert response.status_code == 409
    assert 'data-testid="conflict-message"' in response.content.decode()


def test_after_a_fine_the_page_shows_the_calculation_and_the_company_appeals(
    agent_client, fined, procon
):
    page = agent_client.get(_path(fined)).content.decode()
    assert 'data-testid="fine-calculation"' in page
    assert 'data-testid="decision-fine" data-amount="7518.80">Multa: R$ 7.518,80<' in page
    assert 'data-testid="appeal-form"' in page

    response = agent_client.post(
        _path(fined, "recurso/"), {"text": "A multa ignora o selo.", "documents": [pdf_upload()]}
    )

    assert response.status_code == 302
    assert _reload(procon, fined).status == ProcessStatus.APPEALED


def test_the_auto_and_decision_pdfs_download(agent_client, fined):
    notice_pdf = agent_client.get(_path(fined, "auto.pdf"))
    decision_pdf = agent_client.get(_path(fined, "decisoes/1.pdf"))

    assert notice_pdf.status_code == decision_pdf.status_code == 200
    assert notice_pdf["Content-Type"] == "application/pdf"
    assert notice_pdf.content.startswith(b"%PDF")
    assert agent_client.get(_path(fined, "decisoes/2.pdf")).status_code == 404


def test_another_company_and_an_unnotified_auto_are_404(foreign_agent, agent_client, processes):
    foreign_client = logged_in_client(foreign_agent)
    for step in ("", "auto.pdf"):
        assert foreign_client.get(_path(processes.awaiting, step)).status_code == 404
    response = foreign_client.post(_path(processes.awaiting, "defesa/"), {"text": "x"})
    assert response.status_code == 404
    assert agent_client.get(_path(processes.issued)).status_code == 404
    assert (
        agent_client.get(
            f"/empresa/caixa/campinas/processos/{processes.awaiting.number}/"
        ).status_code
        == 404
    )


def test_evidence_of_another_process_is_404(agent_client, fined, processes, procon):
    with tenant_context(procon):
        evidence = Evidence.objects.create(
            notice=processes.foreign,
            purpose=Evidence.Purpose.DEFENCE,
            original_name="x.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
            uploaded_by=processes.foreign.inspector,
        )
    assert agent_client.get(_path(fined, f"provas/{evidence.pk}/")).status_code == 404


def test_anonymous_visitors_are_sent_to_login(processes):
    from tests.conftest import host_client

    response = host_client("localhost").get(_path(processes.awaiting))
    assert response.status_code == 302
    assert "/login" in response["Location"] or "entrar" in response["Location"]
