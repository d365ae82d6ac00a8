"""The people of a sanction process at Santos (the `procon` fixture): its inspector and judging
authority, the company and the company's agent. A module that calls the actions directly marks
its tests `usefixtures("santos")`, so that the Procon's schema is active for the whole test."""

import pytest

from shared.accounts.roles import StaffRole
from tests.factories import CompanyFactory, company_agent, staff


@pytest.fixture
def inspector(procon):
    return staff(procon, StaffRole.INSPECTOR)


@pytest.fixture
def judge(procon):
    return staff(procon, StaffRole.JUDGE)


@pytest.fixture
def company():
    return CompanyFactory()


@pytest.fixture
def agent(company):
    return company_agent(company)
