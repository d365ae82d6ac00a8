"""`manage.py seed_demo` loads Procon-SP, Santos, Campinas, the six launch companies and a user
per role, and running it twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tenants.utils import tenant_context

from shared.accounts.models import CompanyMembership, StaffMembership, User
from shared.accounts.roles import StaffRole
from shared.companies.models import Company
from shared.documents import validate_cnpj
from shared.narratives.models import PublishedNarrative
from shared.procons.models import Procon
from tenants.configuration.selectors import get_procon_settings
from tenants.narratives.models import Narrative, NarrativeStatus

pytestmark = pytest.mark.django_db

LAUNCH_COMPANIES = {"Casas Bahia", "Comgás", "Extra.com.br", "Ponto Frio", "Samsung", "Vivo"}


def _counts() -> tuple[int, ...]:
    models = (Procon, Company, User, StaffMembership, CompanyMembership)
    return tuple(model.objects.count() for model in models)


def test_seed_demo_is_complete_and_idempotent() -> None:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = _counts()
    call_command("seed_demo", stdout=StringIO())

    assert _counts() == first
    assert set(Procon.objects.values_list("slug", flat=True)) >= {"sp", "santos", "campinas"}
    assert Procon.objects.get(slug="sp").is_state
    assert set(Company.objects.values_list("trade_name", flat=True)) >= LAUNCH_COMPANIES
    for cnpj in Company.objects.values_list("cnpj", flat=True):
        validate_cnpj(cnpj)
    held = set(StaffMembership.objects.values_list("role", flat=True))
    assert held == set(StaffRole.values)
    assert set(CompanyMembership.objects.values_list("role", flat=True)) == {"agent", "admin"}
    assert User.objects.filter(cpf__isnull=False).exists()
    assert "http://santos.localhost" in out.getvalue()
    assert "supervisor@demo.test" in out.getvalue()
    # the banner of `make run` speaks Portuguese
    assert "Dados de demonstração prontos" in out.getvalue()
    assert "atendente, Santos" in out.getvalue() and "attendant" not in out.getvalue()
    # One scrubbed narrative on Vivo's page with Vivo's approved words; another waits for staff.
    published = PublishedNarrative.objects.get()
    assert published.case.company.trade_name == "Vivo"
    assert "[CPF]" in published.text and "529.982.247-25" not in published.text
    assert published.response_text.startswith("Identificamos uma falha")
    assert "Karina" not in published.text + published.response_text
    with tenant_context(Procon.objects.get(slug="santos")):
        assert Narrative.objects.filter(status=NarrativeStatus.PENDING).count() == 1


def test_seeded_users_can_log_in_with_the_printed_password() -> None:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    from demo.seed import DEMO_PASSWORD

    assert DEMO_PASSWORD in out.getvalue()
    assert User.objects.get(email="atendente.santos@demo.test").check_password(DEMO_PASSWORD)


def test_seeded_procons_have_their_contacts(procon) -> None:
    call_command("seed_demo", stdout=StringIO())
    with tenant_context(procon):
        assert get_procon_settings().contact_email == "atendimento@santos.demo.test"
