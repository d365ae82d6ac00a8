"""No English and no raw formats on the pages a Brazilian reads: every page the route matrix
knows, as each role, in pt-BR.

The routes, the world they are filled with (a case at Santos with its hearing, a notified auto,
a company with its team, a supervised alert...) and who reaches what come from the isolation
matrix (`tests/isolation/test_routes.py`): a page added there is crawled here too. Each HTML
page that answers 200 to a GET is reduced to what a reader sees — the text and the attributes a
screen reader or a browser shows (`aria-label`, `placeholder`, `title`, `alt`, a button's
`value`) — without scripts, styles, code samples, e-mail addresses, URLs and elements marked as
being in another language (`lang="en"`, as the language selector's own name of English is). What
is left must hold none of the common English words of `ENGLISH`, matched as whole words, and
none of the raw formats of `RAW_FORMATS` (`R$ 5000000,00`, `0.00`, `2026-01`, an unmasked CNPJ,
"de Dezembro", "America/Sao_Paulo"): `shared.formats` writes them as a Brazilian reads them.
The platform's own PDFs among the routes (the CIP letter, the auto de infração) and the e-mails
the world's building queued are read the same way.
"""

import re
from collections.abc import Iterator
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection, transaction
from django.utils import timezone, translation
from django_tenants.utils import tenant_context

from shared.accounts.models import CompanyMembership
from shared.notifications.models import OutboundEmail
from shared.procons.models import Procon
from tenants.hearings.minutes import do_record_minutes
from tenants.sanctions.actions.decisions import do_decide
from tests.isolation.test_routes import (
    ROUTES,
    World,
    _fill,
    _is_api,
    _variants,
    expected_status,
    make_client,
    rolled_back_world,
)
from tests.support.pdf import pdf_text
from tests.tenants.complaints.factories import at_answered
from tests.tenants.hearings.factories import at_hearing_scheduled, hearing_time_arrives
from tests.tenants.sanctions.factories import defended

pytestmark = pytest.mark.django_db

# The roles a Brazilian meets the platform as, and the host each reads: the sanctions staff are
# the inspector and the judging authority; the company's administrator sees every company page.
CRAWLED = [
    ("anonymous", "platform"),
    ("anonymous", "own"),
    ("consumer", "own"),
    ("consumer", "platform"),
    ("attendant", "own"),
    ("tenant_admin", "own"),
    ("conciliator", "own"),
    ("inspector", "own"),
    ("judge", "own"),
    ("company_agent", "platform"),
    ("company_admin", "platform"),
    ("supervisor", "state"),
]

# Common English words of a user interface that are not Portuguese words (so "a", "as", "do",
# "no", "for", "time", "total" are left out: Portuguese writes them). Matched case-insensitively
# as whole words.
ENGLISH = """
the and of to is are was were be been by with your you from this that these those will an at it
its not has have had which who what where here there please yes if or on into about our we my
their they can may must should would could than then until since each every any only more all
new none nothing found
select submit save cancel send accept assign record withdraw rate back next previous search
filter download upload delete edit remove add create update close open confirm continue
sign log register settings account password name address phone date deadline
company companies complaint complaints hearing hearings consumer consumers attendant conciliator
inspector judge administrator agent agents staff registration status overdue due
answer answered rating agreement fine fines appeal defence defense notice inspection report
dashboard queue inbox team member members role roles holiday holidays subject problem
description attachment attachments evidence decision payment paid help language error required
optional invalid enter show hide page step steps case cases number code verify verification
access key keys created revoked expired active pending approved rejected approve reject
suspended closed filed sent received view details print month year week today days day hours
minutes minute welcome hello thanks option choose
""".split()  # noqa: SIM905 (a word list reads better as text)
# A hyphen joins a word ("on-line", "e-mail"): only a whole word counts.
ENGLISH_WORDS = re.compile(r"(?<![\w-])(" + "|".join(ENGLISH) + r")(?![\w-])", re.IGNORECASE)
# Terms Portuguese writes as they are (Houaiss and VOLP list them): removed before the check.
ALLOWED_TERMS = re.compile(r"\b(QR code|download)\b", re.IGNORECASE)
# Machine names shown as they are (an API scope `cases:read`, an event `complaint.cip_sent`, an
# HTTP method `DELETE`) and acronyms in capitals (the UF "TO"): not prose.
MACHINE_NAMES = re.compile(r"\b\w+(?:[.:_]\w+)+\b|\b[A-Z]{2,}\b")

