"""Inspections and sanction processes in a given state, built through the real actions."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from shared.accounts.models import User
from shared.geo.models import Municipality
from tenants.sanctions.actions.company import do_file_defence, do_notify_company
from tenants.sanctions.actions.decisions import do_decide
from tenants.sanctions.actions.inspections import do_create_inspection, do_issue_infraction_notice
from tenants.sanctions.models import InfractionNotice, Inspection
from tests.factories import CompanyFactory

SANTOS_IBGE = 3548500


class Provision:
    """A catalogue provision as the auto reads it (code, title, default group)."""

    def __init__(self, pk: int, code: str, group: str) -> None:
        self.pk = pk
        self.code = code
        self.title = f"Provision {code}"
        self.default_group = group


PROVISIONS = [Provision(1, "CDC art. 31", "II")]


def create_inspection(inspector: User, *, company=None, **overrides) -> Inspection:
    args = {
        "actor": inspector,
        "origin": "planned",
        "company": company or CompanyFactory(),
        "place_address": "Av. Ana Costa, 100, Gonzaga",
        "municipality": Municipality.objects.get(ibge_code=SANTOS_IBGE),
        "inspected_at": timezone.now() - timedelta(hours=2),
        "inspectors": [inspector],
        "findings": "Preços sem etiqueta na vitrine.",
    } | overrides
    return do_create_inspection(**args)


def issue_notice(
    inspector: User, *, company=None, inspection=None, **overrides
) -> InfractionNotice:
    inspection = inspection or create_inspection(inspector, company=company)
    args = {
        "actor": inspector,
        "facts": "Produtos expostos sem preço, em desacordo com o CDC.",
        "provisions": PROVISIONS,
        "sanction_provision": "CDC art. 56, I, e art. 57",
        "requirement": "Afixar os preços em 48 horas; defender-se no prazo.",
        "inspector_post": "Agente fiscal",
        "inspector_registration": "F-1234",
        "revenue_estimate": Decimal("1000000.00"),
    } | overrides
    return do_issue_infraction_notice(inspection, **args)


def notified(inspector: User, **kwargs) -> InfractionNotice:
    return do_notify_company(issue_notice(inspector, **kwargs), actor=inspector)


def defended(inspector: User, agent: User, company, **kwargs) -> InfractionNotice:
    notice = notified(inspector, company=company, **kwargs)
    return do_file_defence(notice, actor=agent, text="Os preços estavam no sistema.")


def fined(inspector: User, judge: User, agent: User, company, **decide: object) -> InfractionNotice:
    """Defended, then decided by `judge` with a fine: the appeal window is open."""
    return do_decide(
        defended(inspector, agent, company),
        actor=judge,
        dismiss=False,
        reasoning="Infração comprovada pelas fotos.",
        sanctions=["fine"],
        **decide,
    )
