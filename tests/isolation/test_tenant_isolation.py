"""A row written in one Procon's schema is invisible from another's, by the ORM and by HTTP."""

import pytest
from django_tenants.utils import tenant_context

from tenants.configuration.actions import do_update_procon_settings
from tenants.configuration.models import ProconSettings
from tenants.configuration.selectors import get_procon_settings

pytestmark = pytest.mark.django_db

SECRET_ADDRESS = "Rua Exclusiva de Santos, 123"


def test_a_row_written_in_one_schema_is_invisible_from_another(procon, other_procon) -> None:
    # given Santos writes its address
    with tenant_context(procon):
        do_update_procon_settings(address=SECRET_ADDRESS)
    # when Campinas reads its own settings
    with tenant_context(other_procon):
        seen = get_procon_settings().address
        matching = ProconSettings.objects.filter(address=SECRET_ADDRESS).count()
    # then nothing of Santos shows
    assert seen != SECRET_ADDRESS
    assert matching == 0
    with tenant_context(procon):
        assert get_procon_settings().address == SECRET_ADDRESS


def test_a_row_written_in_one_schema_is_invisible_from_another_host(
    procon, procon_client, other_procon_client
) -> None:
    with tenant_context(procon):
        do_update_procon_settings(address=SECRET_ADDRESS)

    assert SECRET_ADDRESS in procon_client.get("/").content.decode()
    assert procon_client.get("/api/v1/procon/").json()["address"] == SECRET_ADDRESS

    assert SECRET_ADDRESS not in other_procon_client.get("/").content.decode()
    other = other_procon_client.get("/api/v1/procon/").json()
    assert other["address"] != SECRET_ADDRESS
    assert other["slug"] == "campinas"


def test_tenant_data_is_not_reachable_from_the_platform_host(procon, public_client) -> None:
    with tenant_context(procon):
        do_update_procon_settings(address=SECRET_ADDRESS)
    for path in ["/", "/api/v1/procons/", "/api/v1/procon/"]:
        assert SECRET_ADDRESS not in public_client.get(path).content.decode()