# Numbers, dates and documents as a program writes them, not as a Brazilian reads them.
RAW_FORMATS = {
    "money without thousands separator": re.compile(r"R\$\s?-?\d{4,}"),
    "amount without thousands separator": re.compile(r"(?<![\w.,])\d{4,},\d{2}(?!\d)"),
    "decimal point": re.compile(r"(?<![\w.,/])\d+\.\d{1,2}(?![\w.,])"),
    "ISO date or month": re.compile(r"(?<![\w/-])\d{4}-\d{2}(?:-\d{2})?(?![\w-])"),
    "unmasked CNPJ": re.compile(r"(?<![\w.])\d{14}(?![\w.])"),
    "capitalised month": re.compile(
        r"\bde (Janeiro|Fevereiro|Março|Abril|Maio|Junho|Julho|Agosto|Setembro|Outubro"
        r"|Novembro|Dezembro)\b"
    ),
    "time zone name": re.compile(r"America/\w+"),
}
EMAIL = re.compile(r"\S+@\S+")
URL = re.compile(r"(https?://|/)\S*")
# Elements whose content is not prose a reader is shown.
SKIPPED = {"script", "style", "code", "pre", "kbd", "samp", "template", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SHOWN_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")


class VisibleText(HTMLParser):
    """The text a reader is shown, one fragment per text node or shown attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fragments: list[str] = []
        # The page's `<html lang>`: an element in another language is skipped, never the page.
        self.lang: str | None = None
        # One entry per open element: True if its content is hidden from the check.
        self._stack: list[bool] = []

    @property
    def _skipping(self) -> bool:
        return any(self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        lang = (attributes.get("lang") or "pt").lower()
        skip = tag in SKIPPED or not lang.startswith("pt")
        if tag == "html":
            self.lang, skip = lang, False
        if tag == "select" and attributes.get("name") == "language":
            skip = True  # the language selector offers English by its name
        if not (skip or self._skipping):
            for name in SHOWN_ATTRIBUTES:
                if attributes.get(name):
                    self.fragments.append(attributes[name] or "")
            if tag == "input" and attributes.get("type") in {"submit", "button", "reset"}:
                self.fragments.append(attributes.get("value") or "")
        if tag not in VOID:
            self._stack.append(skip)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping and data.strip():
            self.fragments.append(data)


def english_in(html: str) -> list[str]:
    """Each fragment of the page's visible text that holds an English word, with the words."""
    parser = VisibleText()
    parser.feed(html)
    found = []
    if parser.lang is not None and not parser.lang.startswith("pt"):
        found.append(f"the page says it is in {parser.lang!r}")
    for fragment in parser.fragments:
        raw = [name for name, pattern in RAW_FORMATS.items() if pattern.search(fragment)]
        if raw:
            found.append(f"{' '.join(fragment.split())[:120]!r}: {', '.join(raw)}")
        text = URL.sub(" ", EMAIL.sub(" ", fragment))
        text = MACHINE_NAMES.sub(" ", ALLOWED_TERMS.sub(" ", text))
        words = sorted({m.group(0) for m in ENGLISH_WORDS.finditer(text)}, key=str.lower)
        if words:
            found.append(f"{' '.join(fragment.split())[:120]!r}: {', '.join(words)}")
    return found


def test_the_check_finds_raw_formats() -> None:
    raw = (
        "<p>Multa 39160,42</p><p>R$ 5000000,00</p><p>0.00</p><p>2026-01</p>"
        "<p>11222333000181</p><p>4 de Dezembro de 2026</p><p>14:30 (America/Sao_Paulo)</p>"
    )
    assert [line.split(": ")[-1] for line in english_in(raw)] == [
        "amount without thousands separator",
        "money without thousands separator, amount without thousands separator",
        "decimal point",
        "ISO date or month",
        "unmasked CNPJ",
        "capitalised month",
        "time zone name",
    ]
    shown = (
        "<p>Multa R$ 39.160,42 · R$ 5.000.000,00 · R$ 0,00 · jan/2026 · 11.222.333/0001-81"
        " · 4 de dezembro de 2026 · 14:30 (horário de Brasília) · SANTOS-2026-000001</p>"
    )
    assert english_in(shown) == []


def test_the_check_finds_english_and_passes_portuguese() -> None:
    english = (
        '<html lang="pt-br"><head><title>x</title></head><body><h1>Reclamação</h1>'
        '<button aria-label="Assign the case">Atribuir</button>'
        "<p>Send the CIP to the company</p><script>var the = 1;</script></body></html>"
    )
    assert [line.split(":")[-1].strip() for line in english_in(english)] == [
        "Assign, case, the",
        "company, Send, the, to",
    ]
    assert english_in('<html lang="en"><body><p>Enviar</p></body></html>') == [
        "the page says it is in 'en'"
    ]
    portuguese = (
        "<p>Enviar a CIP à empresa até 4 de dezembro de 2026, pelo e-mail a@b.test.</p>"
        '<select name="language"><option lang="en" value="en">English</option></select>'
        '<p>Veja <a href="/the/company/">o site</a>: https://example.test/the-company</p>'
        "<code>GET /api/v1/me/ the</code><p>Escopo cases:read, evento complaint.cip_sent,"
        " método DELETE, UF TO, QR code, audiências on-line.</p>"
    )
    assert english_in(portuguese) == []


def _pdf_as_html(content: bytes) -> str:
    """A PDF's text (the CIP letter, the auto...), one paragraph per line."""
    text = pdf_text(content)
    return "".join(f"<p>{line.replace('<', '‹')}</p>" for line in text.splitlines())


def _pages(world: World, role: str, host: str) -> Iterator[tuple[str, str]]:
    """(path, route name) of every page the role reads on the host: GET routes that answer 200."""
    for route in ROUTES:
        if route.method != "get" or _is_api(route) or route.sampled:
            continue
        for variant in _variants(route, host):
            if variant != "foreign" and expected_status(route, role, host, variant=variant) == 200:
                yield _fill(route.path, world.own[host]), route.name


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """The isolation matrix's world, built once for the module and rolled back at its end."""
    yield from rolled_back_world(django_db_blocker)


@pytest.mark.parametrize(("role", "host"), CRAWLED)
def test_no_english_on_the_pages_of(role: str, host: str, world: World) -> None:
    client = make_client(world.hosts[host], HTTP_ACCEPT_LANGUAGE="pt-BR")
    if world.people[role] is not None:
        client.force_login(world.people[role])
    english, crawled = [], 0
    for path, name in _pages(world, role, host):
        with transaction.atomic():
            response = client.get(path)
            transaction.set_rollback(True)
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "")
        if kind.startswith("application/pdf") and path.endswith(".pdf"):
            # the platform's own documents (an upload's PDF is the uploader's text)
            html = _pdf_as_html(b"".join(response) if response.streaming else response.content)
        elif kind.startswith("text/html"):
            html = response.content.decode()
        else:
            continue
        crawled += 1
        english += [f"{path} ({name}) {line}" for line in english_in(html)]
    assert crawled > 0
    assert english == [], f"English on {role}'s pages ({host} host):\n" + "\n".join(english)


