"""Clients of Santos's staff on Santos's host (the session's `procon`)."""

import pytest
from django.test import Client

from shared.accounts.roles import StaffRole
from shared.procons.models import Procon
from tests.factories import staff
from tests.support.clients import logged_in_client


@pytest.fixture
def santos_admin_client(procon: Procon) -> Client:
    return logged_in_client(staff(procon, StaffRole.TENANT_ADMIN), procon.host)


@pytest.fixture
def santos_attendant_client(procon: Procon) -> Client:
    return logged_in_client(staff(procon, StaffRole.ATTENDANT), procon.host)


@pytest.fixture
def santos_admin_on_campinas_client(procon: Procon, other_procon: Procon) -> Client:
    """Santos's administrator, signed in on Campinas's host."""
    return logged_in_client(staff(procon, StaffRole.TENANT_ADMIN), other_procon.host)
