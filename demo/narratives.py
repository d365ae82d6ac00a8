"""Consented narratives of the demo (tenants/narratives): at Santos, one published on Vivo's
page with Vivo's public response and its words approved, one waiting in the moderation queue.
Their facts carry the personal data the scrubber removes. Idempotent."""

from shared.accounts.models import User
from shared.companies.models import Company
from shared.narratives.responses import ResponseKind
from shared.procons.models import Procon
from shared.procons.schemas import in_procon_schema

NARRATIVES = [
    (
        "demo-narrative-1",
        "02558157000162",
        "Serviços na internet",
        "Cobrança após cancelamento",
        "Meu nome é Karina Consumidora, CPF 529.982.247-25. Cancelei a internet em 12/09 pelo "
        "telefone e o atendente Roberto me deu o protocolo 20260912884411, mas a Vivo continua "
        "cobrando R$ 129,90 por mês no meu cartão 4111 1111 1111 1111. Já liguei do meu "
        "celular (13) 99712-3456 cinco vezes e ninguém resolve.",
        "published",
    ),
    (
        "demo-narrative-2",
        "33041260065290",
        "Refrigerador",
        "danificado",
        "Comprei uma geladeira no site e ela chegou amassada na Rua Azevedo Sodré, 120, apto 32. "
        "Mandei fotos para sac@casasbahia.demo.test e a atendente Patrícia Gomes disse que a "
        "troca seria agendada, o que nunca aconteceu. Meu e-mail é karina.c@exemplo.com.br.",
        "pending",
    ),
]


def seed_narratives() -> int:
    from tenants.catalogue.models import Problem, PurchaseChannel, Subject
    from tenants.complaints.actions.answer import do_send_cip
    from tenants.complaints.actions.filing import do_file_complaint
    from tenants.complaints.actions.triage import do_accept_complaint
    from tenants.complaints.lifecycle import ComplaintStatus
    from tenants.narratives.actions import do_approve, do_approve_response, do_respond
    from tenants.narratives.models import NarrativeStatus, ResponseTextStatus

    consumer = User.objects.get(email="consumidor@demo.test")
    attendant = User.objects.get(email="atendente.santos@demo.test")
    agent = User.objects.get(email="preposto.vivo@demo.test")
    with in_procon_schema(Procon.objects.get(slug="santos")):
        for key, cnpj, subject, problem, facts, stage in NARRATIVES:
            complaint = do_file_complaint(
                consumer=consumer,
                company=Company.objects.get(cnpj=cnpj),
                subject=Subject.objects.filter(name__contains=subject).order_by("id").first(),
                problem=Problem.objects.filter(name__contains=problem).order_by("id").first(),
                purchase_channel=PurchaseChannel.objects.filter(active=True).first(),
                contacted_company_first=True,
                facts=facts,
                request="Quero a solução do problema e a devolução do que paguei.",
                lgpd_consent=True,
                idempotency_key=key,
                publish_narrative=True,
            )
            if complaint.status == ComplaintStatus.REGISTERED:
                complaint = do_accept_complaint(complaint, actor=attendant, as_role="attendant")
                complaint = do_send_cip(complaint, actor=attendant, as_role="attendant")
            narrative = complaint.narrative
            if stage != "published" or narrative.status != NarrativeStatus.PENDING:
                continue
            do_approve(narrative, actor=attendant)
            response = do_respond(
                complaint,
                actor=agent,
                kind=ResponseKind.ISOLATED_ERROR,
                text="Identificamos uma falha no cancelamento e o valor foi estornado na fatura "
                "seguinte. Pedimos desculpas à cliente Karina pelo transtorno.",
            )
            if response.text_status == ResponseTextStatus.PENDING:
                do_approve_response(response, actor=attendant)
    return len(NARRATIVES)
