"""The Procon administrator's settings pages on the Procon's host."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenants.configuration.actions import do_add_holiday
from tenants.configuration.models import Holiday
from tenants.configuration.selectors import get_procon_settings
from tests.conftest import host_client

pytestmark = pytest.mark.django_db

PAGES = [
    "/configuracoes/",
    "/configuracoes/comunicacao/",
    "/configuracoes/feriados/",
    "/configuracoes/catalogo/",
    "/configuracoes/catalogo/assuntos/novo/",
    "/configuracoes/catalogo/problemas/novo/",
]

VALID_SETTINGS = {
    "contact_email": "atendimento@santos.test",
    "phone": "(13) 3201-5000",
    "address": "Rua Dr. Lobo Viana, 56",
    "opening_hours": "Seg a sex, 9h às 17h",
    "cip_deadline_business_days": "12",
    "rating_window_days": "25",
    "extend_calendar_deadlines_to_business_day": "on",
}


@pytest.mark.parametrize("path", PAGES)
def test_the_procon_administrator_sees_every_page(santos_admin_client, path: str) -> None:
    response = santos_admin_client.get(path)
    assert response.status_code == 200
    assert b'data-testid="settings-nav"' in response.content


@pytest.mark.parametrize("path", PAGES)
def test_an_attendant_gets_404(santos_attendant_client, path: str) -> None:
    assert santos_attendant_client.get(path).status_code == 404


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_users_go_to_the_login_page(procon_client, path: str) -> None:
    response = procon_client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/entrar/")


def test_santos_administrator_gets_404_on_campinas(santos_admin_on_campinas_client) -> None:
    assert santos_admin_on_campinas_client.get("/configuracoes/").status_code == 404


def test_the_home_page_links_to_the_settings_only_for_the_administrator(
    santos_admin_client, santos_attendant_client, procon_client
) -> None:
    assert b'data-testid="settings-link"' in santos_admin_client.get("/").content
    assert b'data-testid="settings-link"' not in santos_attendant_client.get("/").content
    assert b'data-testid="settings-link"' not in procon_client.get("/").content


def test_the_administrator_of_santos_edits_santos_and_campinas_is_untouched(
    santos_admin_client, procon, other_procon
) -> None:
    # when
    response = santos_admin_client.post("/configuracoes/", VALID_SETTINGS)
    # then
    assert response.status_code == 302
    with tenant_context(procon):
        santos = get_procon_settings()
    with tenant_context(other_procon):
        campinas = get_procon_settings()
    assert (santos.cip_deadline_business_days, santos.rating_window_days) == (12, 25)
    assert santos.phone == "(13) 3201-5000"
    assert (campinas.cip_deadline_business_days, campinas.rating_window_days) == (10, 20)
    assert campinas.phone == ""


def test_unticking_the_extension_turns_it_off(santos_admin_client, procon) -> None:
    data = {
        k: v for k, v in VALID_SETTINGS.items() if k != "extend_calendar_deadlines_to_business_day"
    }
    assert santos_admin_client.post("/configuracoes/", data).status_code == 302
    with tenant_context(procon):
        assert get_procon_settings().extend_calendar_deadlines_to_business_day is False


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cip_deadline_business_days", "0"),
        ("rating_window_days", "0"),
        ("cip_deadline_business_days", "-3"),
        ("contact_email", "não-é-email"),
    ],
)
def test_bad_settings_show_the_field_error(
    santos_admin_client, procon, field: str, value: str
) -> None:
    response = santos_admin_client.post("/configuracoes/", {**VALID_SETTINGS, field: value})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert b'data-testid="form-errors"' in response.content
    with tenant_context(procon):
        assert get_procon_settings().cip_deadline_business_days == 10


def _save_communication(client, sender: str, room_url: str, minutes: str, **more: str):  # type: ignore[no-untyped-def]
    """Posts the communication page's form: the e-mails' sender, the hearings' rooms and length,
    the hearing day and notice as they come (or `more`)."""
    return client.post(
        "/configuracoes/comunicacao/",
        {
            "email_sender_name": sender,
            "hearing_room_base_url": room_url,
            "hearing_duration_minutes": minutes,
            "hearing_day_starts_at": "09:00",
            "hearing_day_ends_at": "17:00",
            "hearing_min_notice_hours": "48",
            "consumer_absence_archives": "on",
            **more,
        },
    )


def test_the_communication_page_saves_the_sender_and_the_hearing_provider(
    santos_admin_client, procon
) -> None:
    response = _save_communication(
        santos_admin_client, "Procon Santos", "https://salas.santos.sp.gov.br/", "45"
    )
    assert response.status_code == 302
    with tenant_context(procon):
        row = get_procon_settings()
    assert row.email_sender_name == "Procon Santos"
    assert row.hearing_room_base_url == "https://salas.santos.sp.gov.br/"
    assert row.hearing_duration_minutes == 45


def test_an_insecure_hearing_provider_is_refused(santos_admin_client) -> None:
    response = _save_communication(santos_admin_client, "", "http://meet.jit.si/", "0")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {
        "hearing_room_base_url",
        "hearing_duration_minutes",
    }


def test_the_hearing_day_text_senders_and_notice_are_saved(santos_admin_client, procon) -> None:
    response = _save_communication(
        santos_admin_client,
        "",
        "https://meet.jit.si/",
        "30",
        hearing_day_starts_at="08:30",
        hearing_day_ends_at="16:00",
        hearing_min_notice_hours="72",
        consumer_absence_archives="",
        sms_sender="ProconSTS",
        whatsapp_sender="+5513999990000",
    )

    assert response.status_code == 302
    with tenant_context(procon):
        row = get_procon_settings()
    assert (row.hearing_day_starts_at.isoformat(), row.hearing_day_ends_at.isoformat()) == (
        "08:30:00",
        "16:00:00",
    )
    assert (row.hearing_min_notice_hours, row.consumer_absence_archives) == (72, False)
    assert (row.sms_sender, row.whatsapp_sender) == ("ProconSTS", "+5513999990000")


def test_a_hearing_day_that_ends_before_it_starts_and_bad_senders_are_refused_by_field(
    santos_admin_client,
) -> None:
    response = _save_communication(
        santos_admin_client,
        "",
        "https://meet.jit.si/",
        "30",
        hearing_day_starts_at="17:00",
        hearing_day_ends_at="09:00",
        sms_sender="Procon Santos",
        whatsapp_sender="13 99999-0000",
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"hearing_day_ends_at", "sms_sender", "whatsapp_sender"}
    page = response.content.decode()
    assert "O fim do dia de audiências deve vir depois do início." in page


def _future(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_the_administrator_adds_and_removes_a_holiday(santos_admin_client, procon, other_procon):
    # when
    response = santos_admin_client.post(
        "/configuracoes/feriados/", {"date": _future(30), "name": "Aniversário de Santos"}
    )
    # then
    assert response.status_code == 302
    with tenant_context(procon):
        holiday = Holiday.objects.get()
    with tenant_context(other_procon):
        assert not Holiday.objects.exists()
    page = santos_admin_client.get("/configuracoes/feriados/").content.decode()
    assert f'data-testid="holiday-{holiday.pk}"' in page
    # and when it is removed
    response = santos_admin_client.post(f"/configuracoes/feriados/{holiday.pk}/remover/")
    assert response.status_code == 302
    with tenant_context(procon):
        assert not Holiday.objects.exists()


@pytest.mark.parametrize("kind", ["duplicate", "past", "empty"])
def test_a_bad_holiday_shows_the_date_error(santos_admin_client, procon, kind: str) -> None:
    with tenant_context(procon):
        do_add_holiday(day=timezone.localdate() + timedelta(days=30), name="Aniversário")
    day = {"duplicate": _future(30), "past": _future(-2), "empty": ""}[kind]
    response = santos_admin_client.post("/configuracoes/feriados/", {"date": day, "name": "X"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["date"]
    with tenant_context(procon):
        assert Holiday.objects.count() == 1


def test_another_procons_holiday_cannot_be_removed(santos_admin_client, other_procon) -> None:
    with tenant_context(other_procon):
        campinas_holiday = do_add_holiday(day=timezone.localdate() + timedelta(days=9), name="C")
    response = santos_admin_client.post(f"/configuracoes/feriados/{campinas_holiday.pk}/remover/")
    assert response.status_code == 404
    with tenant_context(other_procon):
        assert Holiday.objects.filter(pk=campinas_holiday.pk).exists()


def test_removing_a_holiday_needs_a_post(santos_admin_client) -> None:
    assert santos_admin_client.get("/configuracoes/feriados/1/remover/").status_code == 405


def test_the_settings_pages_fit_a_phone(santos_admin_client) -> None:
    page = santos_admin_client.get("/configuracoes/feriados/").content.decode()
    assert 'name="viewport"' in page
    assert 'type="date"' in page
    assert 'for="id_date"' in page


def test_a_signed_out_post_changes_nothing(procon, other_procon) -> None:
    client = host_client(procon.host)
    response = client.post("/configuracoes/", {**VALID_SETTINGS, "cip_deadline_business_days": "3"})
    assert response.status_code == 302
    with tenant_context(procon):
        assert get_procon_settings().cip_deadline_business_days == 10
