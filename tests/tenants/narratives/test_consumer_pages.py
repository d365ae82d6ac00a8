"""The consumer's side of a consented narrative on the pages: the box on the filing form, the
case's page of its narrative (/reclamacoes/<n>/relato/) with the consent and its withdrawal, the
panel on the complaint's page, staff reading it, everyone else kept out, and the data export."""

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from shared.narratives.responses import ResponseKind
from tenants.complaints.actions.closing import do_withdraw_complaint
from tenants.complaints.models import Complaint
from tenants.complaints.privacy import complaints_for_export
from tenants.counter.forms import CounterComplaintForm
from tenants.narratives.actions import do_refuse, do_respond, do_withdraw
from tenants.narratives.models import Narrative, NarrativeStatus
from tests.factories import ConsumerFactory, staff
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import at_cip_sent, filing_form
from tests.tenants.narratives.factories import FACTS, narrative, pending, public_copy, published

pytestmark = pytest.mark.django_db


def _case(procon, attendant, consumer, company) -> str:
    """A complaint past triage whose consumer has not (yet) agreed to publish it; its number."""
    with tenant_context(procon):
        return at_cip_sent(attendant, consumer=consumer, company=company, facts=FACTS).number


def _page(client: Client, number: str):  # type: ignore[no-untyped-def]
    return client.get(f"/reclamacoes/{number}/relato/")


def _narrative_or_none(procon, number: str) -> Narrative | None:
    with tenant_context(procon):
        return Narrative.objects.filter(complaint__number=number).first()


# --- filing -----------------------------------------------------------------------------------


def test_the_filing_form_offers_the_box_with_its_explanation_in_portuguese(procon, consumer):
    page = logged_in_client(consumer, procon.host).get("/reclamar/")
    html = page.content.decode()
    box = html.split('data-testid="field-publish_narrative"')[1].split("</div>\n</div>")[0]
    assert 'type="checkbox" name="publish_narrative"' in box
    assert "checked" not in box.split("<label")[0]
    # Through i18n: the Portuguese sentences once the lead's catalogue has them.
    assert "moderação" in box or "moderation" in box


def test_filing_with_the_box_ticked_leaves_the_narrative_awaiting_moderation(
    procon, consumer, company
):
    client = logged_in_client(consumer, procon.host)
    response = client.post(
        "/reclamar/", filing_form(procon, company, facts=FACTS, publish_narrative="on")
    )
    assert response.status_code == 302
    number = response["Location"].split("/")[2]
    found = _narrative_or_none(procon, number)
    assert found is not None and found.status == NarrativeStatus.PENDING
    assert "529.982.247-25" not in found.text and "[CPF]" in found.text
    assert public_copy(procon, number) is None  # nothing public before moderation
    # The complaint's page shows the panel with the status and the link to the narrative page.
    detail = client.get(f"/reclamacoes/{number}/").content.decode()
    panel = detail.split('data-testid="narrative-panel"')[1].split("</section>")[0]
    assert 'data-status="pending"' in detail
    assert f'href="/reclamacoes/{number}/relato/"' in panel


def test_filing_without_the_box_creates_no_narrative(procon, consumer, company):
    client = logged_in_client(consumer, procon.host)
    response = client.post("/reclamar/", filing_form(procon, company))
    assert response.status_code == 302
    number = response["Location"].split("/")[2]
    assert _narrative_or_none(procon, number) is None


def test_the_counter_form_never_offers_the_box(procon):
    with tenant_context(procon):
        assert "publish_narrative" not in CounterComplaintForm().fields


# --- the consumer's page ----------------------------------------------------------------------


