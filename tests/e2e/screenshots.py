"""Screenshots of each role's main pages for docs/img/, from a running stack with the demo data.

    make run                                     # in another terminal: the demo at :8000
    .venv/bin/python tests/e2e/screenshots.py    # writes docs/img/<page>-desktop.png and -phone.png

Options: --base (http://localhost:8000), --out (docs/img), --only NAME (one page, repeatable).
The demo logins' password and authenticator key are read from DEMO_PASSWORD and
DEMO_TOTP_SECRET when set (README, Demo logins); Debian's chromium drives the pages
(CHROMIUM_PATH changes it). Each page is shot 1280 and 390 CSS pixels wide, at most
1600 or 1800 pixels tall, and stored as a 256-colour PNG.
"""

import argparse
import base64
import io
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django_otp.oath import totp
from PIL import Image
from playwright.sync_api import BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PASSWORD = os.environ.get("DEMO_PASSWORD", "procon-demo-2026")
TOTP_SECRET = os.environ.get("DEMO_TOTP_SECRET", "PROCONDIGITALDEMOPROCONDIGITALDE")
# name: (width, viewport height, the most of the page kept)
WIDTHS = {"desktop": (1280, 800, 1600), "phone": (390, 844, 1800)}


@dataclass(frozen=True)
class Shot:
    name: str
    host: str  # "" for the platform's host, else a Procon's slug
    path: str | Callable[[Page], None]  # a path, or steps that reach the page from the host's home


@dataclass(frozen=True)
class Role:
    name: str
    email: str | None
    host: str
    shots: list[Shot]


def _first_link(list_path: str, testid: str) -> Callable[[Page], None]:
    def reach(page: Page) -> None:
        page.goto(_url(page, list_path))
        page.get_by_test_id(testid).first.click()
        page.wait_for_load_state()

    return reach


def _first_matching(list_path: str, pattern: str) -> Callable[[Page], None]:
    def reach(page: Page) -> None:
        page.goto(_url(page, list_path))
        page.locator(f"main a[href*='{pattern}']").first.click()
        page.wait_for_load_state()

    return reach


def _url(page: Page, path: str) -> str:
    parts = urlsplit(page.url)
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


ROLES = [
    Role(
        "visitor",
        None,
        "",
        [
            Shot("home", "", "/"),
            Shot("where-to-file", "", "/onde-reclamar/?city=S%C3%A3o+Jos%C3%A9+dos+Campos"),
            Shot("registry", "", "/reclamacoes-fundamentadas/"),
            Shot("open-data", "", "/dados-abertos/"),
            Shot("login", "", "/entrar/"),
            Shot("register", "", "/cadastro/"),
            Shot("adhesion", "", "/adesao/"),
            Shot("procon-home", "santos", "/"),
        ],
    ),
    Role(
        "consumer",
        "consumidor@demo.test",
        "santos",
        [
            Shot("consumer-cases", "santos", "/minhas-reclamacoes/"),
            Shot("consumer-file", "santos", "/reclamar/"),
            Shot(
                "consumer-case", "santos", _first_matching("/minhas-reclamacoes/", "/reclamacoes/")
            ),
        ],
    ),
    Role(
        "attendant",
        "atendente.santos@demo.test",
        "santos",
        [
            Shot("staff-queue", "santos", "/atendimento/"),
            Shot("staff-case", "santos", _first_link("/atendimento/", "queue-link")),
        ],
    ),
    Role(
        "company",
        "preposto.vivo@demo.test",
        "",
        [
            Shot("company-inbox", "", "/empresa/caixa/"),
            Shot("company-case", "", _first_link("/empresa/caixa/", "inbox-link")),
        ],
    ),
    Role(
        "supervisor",
        "supervisor@demo.test",
        "sp",
        [Shot("supervisor-dashboard", "sp", "/supervisao/painel/")],
    ),
    Role(
        "inspector",
        "fiscal.santos@demo.test",
        "santos",
        [
            Shot("sanctions-home", "santos", "/fiscalizacao/"),
            Shot(
                "sanctions-process",
                "santos",
                _first_matching("/fiscalizacao/", "/fiscalizacao/processos/"),
            ),
        ],
    ),
]


def host_url(base: str, slug: str) -> str:
    return base.replace("://", f"://{slug}.", 1) if slug else base


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base.rstrip("/") + "/entrar/")
    page.locator("#id_username, input[name=username]").first.fill(email)
    page.locator("input[type=password]").first.fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()
    for _ in range(3):
        if "/entrar/verificacao/" not in page.url:
            return
        code = totp(base64.b32decode(TOTP_SECRET))
        page.locator("#id_token").fill(f"{code:06d}")
        page.get_by_test_id("two-factor-submit").click()
        page.wait_for_load_state()
        if "/entrar/verificacao/" in page.url:
            # A code is accepted once: wait for the next one.
            time.sleep(31 - time.time() % 30)
    if "/entrar/" in page.url:
        raise RuntimeError(f"could not log {email} in ({page.url})")


def save(page: Page, path: Path, most: int) -> None:
    height = min(page.evaluate("document.documentElement.scrollHeight"), most)
    width = page.viewport_size["width"]
    png = page.screenshot(full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def shoot(context: BrowserContext, base: str, role: Role, out: Path, only: set[str]) -> list[Path]:
    page = context.new_page()
    if role.email:
        log_in(page, host_url(base, role.host), role.email)
    written = []
    for shot in role.shots:
        if only and shot.name not in only:
            continue
        for label, (width, height, most) in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            page.goto(host_url(base, shot.host))
            if callable(shot.path):
                shot.path(page)
            else:
                page.goto(host_url(base, shot.host).rstrip("/") + shot.path)
            page.wait_for_load_state("networkidle")
            target = out / f"{shot.name}-{label}.png"
            save(page, target, most)
            written.append(target)
            print(
                f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}  {page.url}"
            )
    page.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://localhost:8000")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--only", action="append", default=[])
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    base = re.sub(r"/+$", "", args.base)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            # Date fields in the Brazilian order (dd/mm/aaaa), as a pt-BR browser shows them.
            args=["--no-sandbox", "--disable-gpu", "--lang=pt-BR"],
            env={**os.environ, "LANG": "pt_BR.UTF-8", "LANGUAGE": "pt_BR"},
        )
        for role in ROLES:
            if args.only and not {shot.name for shot in role.shots} & set(args.only):
                continue
            context = browser.new_context(locale="pt-BR", device_scale_factor=1)
            try:
                shoot(context, base, role, args.out, set(args.only))
            finally:
                context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
