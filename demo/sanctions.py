"""Santos's fiscalização demo (part of `manage.py seed_demo`, idempotent): an open inspection of
Vivo prompted by a cluster of complaints, for the demo inspector to draw up its auto, and an auto
already notified to Casas Bahia, for its agent to defend and a visitor to look up."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from shared.accounts.models import User
from shared.companies.models import Company
from shared.procons.models import Procon
from shared.procons.schemas import in_procon_schema

VIVO = "02558157000162"
CASAS_BAHIA = "33041260065290"
OPEN_REFERENCE = "Demo: reclamações de cobrança indevida em Santos"
NOTICE_REFERENCE = "Demo: fiscalização de preços na loja do Gonzaga"


def seed_sanctions() -> int:
    """The Santos inspections and process of the demo; returns how many inspections exist."""
    from tenants.penalties.selectors import provisions
    from tenants.sanctions.actions.company import do_notify_company
    from tenants.sanctions.actions.inspections import (
        do_create_inspection,
        do_issue_infraction_notice,
    )
    from tenants.sanctions.models import Inspection

    santos = Procon.objects.get(slug="santos")
    inspector = User.objects.get(email="fiscal.santos@demo.test")
    with in_procon_schema(santos):
        now = timezone.now()
        if not Inspection.objects.filter(origin_reference=OPEN_REFERENCE).exists():
            do_create_inspection(
                actor=inspector,
                origin="complaint_cluster",
                origin_reference=OPEN_REFERENCE,
                company=Company.objects.get(cnpj=VIVO),
                place_address="Loja Vivo, Av. Ana Costa, 468, Gonzaga",
                municipality=santos.municipality,
                inspected_at=now - timedelta(hours=3),
                inspectors=[inspector],
                findings=(
                    "Cartazes de oferta sem o preço total do plano; contratos entregues sem a "
                    "cópia do consumidor."
                ),
            )
        if not Inspection.objects.filter(origin_reference=NOTICE_REFERENCE).exists():
            inspection = do_create_inspection(
                actor=inspector,
                origin="planned",
                origin_reference=NOTICE_REFERENCE,
                company=Company.objects.get(cnpj=CASAS_BAHIA),
                place_address="Loja Casas Bahia, Rua Marechal Deodoro, 12, Gonzaga",
                municipality=santos.municipality,
                inspected_at=now - timedelta(days=1),
                inspectors=[inspector],
                findings="Doze produtos expostos na vitrine sem preço.",
            )
            cited = list(provisions().filter(default_group="II")[:1]) or list(provisions()[:1])
            notice = do_issue_infraction_notice(
                inspection,
                actor=inspector,
                facts=(
                    "Na vitrine da loja, doze produtos eletroeletrônicos estavam expostos sem "
                    "preço, em desacordo com o dever de informação ao consumidor."
                ),
                provisions=cited,
                sanction_provision="CDC (Lei 8.078/1990) arts. 56 e 57; Decreto 2.181/1997 art. 18",
                requirement=(
                    "Afixar os preços de todos os produtos expostos em 48 horas. A autuada pode "
                    "apresentar defesa, com provas e até três testemunhas, no prazo da notificação."
                ),
                inspector_post="Agente fiscal",
                inspector_registration="FS-0042",
                revenue_estimate=Decimal("1000000.00"),
            )
            do_notify_company(notice, actor=inspector)
        return Inspection.objects.count()
