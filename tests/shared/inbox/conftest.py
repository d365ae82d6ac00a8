"""Cases of one company group (a company and a branch sharing its CNPJ root) at Santos and
Campinas, cases of another company at both, and sanction processes at Santos against the group
and the other company, built through the real actions."""

from dataclasses import dataclass

import pytest
from django_tenants.utils import tenant_context
from validate_docbr import CNPJ

from shared.accounts.roles import StaffRole
from shared.companies.actions import do_register_company
from shared.companies.models import Company
from shared.procons.models import Procon
from tenants.complaints.actions.triage import do_accept_complaint
from tenants.complaints.models import Complaint
from tenants.sanctions.models import InfractionNotice
from tests.factories import CompanyFactory, company_agent, staff
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import at_answered, at_cip_sent, file_complaint
from tests.tenants.sanctions.factories import fined as fined_by
from tests.tenants.sanctions.factories import issue_notice, notified


def branch_of(company: Company, branch: str = "0002") -> Company:
    """Another establishment of the same company: same CNPJ root, another branch number."""
    base = company.cnpj_root + branch
    cnpj = next(f"{base}{d:02d}" for d in range(100) if CNPJ().validate(f"{base}{d:02d}"))
    return do_register_company(cnpj=cnpj, legal_name=f"{company.legal_name} Filial")


@dataclass
class Cases:
    santos_due: Complaint  # cip_sent, the group's head office
    santos_new: Complaint  # accepted but not yet sent to the company: not in its inbox
    santos_branch: Complaint  # cip_sent, the group's branch
    campinas_answered: Complaint  # answered, the group's head office
    santos_foreign: Complaint  # another company
    campinas_foreign: Complaint  # another company

    def group(self) -> list[Complaint]:
        return [self.santos_due, self.santos_branch, self.campinas_answered]

    def foreign(self) -> list[Complaint]:
        return [self.santos_foreign, self.campinas_foreign]


@pytest.fixture
def foreign_company(db) -> Company:
    return CompanyFactory()


@pytest.fixture
def foreign_agent(foreign_company):
    return company_agent(foreign_company)


@pytest.fixture
def santos_attendant(procon: Procon):
    return staff(procon, StaffRole.ATTENDANT)


@pytest.fixture
def campinas_attendant(other_procon: Procon):
    return staff(other_procon, StaffRole.ATTENDANT)


@pytest.fixture
def cases(procon, other_procon, company, foreign_company, santos_attendant, campinas_attendant):
    branch = branch_of(company)
    with tenant_context(procon):
        santos_due = at_cip_sent(santos_attendant, company=company)
        santos_new = do_accept_complaint(
            file_complaint(company=company), actor=santos_attendant, as_role="attendant"
        )
        santos_branch = at_cip_sent(santos_attendant, company=branch)
        santos_foreign = at_cip_sent(santos_attendant, company=foreign_company)
    with tenant_context(other_procon):
        campinas_answered = at_answered(campinas_attendant, company=company)
        campinas_foreign = at_cip_sent(campinas_attendant, company=foreign_company)
    return Cases(
        santos_due, santos_new, santos_branch, campinas_answered, santos_foreign, campinas_foreign
    )


@pytest.fixture
def agent_client(agent):
    return logged_in_client(agent)


@dataclass
class Processes:
    awaiting: InfractionNotice  # notified: the defence window is open
    issued: InfractionNotice  # not notified yet: not in the inbox
    foreign: InfractionNotice  # another company's, notified


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
        return fined_by(inspector, judge, agent, company)
