"""Triage suggestions on a small hand-made history at Santos: a company whose closed complaints
were mostly about one subject, the facts search in Portuguese (plural and accents), the company's
usual answer, who may see them (page and API), and accepting one reclassifies the complaint."""

import pytest
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from tenants.catalogue.hierarchy import problems_for
from tenants.catalogue.models import Subject
from tenants.complaints.actions.answer import do_record_company_answer
from tenants.complaints.actions.closing import do_rate_answer
from tenants.complaints.models import Complaint
from tests.factories import CompanyFactory, ConsumerFactory, company_agent, staff
from tests.support.clients import logged_in_client
from tests.support.html import text_by_testid, texts_by_testid
from tests.tenants.complaints.factories import at_cip_sent, file_complaint

pytestmark = pytest.mark.django_db
FRIDGE = "A geladeira chegou quebrada, com a porta amassada, e a loja não troca o produto."
BILL = "Cobrança em dobro na fatura do cartão depois do cancelamento do plano."


def _closed(attendant, company, subject, problem, facts, answer_type="solved_monetary"):
    complaint = at_cip_sent(
        attendant, company=company, subject=subject, problem=problem, facts=facts
    )
    complaint = do_record_company_answer(
        complaint, actor=attendant, as_role="attendant", text="Trocamos.", answer_type=answer_type
    )
    return do_rate_answer(complaint, actor=complaint.consumer, resolved=True, satisfaction=5)


@pytest.fixture
def world(procon):
    attendant = staff(procon, StaffRole.ATTENDANT)
    company, other = CompanyFactory(), CompanyFactory()
    with tenant_context(procon):
        fridge_subject, bill_subject = Subject.objects.filter(active=True).order_by("id")[:2]
        fridge_problem = problems_for(fridge_subject).order_by("id").first()
        bill_problem = problems_for(bill_subject).order_by("id").first()
        closed = [
            _closed(attendant, company, fridge_subject, fridge_problem, FRIDGE) for _ in range(3)
        ]
        _closed(attendant, company, bill_subject, bill_problem, BILL, "explained")
        _closed(attendant, other, bill_subject, bill_problem, BILL, "explained")
        # The new one: filed under the bill's subject, its facts about a broken fridge.
        new = file_complaint(
            company=company,
            subject=bill_subject,
            problem=bill_problem,
            facts="Geladeiras quebradas: comprei e veio com a porta amassada.",
        )
    return {
        "attendant": attendant,
        "company": company,
        "new": new,
        "closed": closed,
        "fridge": (fridge_subject, fridge_problem),
        "bill": (bill_subject, bill_problem),
    }


def test_the_company_s_history_and_the_facts_point_to_the_same_subject(procon, world) -> None:
    fridge_subject, fridge_problem = world["fridge"]
    client = logged_in_client(world["attendant"], procon.host)

    body = client.get(f"/api/v1/complaints/{world['new'].number}/suggestions/").json()

    assert body["in_triage"] is True and body["basis"] == "company"
    assert body["subjects"][0] == {
        "name": fridge_subject.name,
        "share": pytest.approx(body["subjects"][0]["share"]),
        "id": fridge_subject.pk,
    }
    assert body["problems"][0]["id"] == fridge_problem.pk
    # The three fridge complaints read like the new one (stemmed plural, no accent needed).
    assert {case["number"] for case in body["similar"]} == {c.number for c in world["closed"]}
    assert all(case["classification"] == "resolved_at_cip" for case in body["similar"])
    # Three of the company's four answers were monetary solutions.
    assert body["usual_answer_share"] == 0.75


def test_the_page_shows_them_and_using_one_reclassifies(procon, world) -> None:
    fridge_subject, fridge_problem = world["fridge"]
    number = world["new"].number
    client = logged_in_client(world["attendant"], procon.host)

    page = client.get(f"/reclamacoes/{number}/sugestoes/")
    assert page.status_code == 200
    assert fridge_subject.name in text_by_testid(page.content, "suggested-subjects")
    assert len(texts_by_testid(page.content, "similar-case")) == 3
    assert "75,0%" in text_by_testid(page.content, "usual-answer")

    client.post(
        f"/reclamacoes/{number}/reclassificar/",
        {
            "reclassify-subject": fridge_subject.pk,
            "reclassify-problem": fridge_problem.pk,
            "reclassify-note": "Classificação sugerida na triagem.",
        },
    )
    with tenant_context(procon):
        complaint = Complaint.objects.get(number=number)
    assert (complaint.subject_id, complaint.problem_id) == (fridge_subject.pk, fridge_problem.pk)
    detail = client.get(f"/reclamacoes/{number}/").content.decode()
    assert 'data-testid="suggestions-link"' in detail


def test_only_the_staff_who_reclassify_see_them(procon, other_procon, world) -> None:
    number = world["new"].number
    new = world["new"]
    for user, host in (
        (new.consumer, procon.host),
        (company_agent(world["company"]), procon.host),
        (staff(procon, StaffRole.INSPECTOR), procon.host),
        (staff(other_procon, StaffRole.ATTENDANT), other_procon.host),
        (ConsumerFactory(), procon.host),
    ):
        client = logged_in_client(user, host)
        assert client.get(f"/reclamacoes/{number}/sugestoes/").status_code == 404
        assert client.get(f"/api/v1/complaints/{number}/suggestions/").status_code == 404


def test_past_triage_there_is_nothing_to_suggest(procon, world) -> None:
    closed = world["closed"][0]
    client = logged_in_client(world["attendant"], procon.host)

    body = client.get(f"/api/v1/complaints/{closed.number}/suggestions/").json()
    page = client.get(f"/reclamacoes/{closed.number}/sugestoes/")

    assert body["in_triage"] is False and body["subjects"] == []
    assert 'data-testid="suggestions-closed"' in page.content.decode()
