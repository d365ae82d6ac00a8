"""A year of complaints at Santos and Campinas for the supervisor's dashboard on `make run`:
filed through the real actions (timeline, index, e-mails), then dated back to the month they
stand for so the figures and charts have a spread over months. Idempotent by filing key.
The timeline events keep the date the demo was seeded (the timeline is append-only)."""

import random
from datetime import timedelta

from django.utils import timezone
from validate_docbr import CPF

from demo.seed import COMPANIES
from shared.accounts.actions import do_create_user
from shared.accounts.models import User
from shared.caseindex.actions import do_index_complaint
from shared.companies.models import Company
from shared.geo.models import Municipality
from shared.procons.models import Procon
from shared.procons.schemas import in_procon_schema

# The consumers' cities around each Procon (IBGE codes): the Procon's own city first.
CITIES = {
    "santos": (3548500, 3548500, 3551009, 3518701, 3541000, 3513504),
    "campinas": (3509502, 3509502, 3552403, 3519071, 3556206, 3536505),
}
# Complaints a month at each Procon, oldest month first (eleven past months and this one).
PER_MONTH = {
    "santos": (4, 5, 3, 6, 5, 7, 6, 8, 5, 7, 9, 4),
    "campinas": (3, 2, 4, 3, 5, 4, 3, 5, 6, 4, 5, 3),
}
# The market area of each launch company's complaints (the catalogue's subject areas), so that its
# indicators and its segment's ranking read as they would (docs/reputation.md).
AREAS = {
    "33041260065290": "Produtos Eletrodomésticos e Eletrônicos",  # Casas Bahia
    "61856571000117": "Água, Energia, Gás",  # Comgás
    "07170938000107": "Produtos Eletrodomésticos e Eletrônicos",  # Extra.com.br
    "33041260000164": "Produtos Eletrodomésticos e Eletrônicos",  # Ponto Frio
    "00280273000137": "Produtos de Telefonia e Informática",  # Samsung
    "02558157000162": "Telecomunicações",  # Vivo
}
OUTCOMES = ("resolved", "resolved", "founded_met", "founded_not_met", "answered", "waiting")
CONSUMERS = 6


def _consumers() -> list[User]:
    consumers = []
    for n in range(1, CONSUMERS + 1):
        email = f"historico{n}@demo.test"
        user = User.objects.filter(email=email).first() or do_create_user(
            email=email,
            full_name=f"Consumidor Histórico {n}",
            password=None,
            cpf=CPF().generate(),
            email_verified=True,
        )
        consumers.append(user)
    return consumers


