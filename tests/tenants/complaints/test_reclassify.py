"""Staff reclassify a complaint's company, subject and problem: the timeline keeps the old and new
values (shown in words), the case index follows, a new company after the CIP receives it anew,
and nobody else reclassifies (consumer, company, another Procon's staff, a closed case)."""

import pytest
from django_tenants.utils import tenant_context

from kernel.workflow.codes import ACCESS_CODE_DATA_KEY
from shared.accounts.roles import StaffRole
from shared.caseindex.models import CaseIndexEntry
from tenants.catalogue.models import Problem, Subject
from tenants.complaints.actions.closing import do_withdraw_complaint
from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.complaints.lifecycle import Step
from tenants.complaints.models import Complaint
from tests.factories import CompanyFactory, company_agent, staff
from tests.support.clients import logged_in_client, post_json, status_of
from tests.tenants.complaints.factories import (
    at_answered,
    at_cip_sent,
    file_complaint,
    reclassify_company_on_page,
)

pytestmark = pytest.mark.django_db

POSTPAID = ("Telecomunicações", "Telefonia Móvel Pós-paga")
# Recorded under Telefonia Móvel Pós-paga in consumidor.gov.br's data; never under Flores.
BILLING = "Cobrança por serviço/produto não contratado / não reconhecido / não solicitado"
FLOWERS = ("Demais Produtos", "Flores")


def _subject(area: str, name: str) -> Subject:
    return Subject.objects.get(area__name=area, name=name)


def _index(procon, complaint: Complaint) -> CaseIndexEntry:
    return CaseIndexEntry.objects.get(procon=procon, number=complaint.number)


def _assert_index_is_the_case(procon, complaint: Complaint) -> None:
    """The index row equals the case (tests/shared/inbox/test_index_consistency.py's fields)."""
    with tenant_context(procon):
        case = Complaint.objects.select_related("subject__area", "problem__group").get(
            pk=complaint.pk
        )
    entry = _index(procon, case)
    assert (entry.company_id, entry.status, entry.cip_due_on, entry.updated_at) == (
        case.company_id,
        case.status,
        case.cip_due_on,
        case.updated_at,
    )
    assert (entry.subject, entry.subject_area, entry.problem, entry.problem_group) == (
        case.subject.name,
        case.subject.area.name,
        case.problem.name,
        case.problem.group.name,
    )
    assert entry.subject_code == case.subject.sindec_code
    assert entry.problem_code == case.problem.sindec_code_under(case.subject)


def test_staff_reclassify_subject_and_problem_on_the_case_page(procon, attendant) -> None:
    with tenant_context(procon):
        complaint = file_complaint()
        old_subject, old_problem = complaint.subject, complaint.problem
        subject, problem = _subject(*POSTPAID), Problem.objects.get(name=BILLING)
    client = logged_in_client(attendant, procon.host)
    alone = client.get(f"/reclamacoes/{complaint.number}/reclassificar/")
    assert alone.status_code == 200
    assert 'data-testid="reclassify-form"' in alone.content.decode()
    page = client.get(f"/reclamacoes/{complaint.number}/").content.decode()
    assert 'data-testid="reclassify-form"' in page
    # when
    response = client.post(
        f"/reclamacoes/{complaint.number}/reclassificar/",
        {
            "reclassify-subject": subject.pk,
            "reclassify-problem": problem.pk,
            "reclassify-note": "Era o plano pós-pago.",
        },
    )
    # then
    assert response.status_code == 302
    with tenant_context(procon):
        complaint.refresh_from_db()
        event = complaint.events.get(step=Step.RECLASSIFY)
    assert (complaint.subject_id, complaint.problem_id) == (subject.pk, problem.pk)
    assert event.data["changes"] == {
        "subject": {
            "old": {"id": old_subject.pk, "name": old_subject.name},
            "new": {"id": subject.pk, "name": "Telefonia Móvel Pós-paga"},
        },
        "problem": {
            "old": {"id": old_problem.pk, "name": old_problem.name},
            "new": {"id": problem.pk, "name": BILLING},
        },
    }
    assert event.note == "Era o plano pós-pago."
    _assert_index_is_the_case(procon, complaint)
    # and the timeline says it in words
    page = client.get(f"/reclamacoes/{complaint.number}/").content.decode()
    assert "“Telefonia Móvel Pós-paga”" in page
    assert f"“{old_subject.name}”" in page
    assert 'data-testid="reclassified-subject"' in page


def test_a_problem_outside_the_subject_is_refused_on_the_page_and_in_the_api(
    procon, attendant
) -> None:
    with tenant_context(procon):
        complaint = file_complaint()
        flowers = _subject(*FLOWERS)
        billing = Problem.objects.get(name=BILLING)
    client = logged_in_client(attendant, procon.host)
    page = client.post(
        f"/reclamacoes/{complaint.number}/reclassificar/",
        {"reclassify-subject": flowers.pk, "reclassify-problem": billing.pk},
    )
    assert page.status_code == 400
    assert page.context["form"].errors["problem"]
    api = post_json(
        client,
        f"/api/v1/complaints/{complaint.number}/reclassify/",
        {"subject_id": flowers.pk, "problem_id": billing.pk},
    )
    assert api.status_code == 400
    assert set(api.json()) == {"problem_id"}
    with tenant_context(procon):
        assert not complaint.events.filter(step=Step.RECLASSIFY).exists()


def test_nothing_changed_is_refused(procon, attendant) -> None:
    with tenant_context(procon):
        complaint = file_complaint()
    response = post_json(
        logged_in_client(attendant, procon.host),
        f"/api/v1/complaints/{complaint.number}/reclassify/",
        {},
    )
    assert response.status_code == 400


