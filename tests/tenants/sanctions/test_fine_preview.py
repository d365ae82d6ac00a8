"""The fine decision form's preview: the endpoint answers the fine the decision records with the
same options (the note's vectors T1-T5), only to the judging authority of the process's Procon;
bad options are 400 naming the field in Portuguese, never 500; the verified-company reduction is
shown ticked, disabled and marked as automatic; without the script the form previews too."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared.accounts.roles import StaffRole
from shared.companies.models import Company
from tenants.penalties.dosimetry import FLOOR_UFIR, VERIFIED_COMPANY_SEAL
from tenants.penalties.selectors import active_circumstances, ufir_value_on
from tenants.sanctions.actions.company import do_file_defence
from tenants.sanctions.models import Decision, InfractionNotice
from tests.conftest import host_client
from tests.factories import ConsumerFactory, staff
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import pdf_upload
from tests.tenants.sanctions.factories import Provision, defended, notified

pytestmark = pytest.mark.django_db


def _process(procon, inspector, agent, company, **issue) -> InfractionNotice:
    with tenant_context(procon):
        return defended(inspector, agent, company, **issue)


def _a_mitigating_circumstance():  # type: ignore[no-untyped-def]
    """An active mitigating circumstance other than the verified-company seal (which the
    platform ticks itself)."""
    return next(
        c
        for c in active_circumstances()
        if c.kind == "mitigating" and c.code != VERIFIED_COMPANY_SEAL
    )


@pytest.fixture
def notice(procon, inspector, agent, company) -> InfractionNotice:
    """A process of this Procon, notified and defended: at the decision."""
    return _process(procon, inspector, agent, company)


@pytest.fixture
def desk(procon, judge) -> Client:
    """The judging authority's session at this Procon."""
    return logged_in_client(judge, procon.host)


def _preview_url(notice: InfractionNotice) -> str:
    return f"/fiscalizacao/processos/{notice.number}/decidir/previa/"


