import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_tenants.utils import tenant_context

from tenants.configuration.actions import do_update_procon_settings
from tenants.configuration.models import ProconSettings

pytestmark = pytest.mark.django_db


def test_updating_a_deadline_shows_on_the_procon_home(procon, procon_client) -> None:
    with tenant_context(procon):
        do_update_procon_settings(cip_deadline_business_days=7, phone="(13) 3201-5000")
    html = procon_client.get("/").content.decode()
    assert "(13) 3201-5000" in html
    assert procon_client.get("/api/v1/procon/").json()["cip_deadline_business_days"] == 7


@pytest.mark.parametrize("field", ["cip_deadline_business_days", "rating_window_days"])
def test_a_zero_window_is_refused_naming_the_field(procon, field: str) -> None:
    with tenant_context(procon), pytest.raises(ValidationError) as error:
        do_update_procon_settings(**{field: 0})
    assert field in error.value.message_dict


def test_the_database_keeps_a_single_settings_row(procon) -> None:
    with tenant_context(procon), pytest.raises(IntegrityError), transaction.atomic():
        ProconSettings.objects.create(id=2)
