"""The fiscalização pages on Santos's host: inspectors record an inspection and issue the auto,
the judge decides, the administrator sets the rules; the public lookup and the verification
page; everything outside a viewer's reach is 404."""

from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from tenants.sanctions.actions.company import do_file_defence
from tenants.sanctions.actions.decisions import do_decide
from tenants.sanctions.actions.steps import do_update_sanction_settings
from tenants.sanctions.lifecycle import ProcessStatus as S
from tenants.sanctions.models import InfractionNotice, Inspection, IssuedDocument
from tests.conftest import host_client
from tests.factories import ConsumerFactory, company_agent, staff
from tests.support.clients import logged_in_client
from tests.support.html import assert_shows
from tests.tenants.complaints.factories import pdf_upload
from tests.tenants.sanctions.factories import create_inspection, issue_notice, notified

pytestmark = pytest.mark.django_db


def test_an_inspector_records_an_inspection_with_evidence_and_issues_the_auto(
    procon, inspector, company
) -> None:
    client = logged_in_client(inspector, procon.host)
    # the create page accepts a prefill from a supervisor's spike alert
    page = client.get(
        f"/fiscalizacao/inspecoes/nova/?company={company.pk}&origin=alert&ref=Pico+em+Santos"
    )
    assert page.status_code == 200
    assert company.cnpj_display in page.content.decode()
    assert 'value="Pico em Santos"' in page.content.decode()

    response = client.post(
        "/fiscalizacao/inspecoes/nova/",
        {
            "origin": "alert",
            "origin_reference": "Pico em Santos",
            "company_cnpj": company.cnpj_display,
            "place_address": "Rua XV de Novembro, 10",
            "municipality": "3548500",
            "inspected_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "inspectors": [str(inspector.pk)],
            "findings": "Preços ausentes.",
            "evidence": [pdf_upload("foto.pdf")],
        },
    )
    assert response.status_code == 302
    with tenant_context(procon):
        inspection = Inspection.objects.get(company=company)
        from tenants.penalties.selectors import provisions

        provision = provisions().first()
    assert inspection.evidence.count() == 1
    assert client.get(response["Location"]).status_code == 200

    form = client.get(f"/fiscalizacao/inspecoes/{inspection.pk}/auto/")
    assert form.status_code == 200
    issued = client.post(
        f"/fiscalizacao/inspecoes/{inspection.pk}/auto/",
        {
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "facts": "Produtos sem preço.",
            "provisions": [str(provision.pk)],
            "sanction_provision": "CDC art. 56",
            "requirement": "Afixar preços.",
            "revenue_estimate": "1000000",
            "inspector_post": "Fiscal",
            "inspector_registration": "F-77",
            "respondent_signature": "absent",
        },
    )
    assert issued.status_code == 302
    with tenant_context(procon):
        notice = InfractionNotice.objects.get(company=company)
    assert issued["Location"] == f"/fiscalizacao/processos/{notice.number}/"
    detail = client.get(issued["Location"])
    assert detail.status_code == 200 and 'data-testid="notify"' in detail.content.decode()
    assert client.post(f"/fiscalizacao/processos/{notice.number}/notificar/").status_code == 302
    with tenant_context(procon):
        notice.refresh_from_db()
    assert notice.status == S.AWAITING_DEFENCE
    pdf = client.get(f"/fiscalizacao/processos/{notice.number}/auto.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_bad_inspection_form_names_the_fields(procon, inspector) -> None:
    response = logged_in_client(inspector, procon.host).post(
        "/fiscalizacao/inspecoes/nova/", {"company_cnpj": "11.111.111/1111-11"}
    )
    assert response.status_code == 400
    assert 'data-testid="form-errors"' in response.content.decode()


def test_staff_of_another_procon_consumers_and_attendants_get_404(
    procon, other_procon, inspector
) -> None:
    with tenant_context(procon):
        notice = issue_notice(inspector)
        inspection_id = notice.inspection_id
    foreign = staff(other_procon, StaffRole.INSPECTOR)
    urls = [
        "/fiscalizacao/",
        f"/fiscalizacao/inspecoes/{inspection_id}/",
        f"/fiscalizacao/processos/{notice.number}/",
        f"/fiscalizacao/processos/{notice.number}/auto.pdf",
    ]
    for user in (foreign, ConsumerFactory(), staff(procon, StaffRole.ATTENDANT)):
        client = logged_in_client(user, procon.host)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
    # the inspector of Campinas, on Campinas's host, does not find Santos's process either
    assert (
        logged_in_client(foreign, other_procon.host)
        .get(f"/fiscalizacao/processos/{notice.number}/")
        .status_code
        == 404
    )


def test_the_judge_decides_on_the_page_with_the_calculation_shown(
    procon, inspector, judge, company
) -> None:
    agent = company_agent(company)
    with tenant_context(procon):
        notice = do_file_defence(notified(inspector, company=company), actor=agent, text="Defesa")
    client = logged_in_client(judge, procon.host)
    assert client.get(f"/fiscalizacao/processos/{notice.number}/decidir/").status_code == 200
    refused = logged_in_client(inspector, procon.host).post(
        f"/fiscalizacao/processos/{notice.number}/decidir/", {}
    )
    assert refused.status_code == 404
    bad = client.post(f"/fiscalizacao/processos/{notice.number}/decidir/", {"dismiss": "0"})
    assert bad.status_code == 400
    response = client.post(
        f"/fiscalizacao/processos/{notice.number}/decidir/",
        {"dismiss": "0", "sanctions": ["fine"], "advantage": "0", "reasoning": "Comprovado."},
    )
    assert response.status_code == 302
    page = client.get(f"/fiscalizacao/processos/{notice.number}/").content.decode()
    assert 'data-testid="fine-calculation"' in page
    assert client.get(f"/fiscalizacao/processos/{notice.number}/decisoes/1.pdf").status_code == 200


def test_an_illegal_step_on_a_page_answers_409_with_the_reason(procon, inspector) -> None:
    with tenant_context(procon):
        notice = notified(inspector)
    response = logged_in_client(inspector, procon.host).post(
        f"/fiscalizacao/processos/{notice.number}/notificar/"
    )
    assert response.status_code == 409


def test_the_administrator_sets_the_windows_and_secrecy(procon) -> None:
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    client = logged_in_client(admin, procon.host)
    page = client.get("/configuracoes/fiscalizacao/")
    assert page.status_code == 200 and 'data-testid="unverified-note"' in page.content.decode()
    windows = {
        "defence_window_days": "20",
        "defence_day_count": "business",
        "appeal_window_days": "20",
        "appeal_day_count": "calendar",
        "deciding_body": "Junta de Julgamento",
        "deciding_body_address": "Rua A, 1",
    }
    response = client.post("/configuracoes/fiscalizacao/", windows)
    assert response.status_code == 302
    with tenant_context(procon):
        from tenants.sanctions.actions.steps import get_sanction_settings

        rules = get_sanction_settings()
    assert (rules.defence_window_days, rules.defence_day_count, rules.secret_until_final) == (
        20,
        "business",
        False,
    )
    assert (
        logged_in_client(staff(procon, StaffRole.INSPECTOR), procon.host)
        .get("/configuracoes/fiscalizacao/")
        .status_code
        == 404
    )


def test_the_public_lookup_shows_only_the_stage_while_secret(procon, inspector, company) -> None:
    with tenant_context(procon):
        notice = notified(inspector, company=company)
    page = host_client(procon.host).get(f"/processos/?numero={notice.number}")
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-secret="1"' in body and 'data-status="awaiting_defence"' in body
    private = (company.legal_name, company.cnpj, "Av. Ana Costa", "Produtos expostos", "F-1234")
    assert_shows(body, hidden=private)
    assert 'data-testid="lookup-dates"' not in body


def test_the_public_lookup_shows_dates_when_not_secret_and_never_personal_data(
    procon, inspector, judge, company
) -> None:
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    agent = company_agent(company)
    with tenant_context(procon):
        do_update_sanction_settings(actor=admin, secret_until_final=False)
        notice = do_file_defence(
            notified(inspector, company=company), actor=agent, text="O preço estava na etiqueta"
        )
        do_decide(notice, actor=judge, dismiss=True, reasoning="Sem provas.")
    body = host_client(procon.host).get(f"/processos/?numero={notice.number}").content.decode()
    assert 'data-secret="0"' in body and 'data-testid="lookup-dates"' in body
    for private in (
        company.legal_name,
        company.cnpj,
        "Av. Ana Costa",
        "Sem provas",
        "O preço estava na etiqueta",
    ):
        assert private not in body
    missing = host_client(procon.host).get("/processos/?numero=AI-SANTOS-1999-000001")
    assert missing.status_code == 404


def test_the_verification_page_confirms_a_real_code_and_rejects_a_forged_one(
    procon, other_procon, inspector
) -> None:
    with tenant_context(procon):
        notice = notified(inspector, revenue_estimate=Decimal("10"))
        document = IssuedDocument.objects.get(notice=notice)
    client = host_client(procon.host)
    good = client.get(f"/verificar/?codigo={document.code_display}")
    assert good.status_code == 200
    body = good.content.decode()
    assert 'data-kind="notice"' in body and notice.number in body
    assert notice.respondent_name not in body
    forged = document.code[:-1] + ("A" if document.code[-1] != "A" else "B")
    assert client.get(f"/verificar/?codigo={forged}").status_code == 404
    # a real code of Santos does not verify on Campinas's host
    assert (
        host_client(other_procon.host).get(f"/verificar/?codigo={document.code}").status_code == 404
    )


def test_the_list_shows_processes_and_open_inspections(procon, inspector) -> None:
    with tenant_context(procon):
        notice = issue_notice(inspector)
        create_inspection(inspector)
    body = logged_in_client(inspector, procon.host).get("/fiscalizacao/").content.decode()
    assert f'data-number="{notice.number}"' in body
    assert 'data-testid="inspection-row"' in body


def test_the_pages_are_linked_from_the_header_the_settings_and_the_home(procon, inspector) -> None:
    home = host_client(procon.host).get("/").content.decode()
    assert 'data-testid="process-lookup-link"' in home and 'data-testid="verify-link"' in home
    assert (
        'data-testid="nav-sanctions"'
        in logged_in_client(inspector, procon.host).get("/").content.decode()
    )
    attendant = staff(procon, StaffRole.ATTENDANT)
    assert (
        'data-testid="nav-sanctions"'
        not in logged_in_client(attendant, procon.host).get("/").content.decode()
    )
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    settings_page = logged_in_client(admin, procon.host).get("/configuracoes/").content.decode()
    assert 'data-testid="sanction-settings-link"' in settings_page


def test_a_company_without_members_reads_its_process_with_the_notice_code(
    procon, other_procon, inspector
) -> None:
    with tenant_context(procon):
        notice = notified(inspector)
        code = notice.events.get(step="notify").data["access_code"]
        other = notified(inspector)
    client = host_client(procon.host)
    wrong = client.post("/processos/acesso/", {"number": notice.number, "code": "WRONG12345"})
    assert wrong.status_code == 400
    assert client.get(f"/processos/acesso/{notice.number}/").status_code == 404
    opened = client.post("/processos/acesso/", {"number": notice.number, "code": code})
    assert opened.status_code == 302
    page = client.get(opened["Location"])
    assert page.status_code == 200 and 'data-testid="join-help"' in page.content.decode()
    assert client.get(f"/processos/acesso/{notice.number}/auto.pdf").status_code == 200
    # the grant opens that one process only, and only on its Procon's host
    assert client.get(f"/processos/acesso/{other.number}/").status_code == 404
    elsewhere = host_client(other_procon.host)
    assert (
        elsewhere.post("/processos/acesso/", {"number": notice.number, "code": code}).status_code
        == 400
    )
