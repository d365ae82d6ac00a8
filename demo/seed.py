"""The demo data of `manage.py seed_demo`: Procon-SP, two municipal Procons, the six launch
companies and one user per role. Every function is idempotent."""

import os
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from shared.accounts.actions import do_create_user, do_grant_company_role, do_grant_staff_role
from shared.accounts.models import User
from shared.accounts.roles import CompanyRole, StaffRole
from shared.companies.actions import do_register_company
from shared.companies.models import Company
from shared.geo.models import Municipality
from shared.procons.actions import do_provision_procon
from shared.procons.lifecycle import ProconKind
from shared.procons.models import Procon
from shared.procons.schemas import in_procon_schema
from tenants.configuration.actions import do_update_procon_settings

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "procon-demo-2026")


@dataclass(frozen=True)
class DemoProcon:
    slug: str
    name: str
    kind: str
    ibge_code: int
    contact_email: str
    opening_hours: str
    # (name, address) of the rooms where it holds in-person hearings.
    hearing_rooms: tuple[tuple[str, str], ...] = ()


PROCONS = [
    DemoProcon(
        "sp",
        "Procon-SP",
        ProconKind.STATE,
        3550308,
        "atendimento@sp.demo.test",
        "Segunda a sexta, das 9h às 17h",
        (("Sala de audiências 1", "Rua Barra Funda, 930, 4º andar, São Paulo"),),
    ),
    DemoProcon(
        "santos",
        "Procon Santos",
        ProconKind.MUNICIPAL,
        3548500,
        "atendimento@santos.demo.test",
        "Segunda a sexta, das 8h às 17h",
        (
            ("Sala de conciliação 1", "Rua Amador Bueno, 333, térreo, Centro, Santos"),
            ("Sala de conciliação 2", "Rua Amador Bueno, 333, 1º andar, Centro, Santos"),
        ),
    ),
    DemoProcon(
        "campinas",
        "Procon Campinas",
        ProconKind.MUNICIPAL,
        3509502,
        "atendimento@campinas.demo.test",
        "Segunda a sexta, das 9h às 16h",
    ),
]

# The companies of the launch phase, with their public CNPJ registrations.
COMPANIES = [
    ("33041260065290", "Grupo Casas Bahia S.A.", "Casas Bahia"),
    ("61856571000117", "Companhia de Gás de São Paulo – Comgás", "Comgás"),
    ("07170938000107", "Cnova Comércio Eletrônico S.A.", "Extra.com.br"),
    ("33041260000164", "Grupo Casas Bahia S.A.", "Ponto Frio"),
    ("00280273000137", "Samsung Eletrônica da Amazônia Ltda.", "Samsung"),
    ("02558157000162", "Telefônica Brasil S.A.", "Vivo"),
]


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    what: str  # who the user is, in the banner of `make run` (translated)
    procon: str | None = None
    staff_role: str | None = None
    company_cnpj: str | None = None
    company_role: str | None = None
    cpf: str | None = None
    operator: bool = False