def test_a_new_company_before_the_cip_takes_the_case(procon, attendant) -> None:
    first, second = CompanyFactory(), CompanyFactory()
    with tenant_context(procon):
        complaint = file_complaint(company=first)
    client = logged_in_client(attendant, procon.host)
    response = reclassify_company_on_page(client, complaint, second.cnpj_display)
    assert response.status_code == 302
    with tenant_context(procon):
        complaint.refresh_from_db()
        event = complaint.events.get(step=Step.RECLASSIFY)
        assert not complaint.events.filter(step=Step.SEND_CIP).exists()
    assert complaint.company_id == second.pk
    assert event.data["changes"]["company"]["old"]["id"] == first.pk
    assert event.data["changes"]["company"]["new"] == {
        "id": second.pk,
        "name": str(second),
        "document": f"CNPJ {second.cnpj_display}",
    }
    assert event.data["cip_sent_again"] is False
    _assert_index_is_the_case(procon, complaint)


def test_a_new_company_after_the_cip_receives_it_anew(procon, attendant) -> None:
    # given a CIP sent to the wrong company
    wrong, right = CompanyFactory(), CompanyFactory()
    wrong_agent, right_agent = company_agent(wrong), company_agent(right)
    with tenant_context(procon):
        complaint = at_cip_sent(attendant, company=wrong)
        first_code = complaint.events.get(step=Step.SEND_CIP).data[ACCESS_CODE_DATA_KEY]
    assert status_of(wrong_agent, procon.host, f"/reclamacoes/{complaint.number}/") == 200
    # when staff move it through the API
    response = post_json(
        logged_in_client(attendant, procon.host),
        f"/api/v1/complaints/{complaint.number}/reclassify/",
        {"company_id": right.pk, "note": "CNPJ errado."},
    )
    # then a second CIP goes to the right company, with its own code
    assert response.status_code == 200, response.json()
    with tenant_context(procon):
        complaint.refresh_from_db()
        steps = list(complaint.events.order_by("at", "id").values_list("step", flat=True))
        second = complaint.events.filter(step=Step.SEND_CIP).order_by("-id").first()
    assert steps[-2:] == [Step.RECLASSIFY, Step.SEND_CIP]
    assert (complaint.company_id, complaint.status) == (right.pk, S.CIP_SENT)
    assert second.data[ACCESS_CODE_DATA_KEY] != first_code
    assert second.data["due_on"] == complaint.cip_due_on.isoformat()
    assert [e["step"] for e in response.json()["timeline"]][-2:] == ["reclassify", "send_cip"]
    _assert_index_is_the_case(procon, complaint)
    # the wrong company no longer reaches the case; the right one does
    assert status_of(wrong_agent, procon.host, f"/reclamacoes/{complaint.number}/") == 404
    assert status_of(right_agent, procon.host, f"/reclamacoes/{complaint.number}/") == 200


def test_the_company_is_not_changed_once_it_answered(procon, attendant) -> None:
    with tenant_context(procon):
        complaint = at_answered(attendant)
    other = CompanyFactory()
    client = logged_in_client(attendant, procon.host)
    response = post_json(
        client, f"/api/v1/complaints/{complaint.number}/reclassify/", {"company_id": other.pk}
    )
    assert response.status_code == 400
    assert set(response.json()) == {"company_id"}
    # the subject may still be corrected
    with tenant_context(procon):
        subject = _subject(*POSTPAID)
        billing = Problem.objects.get(name=BILLING)
    ok = post_json(
        client,
        f"/api/v1/complaints/{complaint.number}/reclassify/",
        {"subject_id": subject.pk, "problem_id": billing.pk},
    )
    assert ok.status_code == 200
    assert ok.json()["status"] == S.ANSWERED


def test_parties_cannot_reclassify(procon, attendant) -> None:
    company = CompanyFactory()
    agent = company_agent(company)
    with tenant_context(procon):
        complaint = at_cip_sent(attendant, company=company)
        subject = _subject(*POSTPAID)
    for person in (complaint.consumer, agent):
        client = logged_in_client(person, procon.host)
        api = post_json(
            client, f"/api/v1/complaints/{complaint.number}/reclassify/", {"subject_id": subject.pk}
        )
        assert api.status_code == 409, person
        page = client.post(
            f"/reclamacoes/{complaint.number}/reclassificar/", {"reclassify-subject": subject.pk}
        )
        assert page.status_code == 404
        assert (
            'data-testid="reclassify-form"'
            not in client.get(f"/reclamacoes/{complaint.number}/").content.decode()
        )
    with tenant_context(procon):
        assert not complaint.events.filter(step=Step.RECLASSIFY).exists()


def test_another_procons_staff_get_404(procon, other_procon, attendant) -> None:
    with tenant_context(procon):
        complaint = file_complaint()
    stranger = staff(other_procon, StaffRole.ATTENDANT)
    for host in (procon.host, other_procon.host):
        client = logged_in_client(stranger, host)
        assert (
            post_json(
                client,
                f"/api/v1/complaints/{complaint.number}/reclassify/",
                {"company_id": CompanyFactory().pk},
            ).status_code
            == 404
        )
        assert client.get(f"/reclamacoes/{complaint.number}/reclassificar/").status_code == 404


def test_a_closed_case_is_not_reclassified(procon, attendant) -> None:
    with tenant_context(procon):
        complaint = file_complaint()
        do_withdraw_complaint(complaint, actor=complaint.consumer)
        subject = _subject(*POSTPAID)
    client = logged_in_client(attendant, procon.host)
    response = post_json(
        client, f"/api/v1/complaints/{complaint.number}/reclassify/", {"subject_id": subject.pk}
    )
    assert response.status_code == 409
    page = client.get(f"/reclamacoes/{complaint.number}/").content.decode()
    assert 'data-testid="reclassify-form"' not in page
