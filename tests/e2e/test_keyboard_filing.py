"""A consumer files a complaint with the keyboard alone (Tab, Shift+Tab, Enter, Space and the arrow
keys), the company and the city chosen from the pickers' suggestions, and every control they use
shows the visible focus while they use it."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support import e2e

pytestmark = pytest.mark.e2e

PASSWORD = "senha-do-teclado-123"
SAO_JOSE_DOS_CAMPOS = 3549904
# The focused element, whether it shows a focus ring (the outline of :focus-visible, at least
# 2px and not transparent) and whether it is inside the viewport.
FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    id: el.id, tag: el.tagName.toLowerCase(), testid: el.getAttribute("data-testid") || "",
    text: (el.textContent || "").trim().slice(0, 60),
    focusVisible: el.matches(":focus-visible"),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
      && style.outlineColor !== "rgba(0, 0, 0, 0)",
    inView: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight
      && box.right > 0 && box.left < window.innerWidth,
  };
}"""


@pytest.fixture(scope="session")
def keyboard_consumer(committed_procon, django_db_blocker) -> e2e.Committed:
    """A consumer with a CPF and a company to pick from the suggestions, committed."""
    from validate_docbr import CNPJ, CPF

    from shared.companies.actions import do_register_company

    suffix = e2e.unique_suffix()
    with e2e.committed_writes(django_db_blocker):
        consumer = e2e.committed_person(
            f"teclado.{suffix}@exemplo.test", "Tereza do Teclado", PASSWORD, cpf=CPF().generate()
        )
        company = do_register_company(
            cnpj=CNPJ().generate(),
            legal_name=f"Teclas {suffix} Comércio Ltda",
            trade_name=f"Teclas {suffix}",
        )
    return e2e.Committed(
        email=consumer.email,
        company_name=company.trade_name,
        company_cnpj=company.cnpj_display,
    )


def _focused(page: Page) -> dict:
    return page.evaluate(FOCUS)


def _assert_visible_focus(page: Page, what: str) -> dict:
    focus = _focused(page)
    assert focus["focusVisible"] and focus["ring"], f"{what}: no visible focus ring ({focus})"
    assert focus["inView"], f"{what}: the focused element is off screen ({focus})"
    return focus


def _tab_to(page: Page, selector: str, *, limit: int = 40, back: bool = False) -> None:
    """Tab (or Shift+Tab) until the element matching `selector` has the focus; every element
    passed on the way shows its focus too."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            _assert_visible_focus(page, selector)
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
        focus = _focused(page)
        if focus["tag"] != "body":
            _assert_visible_focus(page, f"on the way to {selector}")
    raise AssertionError(f"{selector} never got the focus ({_focused(page)})")


def test_a_consumer_files_a_complaint_with_the_keyboard_alone(
    page: Page, live_server_url: str, keyboard_consumer: e2e.Committed
) -> None:
    base = e2e.on_host(live_server_url, "sorocaba")
    page.set_viewport_size({"width": 1280, "height": 800})
    e2e.login(page, base, keyboard_consumer.email, PASSWORD)
    page.goto(base + "/")

    # given the Procon's home: the first Tab shows the skip link, Enter jumps to the content
    page.keyboard.press("Tab")
    skip = _assert_visible_focus(page, "skip link")
    assert skip["text"] == "Ir para o conteúdo"
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "content"

    # when they reach "Registrar reclamação" with Tab and press Enter
    _tab_to(page, '[data-testid="file-complaint-link"]')
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("file-form")).to_be_visible()

    # and pick the company from the suggestions with the arrow keys and Enter
    _tab_to(page, "#id_company_cnpj")
    page.keyboard.type(keyboard_consumer.company_name[:9].lower(), delay=30)
    company = page.locator("#id_company_cnpj")
    expect(company).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(company).to_have_attribute("aria-activedescendant", re.compile(r"_listbox_0$"))
    page.keyboard.press("Enter")
    expect(company).to_have_value(keyboard_consumer.company_cnpj)
    expect(company).to_have_attribute("aria-expanded", "false")
    _assert_visible_focus(page, "company picker after the choice")

    # and choose the subject, the problem and the channel with the arrow keys
    for select in ("#id_subject", "#id_problem", "#id_purchase_channel"):
        _tab_to(page, select)
        page.keyboard.press("ArrowDown")
        assert page.locator(select).input_value(), select
        if select == "#id_subject":
            # the problem list now holds the subject's problems only
            expect(page.locator("#id_problem")).to_have_attribute(
                "data-problems-for", page.locator(select).input_value()
            )

    # and answer "did you contact the company" with Space, then change it with the arrows
    _tab_to(page, "#id_contacted_company_first_0")
    page.keyboard.press("Space")
    expect(page.locator("#id_contacted_company_first_0")).to_be_checked()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#id_contacted_company_first_1")).to_be_checked()
    _assert_visible_focus(page, "the second answer")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#id_contacted_company_first_0")).to_be_checked()

    # and replace the city that comes filled in, from the suggestions
    _tab_to(page, "#id_consumer_municipality")
    city = page.locator("#id_consumer_municipality")
    expect(city).to_have_value("Sorocaba")
    page.keyboard.press("Control+a")
    page.keyboard.type("sao jose dos c", delay=30)
    expect(page.get_by_role("option", name="São José dos Campos/SP")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(city).to_have_value("São José dos Campos")
    expect(page.locator("#id_consumer_municipality_ibge")).to_have_value(str(SAO_JOSE_DOS_CAMPOS))

    # and write what happened and what they want, going back once with Shift+Tab to add a line
    _tab_to(page, "#id_facts")
    page.keyboard.type("Comprei um teclado que veio sem a tecla Enter.", delay=5)
    _tab_to(page, "#id_request")
    page.keyboard.type("Quero a troca do teclado.", delay=5)
    _tab_to(page, "#id_facts", back=True)
    page.keyboard.press("End")
    page.keyboard.type(" A loja não responde.", delay=5)
    expect(page.locator("#id_facts")).to_have_value(
        "Comprei um teclado que veio sem a tecla Enter. A loja não responde."
    )

    # and tick the consent with Space and send with Enter
    _tab_to(page, "#id_lgpd_consent")
    page.keyboard.press("Space")
    expect(page.locator("#id_lgpd_consent")).to_be_checked()
    _tab_to(page, '[data-testid="file-submit"]')
    page.keyboard.press("Enter")

    # then the complaint is filed, with its protocol number on one line
    number = page.get_by_test_id("complaint-number")
    expect(number).to_have_text(re.compile(r"^SOROCABA-\d{4}-\d{6}$"))
    expect(page.locator(".message-success")).to_contain_text(number.inner_text())
    lines = number.evaluate(
        "el => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))"
    )
    assert lines == 1
