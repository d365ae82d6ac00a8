"""Clients of Santos's staff on Santos's host (the session's `procon`)."""

import pytest
from django.test import Client

from shared.accounts.roles import StaffRole
from shared.procons.models import Procon
from tests.conftest import host_client
from tests.factories import PASSWORD, staff


def signed_in(procon: Procon, role: str) -> Client:
    user = staff(procon, role)
    client = host_client(procon.host)
    assert client.login(username=user.email, password=PASSWORD)
    return client


@pytest.fixture
def santos_admin_client(procon: Procon) -> Client:
    return signed_in(procon, StaffRole.TENANT_ADMIN)


@pytest.fixture
def santos_attendant_client(procon: Procon) -> Client:
    return signed_in(procon, StaffRole.ATTENDANT)


@pytest.fixture
def santos_admin_on_campinas_client(procon: Procon, other_procon: Procon) -> Client:
    """Santos's administrator, signed in on Campinas's host."""
    user = staff(procon, StaffRole.TENANT_ADMIN)
    client = host_client(other_procon.host)
    assert client.login(username=user.email, password=PASSWORD)
    return client
