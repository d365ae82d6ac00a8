"""The settings and holidays API on the Procon's host (Procon administrators only)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenants.configuration.actions import do_add_holiday
from tenants.configuration.models import Holiday
from tenants.configuration.selectors import get_procon_settings

pytestmark = pytest.mark.django_db


def _future(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_the_administrator_reads_the_settings(santos_admin_client) -> None:
    body = santos_admin_client.get("/api/v1/settings/").json()
    assert body["cip_deadline_business_days"] == 10
    assert body["hearing_room_base_url"] == "https://meet.jit.si/"
    assert body["extend_calendar_deadlines_to_business_day"] is True
    assert "updated_at" in body


def test_the_administrator_of_santos_patches_santos_only(
    santos_admin_client, procon, other_procon
) -> None:
    response = santos_admin_client.patch(
        "/api/v1/settings/",
        {"cip_deadline_business_days": 7, "email_sender_name": "Procon Santos"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["cip_deadline_business_days"] == 7
    with tenant_context(procon):
        assert get_procon_settings().email_sender_name == "Procon Santos"
    with tenant_context(other_procon):
        assert get_procon_settings().cip_deadline_business_days == 10


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cip_deadline_business_days", 0),
        ("hearing_room_base_url", "http://meet.jit.si/"),
        ("hearing_duration_minutes", 5),
        ("contact_email", "nope"),
    ],
)
def test_bad_settings_give_400_naming_the_field(santos_admin_client, field, value) -> None:
    response = santos_admin_client.patch(
        "/api/v1/settings/", {field: value}, content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_staff_without_the_role_and_foreign_admins_get_404(
    santos_attendant_client, santos_admin_on_campinas_client
) -> None:
    for client in (santos_attendant_client, santos_admin_on_campinas_client):
        assert client.get("/api/v1/settings/").status_code == 404
        assert client.get("/api/v1/settings/holidays/").status_code == 404
        assert (
            client.patch(
                "/api/v1/settings/", {"phone": "1"}, content_type="application/json"
            ).status_code
            == 404
        )


def test_anonymous_gets_401(procon_client) -> None:
    assert procon_client.get("/api/v1/settings/").status_code == 401
    assert procon_client.post("/api/v1/settings/holidays/", {}).status_code == 401


def test_holidays_are_added_listed_and_removed(santos_admin_client, procon, other_procon):
    # when
    created = santos_admin_client.post(
        "/api/v1/settings/holidays/",
        {"date": _future(20), "name": "Aniversário de Santos"},
        content_type="application/json",
    )
    # then
    assert created.status_code == 201
    holiday_id = created.json()["id"]
    listed = santos_admin_client.get("/api/v1/settings/holidays/").json()
    assert listed == [{"id": holiday_id, "date": _future(20), "name": "Aniversário de Santos"}]
    with tenant_context(other_procon):
        assert not Holiday.objects.exists()
    # and when removed
    assert santos_admin_client.delete(f"/api/v1/settings/holidays/{holiday_id}/").status_code == 204
    with tenant_context(procon):
        assert not Holiday.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"date": "already", "name": "Outro"}, "date"),
        ({"date": "past", "name": "Ontem"}, "date"),
        ({"date": "not-a-date", "name": "X"}, "date"),
        ({"date": "future"}, "name"),
    ],
)
def test_bad_holidays_give_400_naming_the_field(santos_admin_client, procon, payload, field):
    with tenant_context(procon):
        do_add_holiday(day=timezone.localdate() + timedelta(days=30), name="Aniversário")
    dates = {"already": _future(30), "past": _future(-1), "future": _future(31)}
    payload = {**payload, "date": dates.get(payload["date"], payload["date"])}
    response = santos_admin_client.post(
        "/api/v1/settings/holidays/", payload, content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_another_procons_holiday_answers_404(santos_admin_client, other_procon) -> None:
    with tenant_context(other_procon):
        holiday = do_add_holiday(day=timezone.localdate() + timedelta(days=5), name="Campinas")
    assert santos_admin_client.delete(f"/api/v1/settings/holidays/{holiday.pk}/").status_code == 404
    with tenant_context(other_procon):
        assert Holiday.objects.filter(pk=holiday.pk).exists()


def test_the_schema_documents_the_settings_api(procon_client) -> None:
    schema = procon_client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in ("/api/v1/settings/", "/api/v1/settings/holidays/", "/api/v1/catalogue/"):
        assert path in schema
