"""The moderators' pages (/relatos/): the queue oldest first, one narrative beside the original
facts with the placeholders marked, approval as scrubbed or edited, refusal with a reason the
consumer reads, taking a published one down, the company's words, and everyone else kept out."""

import re

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from shared.narratives.responses import ResponseKind
from shared.notifications.models import OutboundEmail
from tenants.narratives.models import Narrative, NarrativeStatus, ResponseTextStatus
from tests.factories import ConsumerFactory, staff
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import at_cip_sent, file_complaint
from tests.tenants.narratives.factories import (
    FACTS,
    company_words,
    narrative,
    outsiders,
    pending,
    public_copy,
    published,
)

pytestmark = pytest.mark.django_db


def rows(html: str, testid: str) -> list[str]:
    return re.findall(rf'data-testid="{testid}" data-number="([^"]+)"', html)


def test_the_queue_lists_pending_narratives_oldest_first_and_not_the_others(
    procon, attendant, consumer, company
) -> None:
    # given
    first = pending(procon, attendant, consumer, company)
    second = pending(procon, attendant, ConsumerFactory(), company)
    done = published(procon, attendant, ConsumerFactory(), company)
    with tenant_context(procon):
        silent = at_cip_sent(attendant, company=company).number
    # when
    page = logged_in_client(attendant, procon.host).get("/relatos/")
    # then
    assert page.status_code == 200
    html = page.content.decode()
    assert rows(html, "narrative-row") == [first, second]
    assert silent not in html
    # The decided one is among the recently moderated, not in the queue.
    assert rows(html, "recent-row") == [done]
    # Each row says how many data the scrub replaced, by kind.
    row = html.split(f'data-number="{first}"')[1].split("</tr>")[0]
    assert 'data-placeholder="[CPF]">[CPF] × 1' in row
    assert 'data-placeholder="[TELEFONE]">[TELEFONE] × 1' in row
    assert f'href="/relatos/{first}/"' in row


def test_the_headings_count_in_portuguese_and_say_so_when_nothing_waits(
    procon, attendant, consumer, company
) -> None:
    empty = logged_in_client(attendant, procon.host).get("/relatos/").content.decode()
    assert "Relatos aguardando moderação</h2>" in empty
    assert "Textos públicos de empresas aguardando moderação</h2>" in empty
    assert "0 relato" not in empty and "0 resposta" not in empty
    pending(procon, attendant, consumer, company)
    pending(procon, attendant, ConsumerFactory(), company)
    two = logged_in_client(attendant, procon.host).get("/relatos/").content.decode()
    assert "2 relatos aguardando moderação</h2>" in two


def test_the_narrative_page_shows_the_original_beside_the_marked_scrub(
    procon, attendant, consumer, company
) -> None:
    number = pending(procon, attendant, consumer, company)
    page = logged_in_client(attendant, procon.host).get(f"/relatos/{number}/")
    html = page.content.decode()
    assert page.status_code == 200
    original = html.split('data-testid="complaint-facts"')[1].split("</div>")[0]
    assert "529.982.247-25" in original  # the staff see what the consumer wrote
    scrubbed = html.split('data-testid="scrubbed-text"')[1].split("</div>")[0]
    assert '<mark class="redaction" data-testid="redaction">[CPF]</mark>' in scrubbed
    assert '<mark class="redaction" data-testid="redaction">[TELEFONE]</mark>' in scrubbed
    assert "529.982.247-25" not in scrubbed and "Joana" not in scrubbed
    # The textarea holds the text to publish; the case's page is one click away.
    assert narrative(procon, number).text.split(".")[0] in html.split('name="text"')[1]
    assert f'href="/reclamacoes/{number}/"' in html