def seed_history() -> int:
    from tenants.catalogue.hierarchy import problems_for
    from tenants.catalogue.models import PurchaseChannel, Subject
    from tenants.complaints.actions.answer import do_record_company_answer, do_send_cip
    from tenants.complaints.actions.closing import do_close_complaint, do_rate_answer
    from tenants.complaints.actions.filing import do_file_complaint
    from tenants.complaints.actions.triage import do_accept_complaint
    from tenants.complaints.models import Complaint

    rng = random.Random(2026)  # the same demo every time, not secrets
    consumers = _consumers()
    companies = list(Company.objects.filter(cnpj__in=_launch_cnpjs()).order_by("cnpj"))
    filed = 0
    for slug, months in PER_MONTH.items():
        procon = Procon.objects.get(slug=slug)
        attendant = User.objects.get(email=f"atendente.{slug}@demo.test")
        cities = {m.pk: m for m in Municipality.objects.filter(pk__in=CITIES[slug])}
        with in_procon_schema(procon):
            subjects = {
                cnpj: list(
                    Subject.objects.filter(active=True, area__name__iexact=area).order_by("id")[:4]
                )
                or list(Subject.objects.filter(active=True).order_by("id")[:4])
                for cnpj, area in AREAS.items()
            }
            # The problems each subject offers (tenants/catalogue/hierarchy.py), as a form would.
            problems = {
                subject.pk: list(problems_for(subject).order_by("id")[:6])
                for chosen in subjects.values()
                for subject in chosen
            }
            channel = PurchaseChannel.objects.filter(active=True).first()
            for month_back, count in zip(range(len(months) - 1, -1, -1), months, strict=True):
                for n in range(count):
                    key = f"demo-history-{slug}-{month_back}-{n}"
                    days_back = month_back * 30 + rng.randint(0, 27)
                    outcome = rng.choice(OUTCOMES)
                    company = companies[rng.randrange(len(companies))]
                    if Complaint.objects.filter(idempotency_key=key).exists():
                        continue
                    subject = rng.choice(subjects[company.cnpj])
                    complaint = do_file_complaint(
                        consumer=consumers[rng.randrange(len(consumers))],
                        company=company,
                        subject=subject,
                        problem=rng.choice(problems[subject.pk]),
                        purchase_channel=channel,
                        contacted_company_first=True,
                        facts="Reclamação de demonstração do painel da supervisão estadual.",
                        request="Solução do problema.",
                        lgpd_consent=True,
                        idempotency_key=key,
                        consumer_municipality=cities[rng.choice(CITIES[slug])],
                    )
                    filed += 1
                    if outcome != "waiting" or month_back > 0:
                        complaint = do_accept_complaint(
                            complaint, actor=attendant, as_role="attendant"
                        )
                        complaint = do_send_cip(complaint, actor=attendant, as_role="attendant")
                    if outcome in ("resolved", "founded_met", "founded_not_met", "answered"):
                        complaint = do_record_company_answer(
                            complaint,
                            actor=attendant,
                            as_role="attendant",
                            text="A empresa respondeu à reclamação.",
                        )
                    if outcome == "resolved":
                        do_rate_answer(
                            complaint, actor=complaint.consumer, resolved=True, satisfaction=4
                        )
                    elif outcome in ("founded_met", "founded_not_met"):
                        complaint = do_rate_answer(
                            complaint, actor=complaint.consumer, resolved=False, satisfaction=2
                        )
                        do_close_complaint(
                            complaint,
                            actor=attendant,
                            as_role="attendant",
                            classification=outcome,
                        )
                    _date_back(complaint.pk, days=days_back, answer_days=rng.randint(1, 14))
    return filed


def _date_back(complaint_id: int, *, days: int, answer_days: int) -> None:
    """Move the complaint's dates to when it stands for, and its index row with it. Every date
    the case records (filed, CIP sent, answered, rated, closed, last change) lies in the past:
    a case of this month filed a few days ago is moved back far enough to have been closed
    before today. Deadlines may still lie ahead."""
    from tenants.complaints.models import Complaint

    complaint = Complaint.objects.get(pk=complaint_id)
    if complaint.closed_at:
        days = max(days, answer_days + 4)
    elif complaint.rated_at:
        days = max(days, answer_days + 3)
    elif complaint.answered_at:
        days = max(days, answer_days + 1)
    elif complaint.cip_sent_at:
        days = max(days, 2)
    shift = timedelta(days=days)
    now = timezone.now()
    complaint.created_at = now - shift
    filed = complaint.created_at
    if complaint.cip_sent_at:
        complaint.cip_sent_at = filed + timedelta(days=1)
        complaint.cip_due_on = (filed + timedelta(days=15)).date()
    if complaint.answered_at:
        complaint.answered_at = filed + timedelta(days=answer_days)
        complaint.answer_timely = answer_days <= 10
    if complaint.rating_due_on:
        complaint.rating_due_on = (filed + timedelta(days=answer_days + 20)).date()
    if complaint.rated_at:
        complaint.rated_at = filed + timedelta(days=answer_days + 2)
    if complaint.closed_at:
        complaint.closed_at = filed + timedelta(days=answer_days + 3)
    Complaint.objects.filter(pk=complaint.pk).update(
        created_at=complaint.created_at,
        cip_sent_at=complaint.cip_sent_at,
        cip_due_on=complaint.cip_due_on,
        answered_at=complaint.answered_at,
        answer_timely=complaint.answer_timely,
        rating_due_on=complaint.rating_due_on,
        rated_at=complaint.rated_at,
        closed_at=complaint.closed_at,
        updated_at=complaint.closed_at or complaint.answered_at or complaint.created_at,
    )
    complaint.refresh_from_db()
    do_index_complaint(complaint)


def _launch_cnpjs() -> list[str]:
    return [spec[0] for spec in COMPANIES]