def _decide(client: Client, notice: InfractionNotice, **options) -> Decimal:
    """Decides through the page with `options`; returns the fine the decision recorded."""
    data = {"dismiss": "0", "sanctions": ["fine"], "reasoning": "Infração comprovada."} | options
    response = client.post(f"/fiscalizacao/processos/{notice.number}/decidir/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Decision.objects.get(notice_id=notice.pk, instance=1).fine_amount


# --- the figures ------------------------------------------------------------------------------

VECTORS = [
    # (case, revenue, provisions, advantage, expected fine before the floor/cap)
    ("T1", "1000000.00", [Provision(1, "CDC art. 31", "II")], "0", Decimal("7518.80")),
    ("T2", "50000.00", [Provision(1, "CDC art. 31", "I")], "0", None),  # raised to the floor
    ("T3", "200000000.00", [Provision(1, "CDC art. 31", "IV")], "0", Decimal("3007520.00")),
    ("T4", "10000000.00", [Provision(1, "CDC art. 31", "III")], "250000.00", Decimal("362782.00")),
    (
        "T5",
        "1000000.00",
        [Provision(1, "CDC art. 31", "II"), Provision(2, "CDC art. 31", "II")],
        "0",
        Decimal("10025.07"),
    ),
]


@pytest.mark.parametrize(("case", "revenue", "provisions", "advantage", "expected"), VECTORS)
def test_the_preview_shows_what_the_decision_records_for_the_notes_vectors(
    procon, inspector, agent, company, case, revenue, provisions, advantage, expected, desk
) -> None:
    notice = _process(
        procon,
        inspector,
        agent,
        company,
        provisions=provisions,
        revenue_estimate=Decimal(revenue),
    )

    preview = desk.get(_preview_url(notice), {"advantage": advantage})

    assert preview.status_code == 200, preview.content
    shown = Decimal(preview.json()["amount"])
    if expected is None:
        with tenant_context(procon):
            ufir = Decimal(str(getattr(ufir_value_on(notice.occurred_at.date()), "value", 0)))
        expected = (FLOOR_UFIR * ufir).quantize(Decimal("0.01"))
    assert shown == expected, case
    with tenant_context(procon):
        assert _decide(desk, notice, advantage=advantage) == shown


def test_the_preview_follows_the_ticked_circumstances_as_the_decision_does(
    procon, notice, desk
) -> None:
    with tenant_context(procon):
        mitigating = _a_mitigating_circumstance()
        aggravating = next(c for c in active_circumstances() if c.kind == "aggravating")
    ticked = {"circumstances": [str(aggravating.pk), str(mitigating.pk)]}

    without = desk.get(_preview_url(notice)).json()
    preview = desk.get(_preview_url(notice), ticked).json()

    assert Decimal(without["amount"]) == Decimal("7518.80")
    assert Decimal(preview["amount"]) != Decimal("7518.80")
    assert preview["amount_display"].startswith("R$ ")
    assert any(mitigating.label in step["description"] for step in preview["steps"])
    with tenant_context(procon):
        assert _decide(desk, notice, **ticked) == Decimal(preview["amount"])


def test_an_accepted_revenue_contest_previews_on_the_claimed_revenue(
    procon, inspector, agent, company, desk
) -> None:
    with tenant_context(procon):
        notice = do_file_defence(
            notified(inspector, company=company),
            actor=agent,
            text="Faturamento menor.",
            contests_revenue=True,
            claimed_revenue=Decimal("500000.00"),
            revenue_uploads=[pdf_upload("dre.pdf")],
        )

    preview = desk.get(_preview_url(notice), {"accept_revenue_contest": "on"}).json()

    assert preview["revenue"] == "500000.00"
    with tenant_context(procon):
        assert _decide(desk, notice, accept_revenue_contest="on") == Decimal(preview["amount"])


# --- the automatic reduction ------------------------------------------------------------------


def test_the_verified_company_reduction_is_shown_ticked_disabled_and_automatic(
    procon, inspector, agent, company, desk
) -> None:
    Company.objects.filter(pk=company.pk).update(verified_at=timezone.now())
    notice = _process(procon, inspector, agent, company)

    page = desk.get(f"/fiscalizacao/processos/{notice.number}/decidir/")
    html = page.content.decode()
    preview = desk.get(_preview_url(notice)).json()

    # the form shows it ticked and disabled, marked as automatic, and does not offer it again
    assert page.status_code == 200
    assert 'data-testid="automatic-circumstance"' in html
    assert (
        f'checked disabled data-testid="automatic-circumstance" data-code="{VERIFIED_COMPANY_SEAL}"'
        in html
    )
    assert "aplicada automaticamente" in html
    with tenant_context(procon):
        seal = next(c for c in active_circumstances() if c.code == VERIFIED_COMPANY_SEAL)
    assert f'name="circumstances" value="{seal.pk}"' not in html
    # the preview applies it (a sixth off T1) and the page's first figure is the same
    assert Decimal(preview["amount"]) == Decimal("6265.67")
    assert [row["code"] for row in preview["automatic"]] == [VERIFIED_COMPANY_SEAL]
    assert f'data-amount="{preview["amount"]}"' in html
    with tenant_context(procon):
        assert _decide(desk, notice) == Decimal("6265.67")


# --- who may ask --------------------------------------------------------------------------------


def test_the_preview_is_refused_to_everyone_but_the_procons_judge(
    procon, other_procon, inspector, judge, agent, notice
) -> None:
    url = _preview_url(notice)
    other_judge = staff(other_procon, StaffRole.JUDGE)

    assert logged_in_client(ConsumerFactory(), procon.host).get(url).status_code == 404
    assert logged_in_client(agent, procon.host).get(url).status_code == 404
    assert logged_in_client(inspector, procon.host).get(url).status_code == 404
    assert logged_in_client(other_judge, procon.host).get(url).status_code == 404
    assert logged_in_client(other_judge, other_procon.host).get(url).status_code == 404
    assert host_client(procon.host).get(url).status_code == 302  # to the login page
    assert logged_in_client(judge, procon.host).get(url).status_code == 200


def test_the_preview_answers_409_when_the_process_is_not_at_the_decision(
    procon, inspector, judge, company
) -> None:
    with tenant_context(procon):
        notice = notified(inspector, company=company)
    response = logged_in_client(judge, procon.host).get(_preview_url(notice))
    assert response.status_code == 409
    assert "detail" in response.json()


def test_the_preview_is_a_get_only(procon, judge, notice) -> None:
    assert logged_in_client(judge, procon.host).post(_preview_url(notice)).status_code == 405


# --- bad options --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field", "label"),
    [
        ({"advantage": "abc"}, "advantage", "Vantagem auferida (VA, R$)"),
        ({"advantage": "-5"}, "advantage", "Vantagem auferida (VA, R$)"),
        ({"advantage": "1e400"}, "advantage", "Vantagem auferida (VA, R$)"),
        ({"advantage": "NaN"}, "advantage", "Vantagem auferida (VA, R$)"),
        ({"circumstances": "999999"}, "circumstances", "Circunstâncias"),
        ({"circumstances": "abc"}, "circumstances", "Circunstâncias"),
        (
            {"accept_revenue_contest": "on"},
            "accept_revenue_contest",
            "Aceitar a receita declarada pela empresa",
        ),
    ],
)
def test_bad_options_are_400_naming_the_field_in_portuguese(
    procon, judge, query, field, label, notice
) -> None:
    response = logged_in_client(judge, procon.host).get(_preview_url(notice), query)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert errors[field][0].startswith(f"{label}: ")