def test_the_consumer_consents_later_from_the_page(procon, attendant, consumer, company):
    number = _case(procon, attendant, consumer, company)
    client = logged_in_client(consumer, procon.host)
    # given: no consent, the page explains and offers it
    page = _page(client, number)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="narrative-status" data-status="none"' in html
    assert 'data-testid="narrative-consent"' in html
    assert 'data-testid="narrative-withdraw"' not in html
    # when
    response = client.post(f"/reclamacoes/{number}/relato/", {"action": "consent"}, follow=True)
    # then: PRG back to the page, with a message, the scrubbed text and its marks explained
    assert response.redirect_chain == [(f"/reclamacoes/{number}/relato/", 302)]
    html = response.content.decode()
    assert 'data-testid="narrative-status" data-status="pending"' in html
    assert 'class="message message-success"' in html or "message-success" in html
    text = html.split('data-testid="narrative-text"')[1].split("</div>")[0]
    assert "529.982.247-25" not in text and "Joana" not in text
    assert '<mark class="redaction" data-testid="redaction">[CPF]</mark>' in text
    legend = html.split('data-testid="placeholder-legend"')[1].split("</ul>")[0]
    assert 'data-placeholder="[CPF]"' in legend and 'data-placeholder="[NOME]"' in legend
    assert 'data-testid="narrative-consent"' not in html
    assert 'data-testid="narrative-withdraw"' in html
    assert narrative(procon, number).status == NarrativeStatus.PENDING


def test_withdrawing_from_the_page_takes_the_published_copy_down(
    procon, attendant, consumer, company
):
    number = published(procon, attendant, consumer, company)
    assert public_copy(procon, number) is not None
    client = logged_in_client(consumer, procon.host)
    html = _page(client, number).content.decode()
    assert 'data-testid="narrative-status" data-status="published"' in html
    assert 'data-testid="narrative-published-at"' in html
    response = client.post(f"/reclamacoes/{number}/relato/", {"action": "withdraw"}, follow=True)
    assert response.redirect_chain == [(f"/reclamacoes/{number}/relato/", 302)]
    html = response.content.decode()
    assert 'data-testid="narrative-status" data-status="withdrawn"' in html
    assert 'data-testid="narrative-text"' not in html
    assert public_copy(procon, number) is None
    found = narrative(procon, number)
    assert found.status == NarrativeStatus.WITHDRAWN and found.text == ""
    # Still open: the consumer may agree again.
    assert 'data-testid="narrative-consent"' in html


def test_the_page_shows_the_companys_public_response_once_published(
    procon, attendant, consumer, company, agent
):
    number = published(procon, attendant, consumer, company)
    with tenant_context(procon):
        complaint = Complaint.objects.get(number=number)
        do_respond(
            complaint, actor=agent, kind=ResponseKind.ISOLATED_ERROR, text="Pedimos desculpas."
        )
    html = _page(logged_in_client(consumer, procon.host), number).content.decode()
    section = html.split('data-testid="narrative-response"')[1].split("</section>")[0]
    assert 'data-kind="isolated_error"' in section
    # The company's words are shown only once the Procon approved them.
    assert "Pedimos desculpas." not in section


def test_a_refused_narrative_shows_the_reason_and_no_consent_form(
    procon, attendant, consumer, company
):
    number = pending(procon, attendant, consumer, company)
    with tenant_context(procon):
        do_refuse(
            Narrative.objects.get(complaint__number=number),
            actor=attendant,
            reason="O relato identifica terceiros.",
        )
    client = logged_in_client(consumer, procon.host)
    html = _page(client, number).content.decode()
    assert 'data-status="refused"' in html
    assert "O relato identifica terceiros." in html
    assert 'data-testid="narrative-consent"' not in html
    # Consenting again is refused with the domain's message.
    response = client.post(f"/reclamacoes/{number}/relato/", {"action": "consent"})
    assert response.status_code == 409
    assert 'data-testid="narrative-error"' in response.content.decode()


def test_a_closed_case_refuses_consent_with_the_portuguese_message(
    procon, attendant, consumer, company
):
    number = _case(procon, attendant, consumer, company)
    with tenant_context(procon):
        do_withdraw_complaint(Complaint.objects.get(number=number), actor=consumer)
    client = logged_in_client(consumer, procon.host, HTTP_ACCEPT_LANGUAGE="pt-br")
    html = _page(client, number).content.decode()
    assert 'data-testid="narrative-consent"' not in html
    assert 'data-testid="narrative-closed"' in html
    response = client.post(f"/reclamacoes/{number}/relato/", {"action": "consent"})
    assert response.status_code == 409
    error = response.content.decode().split('data-testid="narrative-error"')[1].split("</div>")[0]
    assert "encerrada" in error
    assert _narrative_or_none(procon, number) is None


