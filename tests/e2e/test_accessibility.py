"""axe-core (through axe-playwright-python) on every page of each role's main journey, on a
desktop (1280 px) and a phone (390 px) screen: no serious or critical violation, and no page
blocked by the Content Security Policy (an error in the browser console).

The roles: a visitor (platform and Procon hosts), a consumer, an attendant, a company agent, the
state supervisor and an inspector, with committed data at Sorocaba (the session's Procon for
committed data) so that the server process sees it."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.support import e2e

pytestmark = pytest.mark.e2e

PASSWORD = "senha-da-acessibilidade-123"
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
BLOCKING = {"serious", "critical"}


@dataclass(frozen=True)
class Tour:
    consumer: str
    attendant: str
    inspector: str
    agent: str
    supervisor: str
    answered_case: str  # the CIP sent: in the company's inbox
    new_case: str  # registered: the attendant's triage steps
    inspection_id: int
    process: str


@pytest.fixture(scope="session")
def tour(committed_procon, django_db_blocker) -> Tour:
    """One person per role and the cases and process their pages show, committed."""
    from django_tenants.utils import tenant_context
    from validate_docbr import CPF

    from shared.procons.models import Procon
    from tests.tenants.complaints.factories import at_cip_sent, file_complaint
    from tests.tenants.sanctions.factories import notified

    people = e2e.People("a11y", PASSWORD)
    with e2e.committed_writes(django_db_blocker):
        consumer = people.person("consumidor", "Conceição Consumidora", cpf=CPF().generate())
        attendant = people.staff("atendente", "Átila Atendente", committed_procon, "attendant")
        inspector = people.staff("fiscal", "Fernanda Fiscal", committed_procon, "inspector")
        agent = people.person("preposto", "Pedro Preposto")
        supervisor = people.staff(
            "supervisor", "Sueli Supervisora", Procon.objects.get(slug="sp"), "supervisor"
        )
        company = e2e.company_with_agent(
            agent,
            legal_name=f"Eletro Acessível {people.suffix} Ltda",
            trade_name=f"Eletro Acessível {people.suffix}",
        )
        with tenant_context(committed_procon):
            answered = at_cip_sent(attendant, consumer=consumer, company=company)
            new = file_complaint(consumer=consumer, company=company)
            notice = notified(inspector, company=company)
    return Tour(
        consumer=consumer.email,
        attendant=attendant.email,
        inspector=inspector.email,
        agent=agent.email,
        supervisor=supervisor.email,
        answered_case=answered.number,
        new_case=new.number,
        inspection_id=notice.inspection_id,
        process=notice.number,
    )


@dataclass(frozen=True)
class Journey:
    host: str  # "" for the platform's host, else a Procon's slug
    login: Callable[[Tour], str] | None
    paths: Callable[[Tour], list[str]]


JOURNEYS = {
    "visitor-platform": Journey(
        "",
        None,
        lambda t: [
            "/",
            "/entrar/",
            "/cadastro/",
            "/onde-reclamar/",
            # a city without its own Procon: the answer that explains Procon-SP
            "/onde-reclamar/?city=S%C3%A3o+Jos%C3%A9+dos+Campos",
            "/reclamacoes-fundamentadas/",
            "/dados-abertos/",
            "/adesao/",
        ],
    ),
    "visitor-procon": Journey(
        "sorocaba", None, lambda t: ["/", "/entrar/", "/processos/", "/responder/"]
    ),
    "consumer": Journey(
        "sorocaba",
        lambda t: t.consumer,
        lambda t: [
            "/",
            "/reclamar/",
            "/minhas-reclamacoes/",
            f"/reclamacoes/{t.answered_case}/",
            f"/reclamacoes/{t.new_case}/",
            "/conta/meus-dados/",
        ],
    ),
    "attendant": Journey(
        "sorocaba",
        lambda t: t.attendant,
        lambda t: [
            "/atendimento/",
            f"/reclamacoes/{t.new_case}/",
            f"/reclamacoes/{t.answered_case}/",
        ],
    ),
    "company": Journey(
        "",
        lambda t: t.agent,
        lambda t: [
            "/empresa/caixa/",
            f"/empresa/caixa/sorocaba/{t.answered_case}/",
            f"/empresa/caixa/sorocaba/processos/{t.process}/",
        ],
    ),
    "supervisor": Journey("sp", lambda t: t.supervisor, lambda t: ["/supervisao/painel/"]),
    "inspector": Journey(
        "sorocaba",
        lambda t: t.inspector,
        lambda t: [
            "/fiscalizacao/",
            "/fiscalizacao/inspecoes/nova/",
            f"/fiscalizacao/inspecoes/{t.inspection_id}/",
            f"/fiscalizacao/processos/{t.process}/",
        ],
    ),
}


def _describe(violation: dict) -> str:
    nodes = "; ".join(
        " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
        for node in violation["nodes"][:5]
    )
    return f"{violation['impact']} {violation['id']}: {violation['help']} [{nodes}]"


@pytest.mark.parametrize("role", list(JOURNEYS))
def test_every_page_of_the_journey_has_no_serious_accessibility_violation(
    browser: Browser, live_server_url: str, tour: Tour, role: str
) -> None:
    journey = JOURNEYS[role]
    base = e2e.on_host(live_server_url, journey.host or None)
    console_errors: list[str] = []
    axe = Axe()
    found: list[str] = []
    with e2e.session_page(browser, {"width": 1280, "height": 800}) as page:
        page.on(
            "console",
            lambda message: (
                console_errors.append(f"{page.url}: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        if journey.login is not None:
            e2e.login(page, base, journey.login(tour), PASSWORD)
        for path in journey.paths(tour):
            for label, (width, height) in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                response = page.goto(base + path)
                assert response is not None and response.status == 200, (path, response)
                page.wait_for_load_state("networkidle")
                if "?city=" in path:  # the answer itself, not the form again
                    assert page.get_by_test_id("where-to-file-go").is_visible(), path
                results = axe.run(page)
                found += [
                    f"{path} ({label}) {_describe(violation)}"
                    for violation in results.response["violations"]
                    if violation["impact"] in BLOCKING
                ]

    assert not found, "\n".join(found)
    assert not console_errors, "\n".join(console_errors)


# The key columns of each list: the row of the tour's case or process keeps its number, status
# and deadline in view on a phone (WCAG 1.4.10, reflow: no sideways scrolling to read them).
PHONE_LISTS = {
    "attendant": ("/atendimento/", lambda t: t.answered_case, ("Situação", "Prazo")),
    "company": ("/empresa/caixa/", lambda t: t.answered_case, ("Situação", "Prazo")),
    "inspector": ("/fiscalizacao/", lambda t: t.process, ("Etapa", "Prazo da empresa")),
}
KEY_CELLS = """([number, labels]) => {
  const row = document.querySelector(`tr[data-number="${number}"]`);
  const width = document.documentElement.clientWidth;
  const inView = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= width;
  };
  const link = row.querySelector("a");
  const lineHeight = parseFloat(getComputedStyle(link).lineHeight);
  return {
    overflow: document.documentElement.scrollWidth - width,
    numberOneLine: Math.round(link.getBoundingClientRect().height / lineHeight) === 1,
    numberInView: inView(link),
    cells: labels.map((label) => {
      const cell = [...row.cells].find((c) => c.getAttribute("data-label") === label);
      return cell ? [label, inView(cell), cell.textContent.trim()] : [label, false, null];
    }),
  };
}"""


@pytest.mark.parametrize("role", list(PHONE_LISTS))
def test_on_a_phone_the_lists_keep_number_status_and_deadline_in_view(
    browser: Browser, live_server_url: str, tour: Tour, role: str
) -> None:
    journey = JOURNEYS[role]
    path, number, labels = PHONE_LISTS[role]
    base = e2e.on_host(live_server_url, journey.host or None)
    with e2e.session_page(browser) as page:
        e2e.login(page, base, journey.login(tour), PASSWORD, then=path)
        page.wait_for_load_state("networkidle")
        found = page.evaluate(KEY_CELLS, [number(tour), list(labels)])

    assert found["overflow"] == 0, found
    assert found["numberOneLine"] and found["numberInView"], found
    for label, in_view, text in found["cells"]:
        assert in_view, (label, found)
        assert text, (label, found)