def test_a_missing_revenue_is_400_not_500(procon, judge, notice) -> None:
    with tenant_context(procon):
        InfractionNotice.objects.filter(pk=notice.pk).update(revenue_estimate=None)
    response = logged_in_client(judge, procon.host).get(_preview_url(notice))
    assert response.status_code == 400
    assert response.json()["errors"]


# --- without the script -------------------------------------------------------------------------


def test_without_the_script_the_form_previews_the_fine_and_records_nothing(
    procon, notice, desk
) -> None:
    with tenant_context(procon):
        mitigating = _a_mitigating_circumstance()
    expected = desk.get(_preview_url(notice), {"circumstances": [str(mitigating.pk)]}).json()

    response = desk.post(
        f"/fiscalizacao/processos/{notice.number}/decidir/",
        {"preview": "1", "circumstances": [str(mitigating.pk)], "dismiss": "0"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-amount="{expected["amount"]}"' in html
    assert expected["amount_display"] in html
    assert 'data-testid="form-errors"' not in html  # the unfinished form is not an error
    assert f'value="{mitigating.pk}" id="id_circumstances_' in html
    assert "checked" in html.split(f'value="{mitigating.pk}"', 1)[1].split(">", 1)[0]
    with tenant_context(procon):
        assert not Decision.objects.filter(notice_id=notice.pk).exists()


def test_the_decision_page_loads_the_preview_script_from_a_file(procon, judge, notice) -> None:
    html = logged_in_client(judge, procon.host).get(
        f"/fiscalizacao/processos/{notice.number}/decidir/"
    )
    page = html.content.decode()
    assert '<script src="/static/js/fine-preview.js" defer' in page
    assert f'data-fine-preview-url="{_preview_url(notice)}"' in page
    assert 'aria-live="polite"' in page


def test_a_defence_lapsed_process_previews_too(procon, inspector, judge, company) -> None:
    with tenant_context(procon):
        notice = notified(inspector, company=company)
        InfractionNotice.objects.filter(pk=notice.pk).update(
            status="defence_lapsed", defence_due_on=timezone.localdate() - timedelta(days=1)
        )
    assert logged_in_client(judge, procon.host).get(_preview_url(notice)).status_code == 200


def test_a_larger_seal_fraction_in_the_procons_table_is_the_one_applied_automatically(
    procon, inspector, agent, company, desk
) -> None:
    # given a Procon whose table gives the verified-company seal a quarter, and a verified company
    Company.objects.filter(pk=company.pk).update(verified_at=timezone.now())
    notice = _process(procon, inspector, agent, company)
    with tenant_context(procon):
        from tenants.penalties.models import CircumstanceRule

        CircumstanceRule.objects.filter(code=VERIFIED_COMPANY_SEAL).update(
            numerator=1, denominator=4
        )

    preview = desk.get(_preview_url(notice)).json()

    # then the preview and the decision take a quarter off T1, without the box being ticked
    assert preview["automatic"][0]["fraction"] == "25,00%"
    assert Decimal(preview["amount"]) == Decimal("5639.10")
    with tenant_context(procon):
        assert _decide(desk, notice) == Decimal("5639.10")
