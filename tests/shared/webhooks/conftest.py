"""The company whose webhooks the tests configure (`company`, tests/conftest.py) and its
administrator."""

import pytest

from shared.accounts.models import User
from shared.companies.models import Company
from tests.factories import company_agent


@pytest.fixture
def admin(company: Company) -> User:
    return company_agent(company, role="admin")
