"""Provisioning a Procon: schema, domain, default settings; refusals name the field."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django_tenants.utils import tenant_context

from shared.geo.models import Municipality
from shared.procons.actions import do_provision_procon
from shared.procons.lifecycle import ProconKind, ProconStatus
from shared.procons.models import Domain, Procon
from tenants.configuration.models import ProconSettings

pytestmark = pytest.mark.django_db


def _schema_exists(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", [name])
        return cursor.fetchone() is not None


def test_provisioning_creates_the_schema_domain_and_default_settings_and_is_idempotent() -> None:
    santo_andre = Municipality.objects.get(ibge_code=3547809)

    procon = do_provision_procon(
        kind=ProconKind.MUNICIPAL,
        name="Procon Santo André",
        slug="santo-andre",
        municipality=santo_andre,
    )
    again = do_provision_procon(
        kind=ProconKind.MUNICIPAL,
        name="Procon Santo André",
        slug="santo-andre",
        municipality=santo_andre,
    )

    assert again.pk == procon.pk
    assert procon.status == ProconStatus.ACTIVE
    assert procon.schema_name == "procon_santo_andre"
    assert _schema_exists("procon_santo_andre")
    assert list(Domain.objects.filter(tenant=procon).values_list("domain", flat=True)) == [
        "santo-andre.localhost"
    ]
    with tenant_context(procon):
        settings_row = ProconSettings.objects.get()
    assert (settings_row.cip_deadline_business_days, settings_row.rating_window_days) == (10, 20)


def _attempt(**overrides: object) -> dict[str, list[str]]:
    args = {
        "kind": ProconKind.MUNICIPAL,
        "name": "Procon X",
        "slug": "guaruja",
        "municipality": Municipality.objects.get(ibge_code=3518701),  # Guarujá
    } | overrides
    with pytest.raises(ValidationError) as error:
        do_provision_procon(**args)
    return error.value.message_dict


def test_a_reserved_subdomain_is_refused() -> None:
    assert "slug" in _attempt(slug="admin")


@pytest.mark.parametrize(
    "slug", ["Guaruja", "-guaruja", "guaruja-", "gu_aruja", "1guaruja", "a" * 41]
)
def test_a_malformed_subdomain_is_refused(slug: str) -> None:
    assert "slug" in _attempt(slug=slug)


def test_a_city_outside_the_state_is_refused() -> None:
    assert "municipality" in _attempt(
        municipality=Municipality.objects.get(ibge_code=3304557)
    )  # Rio


def test_a_city_that_already_has_a_procon_is_refused(procon) -> None:
    assert "municipality" in _attempt(municipality=procon.municipality)


def test_a_second_state_procon_is_refused(state_procon) -> None:
    assert "kind" in _attempt(kind=ProconKind.STATE)


def test_nothing_is_left_behind_by_a_refused_provisioning() -> None:
    _attempt(slug="admin")
    assert not Procon.objects.filter(slug="admin").exists()
    assert not _schema_exists("procon_admin")