def test_approving_as_scrubbed_publishes_and_tells_the_consumer(
    procon, attendant, consumer, company
) -> None:
    number = pending(procon, attendant, consumer, company)
    text = narrative(procon, number).text
    client = logged_in_client(attendant, procon.host)
    # A browser posts the textarea's lines with CRLF: published as they were.
    response = client.post(
        f"/relatos/{number}/aprovar/", {"text": text.replace("\n", "\r\n")}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/relatos/{number}/"
    assert 'data-testid="narrative-status" data-status="published"' in response.content.decode()
    assert public_copy(procon, number).text == text
    assert OutboundEmail.objects.filter(key__startswith=f"narrative:{number}:published").exists()
    assert number not in rows(client.get("/relatos/").content.decode(), "narrative-row")


def test_approving_an_edit_publishes_the_edited_text(procon, attendant, consumer, company) -> None:
    number = pending(procon, attendant, consumer, company)
    edited = narrative(procon, number).text.replace("geladeira", "geladeira (modelo X)")
    client = logged_in_client(attendant, procon.host)
    response = client.post(f"/relatos/{number}/aprovar/", {"text": edited})
    assert response.status_code == 302
    assert public_copy(procon, number).text == edited
    stored = narrative(procon, number)
    assert stored.text == edited and stored.moderated_by_id == attendant.pk
    # The page shows it as published, apart from the automatic scrub.
    html = client.get(f"/relatos/{number}/").content.decode()
    assert "geladeira (modelo X)" in html.split('data-testid="current-text"')[1]


def test_approving_an_empty_text_is_refused_on_the_field(
    procon, attendant, consumer, company
) -> None:
    number = pending(procon, attendant, consumer, company)
    response = logged_in_client(attendant, procon.host).post(
        f"/relatos/{number}/aprovar/", {"text": "   "}
    )
    assert response.status_code == 400
    field = response.content.decode().split('data-testid="field-text"')[1].split("</div>\n")[0]
    assert "Escreva o texto a publicar, ou recuse-o com um motivo." in field
    assert public_copy(procon, number) is None


def test_refusing_without_a_reason_names_the_field(procon, attendant, consumer, company) -> None:
    number = pending(procon, attendant, consumer, company)
    response = logged_in_client(attendant, procon.host).post(
        f"/relatos/{number}/recusar/", {"reason": "  "}
    )
    assert response.status_code == 400
    html = response.content.decode()
    field = html.split('data-testid="field-reason"')[1].split("</div>\n")[0]
    assert "Diga o motivo, para quem vai lê-lo." in field
    assert narrative(procon, number).status == NarrativeStatus.PENDING


def test_refusing_with_a_reason_tells_the_consumer(procon, attendant, consumer, company) -> None:
    number = pending(procon, attendant, consumer, company)
    response = logged_in_client(attendant, procon.host).post(
        f"/relatos/{number}/recusar/",
        {"reason": "O relato identifica um funcionário da loja."},
        follow=True,
    )
    html = response.content.decode()
    assert 'data-status="refused"' in html
    assert "O relato identifica um funcionário da loja." in html
    assert narrative(procon, number).status == NarrativeStatus.REFUSED
    email = OutboundEmail.objects.get(key__startswith=f"narrative:{number}:refused")
    assert email.to == [consumer.email]
    assert "O relato identifica um funcionário da loja." in email.body
    # A refused narrative offers no more decisions.
    assert 'data-testid="moderation-forms"' not in html


def test_a_published_narrative_is_taken_down(procon, attendant, consumer, company) -> None:
    number = published(procon, attendant, consumer, company)
    assert public_copy(procon, number) is not None
    client = logged_in_client(attendant, procon.host)
    assert 'data-testid="refuse-form"' in client.get(f"/relatos/{number}/").content.decode()
    response = client.post(f"/relatos/{number}/recusar/", {"reason": "Expõe um terceiro."})
    assert response.status_code == 302
    assert public_copy(procon, number) is None
    assert narrative(procon, number).status == NarrativeStatus.REFUSED


def test_an_administrator_moderates_too(procon, attendant, consumer, company) -> None:
    number = pending(procon, attendant, consumer, company)
    admin = staff(procon, "tenant_admin")
    client = logged_in_client(admin, procon.host)
    assert 'data-testid="nav-narratives"' in client.get("/relatos/").content.decode()
    text = narrative(procon, number).text
    assert client.post(f"/relatos/{number}/aprovar/", {"text": text}).status_code == 302
    assert public_copy(procon, number).text == text


def test_an_untriaged_complaint_cannot_be_approved(procon, attendant, consumer, company) -> None:
    with tenant_context(procon):
        number = file_complaint(
            consumer=consumer, company=company, facts=FACTS, publish_narrative=True
        ).number
    client = logged_in_client(attendant, procon.host)
    assert number in rows(client.get("/relatos/").content.decode(), "narrative-row")
    response = client.post(f"/relatos/{number}/aprovar/", {"text": narrative(procon, number).text})
    assert response.status_code == 409
    errors = response.content.decode().split('data-testid="approve-errors"')[1].split("</div>")[0]
    assert "ainda não passou pela triagem" in errors
    assert public_copy(procon, number) is None
    assert narrative(procon, number).status == NarrativeStatus.PENDING


def test_html_in_the_facts_is_shown_as_text(procon, attendant, consumer, company) -> None:
    facts = 'A loja disse <script>alert("x")</script> e <b>nada</b> mais; CPF 529.982.247-25.'
    number = pending(procon, attendant, consumer, company, facts=facts)
    html = logged_in_client(attendant, procon.host).get(f"/relatos/{number}/").content.decode()
    assert "<script>alert" not in html and "<b>nada</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    scrubbed = html.split('data-testid="scrubbed-text"')[1].split("</div>")[0]
    assert "&lt;b&gt;nada&lt;/b&gt;" in scrubbed and "<mark" in scrubbed


def test_the_company_words_are_approved_as_edited(
    procon, attendant, consumer, company, agent
) -> None:
    number = company_words(
        procon, attendant, consumer, company, agent, "Pedimos desculpas à Joana <b>Lemos</b>."
    )
    client = logged_in_client(attendant, procon.host)
    assert rows(client.get("/relatos/").content.decode(), "response-row") == [number]
    page = client.get(f"/relatos/{number}/resposta/").content.decode()
    assert 'data-kind="isolated_error"' in page
    assert "Joana &lt;b&gt;Lemos&lt;/b&gt;" in page.split('data-testid="response-text"')[1]
    assert '<mark class="redaction" data-testid="redaction">[NOME]</mark>' in page
    response = client.post(
        f"/relatos/{number}/resposta/aprovar/", {"text": "Pedimos desculpas e trocamos."}
    )
    assert response.status_code == 302
    copy = public_copy(procon, number)
    assert copy.response_kind == ResponseKind.ISOLATED_ERROR
    assert copy.response_text == "Pedimos desculpas e trocamos."
    assert OutboundEmail.objects.get(key__startswith=f"narrative:{number}:response").to == [
        agent.email
    ]
    assert rows(client.get("/relatos/").content.decode(), "response-row") == []


def test_the_company_words_are_refused_with_a_reason(
    procon, attendant, consumer, company, agent
) -> None:
    number = company_words(procon, attendant, consumer, company, agent, "A consumidora mente.")
    client = logged_in_client(attendant, procon.host)
    empty = client.post(f"/relatos/{number}/resposta/recusar/", {"reason": ""})
    assert empty.status_code == 400
    assert "Diga o motivo, para quem vai lê-lo." in empty.content.decode()
    response = client.post(
        f"/relatos/{number}/resposta/recusar/", {"reason": "Ataca a consumidora."}
    )
    assert response.status_code == 302
    with tenant_context(procon):
        stored = Narrative.objects.get(complaint__number=number).complaint.public_response
    assert stored.text_status == ResponseTextStatus.REFUSED
    copy = public_copy(procon, number)
    assert (copy.response_kind, copy.response_text) == (ResponseKind.ISOLATED_ERROR, "")
    email = OutboundEmail.objects.get(key__startswith=f"narrative:{number}:response")
    assert "Ataca a consumidora." in email.body


@pytest.mark.parametrize("who", ["conciliator", "inspector", "agent", "consumer", "anonymous"])
def test_others_neither_see_nor_act(
    who, procon, attendant, consumer, company, agent, conciliator
) -> None:
    number = company_words(procon, attendant, consumer, company, agent, "Nossas palavras.")
    user = outsiders(procon, conciliator=conciliator, agent=agent, consumer=consumer).get(who)
    client = logged_in_client(user, procon.host) if user else Client(HTTP_HOST=procon.host)
    expected = 302 if user is None else 404
    for path in ("/relatos/", f"/relatos/{number}/", f"/relatos/{number}/resposta/"):
        assert client.get(path).status_code == expected, path
    for path, data in (
        (f"/relatos/{number}/aprovar/", {"text": "Outro texto."}),
        (f"/relatos/{number}/recusar/", {"reason": "Motivo."}),
        (f"/relatos/{number}/resposta/aprovar/", {"text": "Outro texto."}),
        (f"/relatos/{number}/resposta/recusar/", {"reason": "Motivo."}),
    ):
        assert client.post(path, data).status_code == expected, path
    assert public_copy(procon, number).text == narrative(procon, number).scrubbed_text
    assert narrative(procon, number).status == NarrativeStatus.PUBLISHED
    if user is not None:
        assert 'data-testid="nav-narratives"' not in client.get("/").content.decode()


def test_staff_of_another_procon_get_404(procon, other_procon, attendant, consumer, company):
    number = pending(procon, attendant, consumer, company)
    elsewhere = staff(other_procon, "attendant")
    # On Santos's host they hold no role; on their own host the number is not theirs.
    assert logged_in_client(elsewhere, procon.host).get("/relatos/").status_code == 404
    own = logged_in_client(elsewhere, other_procon.host)
    assert own.get("/relatos/").status_code == 200
    assert own.get(f"/relatos/{number}/").status_code == 404
    assert own.post(f"/relatos/{number}/recusar/", {"reason": "x"}).status_code == 404
    assert narrative(procon, number).status == NarrativeStatus.PENDING
