"""The fine decision form in the browser: the fine shown updates as the judge ticks circumstances,
the verified-company reduction is ticked, disabled and marked as automatic, and the decision
records the figure last shown."""

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tests.support import e2e

pytestmark = pytest.mark.e2e

PASSWORD = "senha-da-previa-da-multa-123"


@pytest.fixture(scope="session")
def decidable(committed_procon, django_db_blocker) -> e2e.Committed:
    """A defended process of a verified company at Sorocaba, and its judge, committed so that
    the server process sees them."""
    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from shared.companies.models import Company
    from tenants.penalties.dosimetry import VERIFIED_COMPANY_SEAL
    from tenants.penalties.selectors import active_circumstances
    from tests.tenants.sanctions.factories import defended

    people = e2e.People("previa", PASSWORD)
    with e2e.committed_writes(django_db_blocker):
        inspector = people.staff("fiscal", "Fernanda Fiscal", committed_procon, "inspector")
        judge = people.staff("julgador", "Jorge Julgador", committed_procon, "judge")
        agent = people.person("preposto", "Pedro Preposto")
        company = e2e.company_with_agent(
            agent, legal_name="Loja Verificada Ltda", trade_name="Loja V"
        )
        Company.objects.filter(pk=company.pk).update(verified_at=timezone.now())
        company.refresh_from_db()
        with tenant_context(committed_procon):
            notice = defended(inspector, agent, company)
            rows = list(active_circumstances())
            aggravating = next(c for c in rows if c.kind == "aggravating")
            mitigating = next(
                c for c in rows if c.kind == "mitigating" and c.code != VERIFIED_COMPANY_SEAL
            )
    return e2e.Committed(
        judge_email=judge.email,
        number=notice.number,
        notice_id=notice.pk,
        aggravating_id=aggravating.pk,
        mitigating_id=mitigating.pk,
    )


def _expected(procon, notice_id: int, circumstance_ids: list[int]) -> str:
    """The fine the decision would record, computed here as the endpoint does."""
    from django_tenants.utils import tenant_context

    from tenants.sanctions.fine import decision_fine
    from tenants.sanctions.models import InfractionNotice

    with tenant_context(procon):
        notice = InfractionNotice.objects.select_related("company").get(pk=notice_id)
        _revenue, fine = decision_fine(notice, circumstance_ids=circumstance_ids)
    return str(fine.amount)


def test_the_fine_shown_follows_the_ticked_boxes_and_is_what_the_decision_records(
    page: Page, live_server_url: str, decidable: e2e.Committed, committed_procon, django_db_blocker
) -> None:
    sorocaba = e2e.on_host(live_server_url, "sorocaba")
    with e2e.committed_writes(django_db_blocker):
        untouched = _expected(committed_procon, decidable.notice_id, [])
        aggravated = _expected(committed_procon, decidable.notice_id, [decidable.aggravating_id])
        both = _expected(
            committed_procon,
            decidable.notice_id,
            [decidable.aggravating_id, decidable.mitigating_id],
        )
    assert len({untouched, aggravated, both}) == 3

    # given the judge on the decision form
    e2e.login(page, sorocaba, decidable.judge_email, PASSWORD)
    page.goto(f"{sorocaba}/fiscalizacao/processos/{decidable.number}/decidir/")
    amount = page.get_by_test_id("fine-preview-amount")
    expect(amount).to_have_attribute("data-amount", untouched)
    # the verified-company reduction: ticked, not to be unticked, and said to be automatic
    seal = page.get_by_test_id("automatic-circumstance")
    expect(seal).to_be_checked()
    expect(seal).to_be_disabled()
    # with the script the preview needs no button
    expect(page.get_by_test_id("fine-preview-button")).to_be_hidden()

    # when they tick an aggravating circumstance, then the fine shown goes up to its figure
    page.locator(f'input[name="circumstances"][value="{decidable.aggravating_id}"]').check()
    expect(amount).to_have_attribute("data-amount", aggravated)
    # and a mitigating one brings it down again
    page.locator(f'input[name="circumstances"][value="{decidable.mitigating_id}"]').check()
    expect(amount).to_have_attribute("data-amount", both)
    expect(page.get_by_test_id("fine-preview-steps")).to_contain_text(
        "Verificada", ignore_case=True
    )
    # a bad advantage is said in the region, naming the field
    page.locator("#id_advantage").fill("-3")
    expect(page.get_by_test_id("fine-preview-errors")).to_be_visible()
    page.locator("#id_advantage").fill("0")
    expect(amount).to_have_attribute("data-amount", both)

    # when they decide with a fine, then the decision records the figure shown
    page.locator('input[name="dismiss"][value="0"]').check()
    page.locator('input[name="sanctions"][value="fine"]').check()
    page.locator("#id_reasoning").fill("Infração comprovada; agravante e atenuante reconhecidas.")
    page.get_by_test_id("decision-submit").click()
    expect(page.get_by_test_id("process-stage")).to_have_attribute("data-status", "appeal_window")
    with e2e.committed_writes(django_db_blocker):
        from django_tenants.utils import tenant_context

        from tenants.sanctions.models import Decision

        with tenant_context(committed_procon):
            recorded = Decision.objects.get(notice_id=decidable.notice_id, instance=1).fine_amount
    assert recorded == Decimal(both).quantize(Decimal("0.01"))
