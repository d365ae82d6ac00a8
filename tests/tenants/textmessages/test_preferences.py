"""The consumer's opt-in and opt-out per channel: the account's page, the complaint's page and
GET/PUT /api/v1/me/text-messages/, on a Procon's host and the platform's."""

import pytest
from django.utils import timezone

from shared.accounts.models import User
from tests.factories import ConsumerFactory
from tests.tenants.complaints.factories import file_complaint

pytestmark = pytest.mark.django_db

API = "/api/v1/me/text-messages/"


def test_the_api_opts_in_with_a_brazilian_number_and_records_when(procon_client) -> None:
    consumer = ConsumerFactory()
    procon_client.force_login(consumer)
    before = timezone.now()

    response = procon_client.put(
        API,
        {"phone": "(13) 99123-4567", "sms": True, "whatsapp": False},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["offered"], body["phone"], body["sms"], body["whatsapp"]) == (
        True,
        "+5513991234567",
        True,
        False,
    )
    consumer.refresh_from_db()
    assert consumer.sms_opt_in_at >= before
    assert consumer.whatsapp_opt_in_at is None
    assert procon_client.get(API).json() == body


def test_an_opt_in_keeps_its_time_until_the_number_changes(public_client) -> None:
    consumer = ConsumerFactory()
    public_client.force_login(consumer)
    first = public_client.put(
        API, {"phone": "+5513991234567", "sms": True, "whatsapp": True}, "application/json"
    ).json()

    again = public_client.put(
        API, {"phone": "+55 13 99123-4567", "sms": True, "whatsapp": True}, "application/json"
    ).json()
    assert again["sms_opted_in_at"] == first["sms_opted_in_at"]

    moved = public_client.put(
        API, {"phone": "+5511988887777", "sms": True, "whatsapp": False}, "application/json"
    ).json()
    assert moved["sms_opted_in_at"] > first["sms_opted_in_at"]
    assert (moved["whatsapp"], moved["whatsapp_opted_in_at"]) == (False, None)


@pytest.mark.parametrize(
    ("phone", "field", "code"),
    [
        ("12345", "phone", "text_phone_invalid"),
        ("+55 13 abc", "phone", "text_phone_invalid"),
        ("", "phone", "text_phone_required"),
    ],
)
def test_a_bad_or_missing_number_is_refused_naming_the_field(
    procon_client, phone: str, field: str, code: str
) -> None:
    consumer = ConsumerFactory()
    procon_client.force_login(consumer)

    response = procon_client.put(
        API, {"phone": phone, "sms": True, "whatsapp": False}, "application/json"
    )

    assert response.status_code == 400
    assert field in response.content.decode()
    consumer.refresh_from_db()
    assert consumer.sms_opt_in_at is None


def test_opting_out_of_everything_keeps_no_channel(procon_client) -> None:
    consumer = ConsumerFactory()
    procon_client.force_login(consumer)
    procon_client.put(
        API, {"phone": "+5513991234567", "sms": True, "whatsapp": True}, "application/json"
    )

    body = procon_client.put(
        API, {"phone": "", "sms": False, "whatsapp": False}, "application/json"
    ).json()

    assert (body["sms"], body["whatsapp"], body["phone"]) == (False, False, "")
    consumer = User.objects.get(pk=consumer.pk)
    assert (consumer.sms_opt_in_at, consumer.whatsapp_opt_in_at) == (None, None)


def test_the_api_needs_a_login(procon_client) -> None:
    assert procon_client.get(API).status_code in (401, 403)
    assert procon_client.put(API, {}, "application/json").status_code in (401, 403)


def test_without_a_provider_nobody_can_opt_in(procon_client, settings) -> None:
    settings.TEXT_MESSAGE_PROVIDER = ""
    consumer = ConsumerFactory()
    procon_client.force_login(consumer)

    response = procon_client.put(
        API, {"phone": "+5513991234567", "sms": True, "whatsapp": False}, "application/json"
    )

    assert response.status_code == 400
    assert procon_client.get(API).json()["offered"] is False


def test_the_account_page_links_to_the_choice_and_the_page_saves_it(procon_client) -> None:
    consumer = ConsumerFactory()
    procon_client.force_login(consumer)
    account = procon_client.get("/conta/meus-dados/").content.decode()
    assert 'href="/conta/mensagens/"' in account

    page = procon_client.get("/conta/mensagens/")
    assert page.status_code == 200
    assert 'data-testid="text-messages-form"' in page.content.decode()

    response = procon_client.post(
        "/conta/mensagens/", {"phone": "(13) 99123-4567", "sms": "on", "whatsapp": ""}
    )

    assert response.status_code == 302
    consumer.refresh_from_db()
    assert (consumer.text_phone, consumer.sms_opt_in_at is not None) == ("+5513991234567", True)
    assert consumer.whatsapp_opt_in_at is None


def test_the_page_shows_a_bad_number_next_to_its_field(procon_client) -> None:
    procon_client.force_login(ConsumerFactory())

    response = procon_client.post("/conta/mensagens/", {"phone": "123", "sms": "on"})

    assert response.status_code == 400
    assert 'class="field-error"' in response.content.decode()


def test_the_complaint_page_offers_text_messages_and_comes_back_after(
    santos, procon_client
) -> None:
    # given a consumer's complaint
    complaint = file_complaint()
    consumer = complaint.consumer
    procon_client.force_login(consumer)
    case = f"/reclamacoes/{complaint.number}/"

    # then their case page offers text messages, coming back to the case
    page = procon_client.get(case).content.decode()
    assert 'data-testid="text-messages-opt-in"' in page
    assert f'href="/conta/mensagens/?next={case}"' in page.replace("%2F", "/")

    # when they turn SMS on from there
    response = procon_client.post(
        "/conta/mensagens/", {"phone": "13991234567", "sms": "on", "next": case}
    )

    # then they are back on the case, which says so (the number partly hidden)
    assert response.status_code == 302
    assert response["Location"] == case
    page = procon_client.get(case).content.decode()
    assert 'data-testid="text-messages-on"' in page
    assert "+5513•••••4567" in page
    assert "+5513991234567" not in page


def test_the_page_refuses_to_send_the_consumer_elsewhere(procon_client) -> None:
    procon_client.force_login(ConsumerFactory())

    response = procon_client.post(
        "/conta/mensagens/",
        {"phone": "13991234567", "sms": "on", "next": "https://evil.example/"},
    )

    assert response["Location"] == "/conta/mensagens/"


def test_staff_see_no_text_message_offer_on_a_case(santos, procon_client, attendant) -> None:
    complaint = file_complaint()
    procon_client.force_login(attendant)

    page = procon_client.get(f"/reclamacoes/{complaint.number}/").content.decode()

    assert "text-messages-offer" not in page