USERS = [
    DemoUser(
        "supervisor@demo.test",
        "Sandra Supervisora",
        _("state supervisor"),
        "sp",
        StaffRole.SUPERVISOR,
    ),
    DemoUser(
        "admin.sp@demo.test",
        "Alberto Administrador",
        _("tenant admin, Procon-SP"),
        "sp",
        StaffRole.TENANT_ADMIN,
    ),
    DemoUser(
        "admin.santos@demo.test",
        "Ana Administradora",
        _("tenant admin, Santos"),
        "santos",
        StaffRole.TENANT_ADMIN,
    ),
    DemoUser(
        "atendente.santos@demo.test",
        "Bruno Atendente",
        _("attendant, Santos"),
        "santos",
        StaffRole.ATTENDANT,
    ),
    DemoUser(
        "conciliador.santos@demo.test",
        "Carla Conciliadora",
        _("conciliator, Santos"),
        "santos",
        StaffRole.CONCILIATOR,
    ),
    DemoUser(
        "fiscal.santos@demo.test",
        "Diego Fiscal",
        _("inspector, Santos"),
        "santos",
        StaffRole.INSPECTOR,
    ),
    DemoUser(
        "julgador.santos@demo.test",
        "Elisa Julgadora",
        _("judging authority, Santos"),
        "santos",
        StaffRole.JUDGE,
    ),
    DemoUser(
        "admin.campinas@demo.test",
        "Fábio Administrador",
        _("tenant admin, Campinas"),
        "campinas",
        StaffRole.TENANT_ADMIN,
    ),
    DemoUser(
        "atendente.campinas@demo.test",
        "Gabriela Atendente",
        _("attendant, Campinas"),
        "campinas",
        StaffRole.ATTENDANT,
    ),
    DemoUser(
        "admin.vivo@demo.test",
        "Helena Gestora",
        _("company admin, Vivo"),
        company_cnpj="02558157000162",
        company_role=CompanyRole.ADMIN,
    ),
    DemoUser(
        "preposto.vivo@demo.test",
        "Igor Preposto",
        _("company agent, Vivo"),
        company_cnpj="02558157000162",
        company_role=CompanyRole.AGENT,
    ),
    DemoUser(
        "preposto.casasbahia@demo.test",
        "Júlia Preposta",
        _("company agent, Casas Bahia"),
        company_cnpj="33041260065290",
        company_role=CompanyRole.AGENT,
    ),
    DemoUser("consumidor@demo.test", "Karina Consumidora", _("consumer"), cpf="52998224725"),
    DemoUser(
        "operador@demo.test", "Lucas Operador", _("platform operator (Django admin)"), operator=True
    ),
]


def seed_procons() -> list[Procon]:
    from tenants.hearings.actions import do_add_hearing_room
    from tenants.hearings.models import HearingRoom

    procons = []
    for spec in PROCONS:
        procon = do_provision_procon(
            kind=spec.kind,
            name=spec.name,
            slug=spec.slug,
            municipality=Municipality.objects.get(ibge_code=spec.ibge_code),
        )
        with in_procon_schema(procon):
            do_update_procon_settings(
                contact_email=spec.contact_email, opening_hours=spec.opening_hours
            )
            for name, address in spec.hearing_rooms:
                if not HearingRoom.objects.filter(name=name).exists():
                    do_add_hearing_room(name=name, address=address)
        procons.append(procon)
    return procons


def seed_companies() -> list[Company]:
    return [
        do_register_company(cnpj=cnpj, legal_name=legal, trade_name=trade)
        for cnpj, legal, trade in COMPANIES
    ]


def seed_users() -> list[DemoUser]:
    for spec in USERS:
        user = User.objects.filter(email=spec.email).first() or do_create_user(
            email=spec.email,
            full_name=spec.full_name,
            password=DEMO_PASSWORD,
            cpf=spec.cpf,
            email_verified=True,
            is_operator=spec.operator,
        )
        if spec.procon and spec.staff_role:
            do_grant_staff_role(
                user, procon=Procon.objects.get(slug=spec.procon), role=spec.staff_role
            )
        if spec.company_cnpj and spec.company_role:
            do_grant_company_role(
                user, company=Company.objects.get(cnpj=spec.company_cnpj), role=spec.company_role
            )
    return USERS


@dataclass(frozen=True)
class DemoComplaint:
    key: str
    company_cnpj: str
    facts: str
    request: str
    stage: str  # "registered", "cip_sent", "answered" or "not_resolved" (waits for a hearing)
    subject_contains: str
    problem_contains: str
    procon: str = "santos"
    attendant: str = "atendente.santos@demo.test"
    # What the consumer said for priority service (tenants/complaints/priority.py).
    consumer_birth_date: date | None = None