def test_no_english_in_the_emails_the_world_sent(world: World) -> None:
    """The e-mails its building queued (the CIP, the hearing's invitation, the auto's notification,
    the staff invitations, the company application...), as their readers get them."""
    emails = list(OutboundEmail.objects.all())
    for procon in Procon.objects.filter(slug__in=["santos", "campinas"]):
        with tenant_context(procon):
            emails += list(OutboundEmail.objects.all())
    connection.set_schema_to_public()
    english = []
    for email in emails:
        text = f"<p>{email.subject}</p><p>{email.body.replace('<', '‹')}</p>"
        english += [f"{email.key} {line}" for line in english_in(text)]
    assert len(emails) > 3
    assert english == [], "English in the e-mails:\n" + "\n".join(english)


def _later_steps(world: World) -> dict[str, str]:
    """At Santos, cases past the world's: a company answer to rate, an agreement to confirm (with
    its minutes) and a fined sanction process, each between the world's people."""
    people = world.people
    company = CompanyMembership.objects.get(user=people["company_agent"]).company
    santos = Procon.objects.get(slug="santos")
    with translation.override("pt-br"), tenant_context(santos):
        answered = at_answered(people["attendant"], consumer=people["consumer"], company=company)
        hearing = hearing_time_arrives(
            at_hearing_scheduled(
                people["attendant"],
                people["conciliator"],
                consumer=people["consumer"],
                company=company,
            )
        )
        do_record_minutes(
            hearing,
            actor=people["conciliator"],
            as_role="conciliator",
            outcome="agreement",
            summary="Acordo firmado.",
            agreement_terms="Troca do produto.",
            agreement_due_on=timezone.localdate() + timedelta(days=10),
        )
        fined = do_decide(
            defended(people["inspector"], people["company_agent"], company),
            actor=people["judge"],
            dismiss=False,
            reasoning="Infração comprovada pelas fotos.",
            sanctions=["fine"],
        )
    connection.set_schema_to_public()
    return {
        "answered": answered.number,
        "agreement": hearing.complaint.number,
        "hearing": str(hearing.pk),
        "fined": fined.number,
    }