def test_an_unknown_action_is_a_400_with_a_message(procon, attendant, consumer, company):
    number = _case(procon, attendant, consumer, company)
    client = logged_in_client(consumer, procon.host)
    response = client.post(f"/reclamacoes/{number}/relato/", {"action": "publish-now"})
    assert response.status_code == 400
    assert 'data-testid="narrative-error"' in response.content.decode()
    assert _narrative_or_none(procon, number) is None


# --- who may see it ---------------------------------------------------------------------------


def test_staff_read_the_page_without_forms_and_with_the_moderation_link(
    procon, attendant, consumer, company
):
    number = pending(procon, attendant, consumer, company)
    client = logged_in_client(attendant, procon.host)
    html = _page(client, number).content.decode()
    assert 'data-status="pending"' in html
    assert f'href="/relatos/{number}/"' in html
    assert 'data-testid="narrative-consent"' not in html
    assert 'data-testid="narrative-withdraw"' not in html
    # They cannot act on it.
    assert client.post(f"/reclamacoes/{number}/relato/", {"action": "withdraw"}).status_code == 404
    assert narrative(procon, number).status == NarrativeStatus.PENDING
    # The complaint's page shows them the status and the moderation link.
    detail = client.get(f"/reclamacoes/{number}/").content.decode()
    panel = detail.split('data-testid="narrative-panel"')[1].split("</section>")[0]
    assert f'href="/relatos/{number}/"' in panel


def test_a_conciliator_reads_the_status_without_the_moderation_link(
    procon, attendant, consumer, company
):
    number = pending(procon, attendant, consumer, company)
    html = _page(logged_in_client(staff(procon, "conciliator"), procon.host), number)
    assert html.status_code == 200
    assert f'href="/relatos/{number}/"' not in html.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_anyone_else_gets_404_or_the_login_page(
    procon, other_procon, attendant, consumer, company, agent, method
):
    number = pending(procon, attendant, consumer, company)
    path = f"/reclamacoes/{number}/relato/"
    data = {"action": "withdraw"} if method == "post" else None
    others = [
        logged_in_client(ConsumerFactory(), procon.host),
        logged_in_client(agent, procon.host),
        logged_in_client(staff(other_procon, "attendant"), procon.host),
    ]
    for client in others:
        assert getattr(client, method)(path, data).status_code == 404
    anonymous = getattr(Client(HTTP_HOST=procon.host), method)(path, data)
    assert anonymous.status_code == 302
    assert f"next={path}" in anonymous["Location"].replace("%2F", "/")
    assert narrative(procon, number).status == NarrativeStatus.PENDING


def test_no_panel_for_a_case_without_consent_for_staff_nor_for_the_company(
    procon, attendant, consumer, company, agent
):
    number = _case(procon, attendant, consumer, company)
    for user in (attendant, agent):
        page = logged_in_client(user, procon.host).get(f"/reclamacoes/{number}/")
        assert 'data-testid="narrative-panel"' not in page.content.decode()


# --- the data export --------------------------------------------------------------------------


def test_the_data_export_shows_the_consent_and_never_a_withdrawn_text(
    procon, attendant, consumer, company
):
    live = pending(procon, attendant, consumer, company)
    gone = published(procon, attendant, consumer, company)
    with tenant_context(procon):
        do_withdraw(Complaint.objects.get(number=gone), actor=consumer)
        rows = {
            row["number"]: row["narrative"]
            for row in complaints_for_export(user=consumer, numbers=[live, gone])
        }
    assert rows[live]["status"] == "pending" and rows[live]["consented_at"]
    assert "[CPF]" in rows[live]["text"]
    assert rows[gone]["status"] == "withdrawn"
    assert rows[gone]["withdrawn_at"] and rows[gone]["text"] == ""
    assert rows[gone]["published_at"] is None