COMPLAINTS = [
    DemoComplaint(
        "demo-1",
        "02558157000162",
        "Cancelei o plano de internet em setembro, mas continuo recebendo cobranças mensais.",
        "Quero o cancelamento efetivo e a devolução em dobro do que foi cobrado indevidamente.",
        "cip_sent",
        "Serviços na internet",
        "Cobrança após cancelamento",
    ),
    DemoComplaint(
        "demo-2",
        "33041260065290",
        "Comprei uma geladeira que foi entregue com a porta amassada; a loja não agenda a troca.",
        "Quero a troca do produto por um novo.",
        "cip_sent",
        "Refrigerador",
        "diferente do  pedido / danificado",
    ),
    DemoComplaint(
        "demo-3",
        "00280273000137",
        "O celular parou de carregar com dois meses de uso e a assistência técnica nega o reparo na garantia.",
        "Quero o reparo gratuito ou a troca do aparelho.",
        "answered",
        "Aparelho celular",
        "consertar no prazo de garantia",
    ),
    DemoComplaint(
        "demo-4",
        "02558157000162",
        "A velocidade da internet contratada (300 Mbps) nunca passa de 50 Mbps, mesmo após três visitas técnicas.",
        "Quero a velocidade contratada ou o abatimento proporcional na fatura.",
        "cip_sent",
        "Serviços na internet",
        "Cobrança de tarifas",
        procon="campinas",
        attendant="atendente.campinas@demo.test",
    ),
    DemoComplaint(
        "demo-5",
        "61856571000117",
        "A conta de gás de outubro veio com o triplo do consumo habitual, sem nenhuma mudança em casa.",
        "Quero a revisão da leitura e a correção da fatura.",
        "registered",
        "Combustível",
        "Cobrança de tarifas",
    ),
    DemoComplaint(
        "demo-6",
        "33041260065290",
        "Paguei a montagem do guarda-roupa na compra, o montador nunca veio e a loja não devolve o valor.",
        "Quero a montagem feita ou o valor devolvido.",
        "not_resolved",
        "Móveis e Colchões",
        "Demora na montagem",
        consumer_birth_date=date(1949, 3, 14),
    ),
]

# The launch companies that have joined (their agents are among the demo users), as the state
# supervisor approved them.
JOINED = {
    "02558157000162": (
        "sac@vivo.demo.test",
        "Av. Engenheiro Luiz Carlos Berrini, 1376",
        "São Paulo",
    ),
    "33041260065290": ("sac@casasbahia.demo.test", "Rua João Pessoa, 83", "São Caetano do Sul"),
}


def seed_verified_companies() -> None:
    from shared.companies.actions import do_verify_company

    for cnpj, legal, trade in COMPANIES:
        if cnpj in JOINED:
            email, address, city = JOINED[cnpj]
            do_verify_company(
                cnpj=cnpj,
                legal_name=legal,
                trade_name=trade,
                contact_email=email,
                phone="",
                address=address,
                city=city,
                state="SP",
                site="",
                legal_representative_name="",
            )


def seed_complaints() -> int:
    """Complaints of the demo consumer at Santos and Campinas, at different steps (idempotent)."""
    from tenants.catalogue.models import Problem, PurchaseChannel, Subject
    from tenants.complaints.actions.answer import do_record_company_answer, do_send_cip
    from tenants.complaints.actions.closing import do_rate_answer
    from tenants.complaints.actions.filing import do_file_complaint
    from tenants.complaints.actions.triage import do_accept_complaint
    from tenants.complaints.lifecycle import ComplaintStatus

    consumer = User.objects.get(email="consumidor@demo.test")
    for spec in COMPLAINTS:
        attendant = User.objects.get(email=spec.attendant)
        with in_procon_schema(Procon.objects.get(slug=spec.procon)):
            complaint = do_file_complaint(
                consumer=consumer,
                company=Company.objects.get(cnpj=spec.company_cnpj),
                subject=Subject.objects.filter(name__contains=spec.subject_contains)
                .order_by("id")
                .first(),
                problem=Problem.objects.filter(name__contains=spec.problem_contains)
                .order_by("id")
                .first(),
                purchase_channel=PurchaseChannel.objects.filter(active=True).first(),
                contacted_company_first=True,
                facts=spec.facts,
                request=spec.request,
                lgpd_consent=True,
                idempotency_key=spec.key,
                consumer_birth_date=spec.consumer_birth_date,
            )
            if spec.stage == "registered" or complaint.status != ComplaintStatus.REGISTERED:
                continue
            complaint = do_accept_complaint(complaint, actor=attendant, as_role="attendant")
            complaint = do_send_cip(complaint, actor=attendant, as_role="attendant")
            if spec.stage in ("answered", "not_resolved"):
                complaint = do_record_company_answer(
                    complaint,
                    actor=attendant,
                    as_role="attendant",
                    text="A empresa informou por e-mail que o aparelho será reparado em até 10 dias.",
                    offer="Reparo gratuito",
                )
            if spec.stage == "not_resolved":
                do_rate_answer(complaint, actor=consumer, resolved=False, satisfaction=1)
    return len(COMPLAINTS)