def test_no_english_or_raw_format_in_the_later_steps(world: World) -> None:
    """The rating form, the agreement confirmation, the minutes, a decided fine with its
    calculation, the appeal form and the decision PDF: states the matrix's world does not reach."""
    with transaction.atomic():
        case = _later_steps(world)
        pages = [
            ("consumer", "own", f"/reclamacoes/{case['answered']}/"),
            ("consumer", "own", f"/reclamacoes/{case['agreement']}/"),
            (
                "consumer",
                "own",
                f"/reclamacoes/{case['agreement']}/audiencia/{case['hearing']}/ata.pdf",
            ),
            ("attendant", "own", f"/reclamacoes/{case['answered']}/"),
            ("attendant", "own", f"/reclamacoes/{case['agreement']}/"),
            ("judge", "own", f"/fiscalizacao/processos/{case['fined']}/"),
            ("judge", "own", f"/fiscalizacao/processos/{case['fined']}/decisoes/1.pdf"),
            ("company_agent", "platform", f"/empresa/caixa/santos/{case['answered']}/"),
            ("company_agent", "platform", f"/empresa/caixa/santos/processos/{case['fined']}/"),
            ("anonymous", "own", f"/processos/?numero={case['fined']}"),
        ]
        english = []
        for role, host, path in pages:
            client = make_client(world.hosts[host], HTTP_ACCEPT_LANGUAGE="pt-BR")
            if world.people[role] is not None:
                client.force_login(world.people[role])
            response = client.get(path)
            assert response.status_code == 200, (role, path, response.status_code)
            if path.endswith(".pdf"):
                html = _pdf_as_html(b"".join(response) if response.streaming else response.content)
            else:
                html = response.content.decode()
            english += [f"{role} {path} {line}" for line in english_in(html)]
        transaction.set_rollback(True)
    assert english == [], "English or raw formats in the later steps:\n" + "\n".join(english)
