"""Sanction processes at Santos against the inbox's company group and another company, built
through the real actions."""

from dataclasses import dataclass

import pytest
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from tenants.sanctions.actions import do_decide
from tenants.sanctions.models import InfractionNotice
from tests.factories import staff
from tests.tenants.sanctions.factories import defended, issue_notice, notified


@dataclass
class Processes:
    awaiting: InfractionNotice  # notified: the defence window is open
    issued: InfractionNotice  # not notified yet: not in the inbox
    foreign: InfractionNotice  # another company's, notified


@pytest.fixture
def inspector(procon):
    return staff(procon, StaffRole.INSPECTOR)


@pytest.fixture
def judge(procon):
    return staff(procon, StaffRole.JUDGE)


@pytest.fixture
def processes(procon, inspector, company, foreign_company) -> Processes:
    with tenant_context(procon):
        return Processes(
            awaiting=notified(inspector, company=company),
            issued=issue_notice(inspector, company=company),
            foreign=notified(inspector, company=foreign_company),
        )


@pytest.fixture
def fined(procon, inspector, judge, company, agent) -> InfractionNotice:
    """Defended and decided with a fine: the appeal window is open."""
    with tenant_context(procon):
        notice = defended(inspector, agent, company)
        return do_decide(
            notice,
            actor=judge,
            dismiss=False,
            reasoning="Infração comprovada pelas fotos.",
            sanctions=["fine"],
        )
