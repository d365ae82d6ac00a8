from collections.abc import Iterator

import pytest
from django_tenants.utils import tenant_context

from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.companies.models import Company
from shared.procons.models import Procon
from tests.factories import CompanyFactory, ConsumerFactory, company_agent, staff


@pytest.fixture
def santos(procon: Procon) -> Iterator[Procon]:
    with tenant_context(procon):
        yield procon


@pytest.fixture
def attendant(santos: Procon) -> User:
    return staff(santos, StaffRole.ATTENDANT)


@pytest.fixture
def conciliator(santos: Procon) -> User:
    return staff(santos, StaffRole.CONCILIATOR, full_name="Clara Conciliadora")


@pytest.fixture
def company(santos: Procon) -> Company:
    return CompanyFactory()


@pytest.fixture
def agent(company: Company) -> User:
    return company_agent(company)


@pytest.fixture
def consumer(santos: Procon) -> User:
    return ConsumerFactory()
