from validate_docbr import CNPJ

from shared.companies.models import Company
from shared.webhooks.actions import do_create_webhook_endpoint
from shared.webhooks.lifecycle import SUBSCRIBABLE_EVENTS
from shared.webhooks.models import WebhookEndpoint
from tests.factories import CompanyFactory, company_agent

ALL_EVENTS = [e.value for e in SUBSCRIBABLE_EVENTS]


def branch_of(company: Company, branch: str = "0002") -> Company:
    """Another establishment of the same company: same CNPJ root, another branch."""
    base = company.cnpj_root + branch
    validator = CNPJ()
    cnpj = next(f"{base}{d:02d}" for d in range(100) if validator.validate(f"{base}{d:02d}"))
    return CompanyFactory(cnpj=cnpj, legal_name=f"{company.legal_name} filial {branch}")


def endpoint_for(
    company: Company, url: str = "https://erp.exemplo.test/hooks", events=None, **kwargs
) -> tuple[WebhookEndpoint, str]:
    admin = kwargs.pop("actor", None) or company_agent(company, role="admin")
    return do_create_webhook_endpoint(
        company=company, actor=admin, url=url, events=events or ALL_EVENTS, **kwargs
    )
