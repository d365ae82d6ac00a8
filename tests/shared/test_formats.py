"""Brazilian formats as a Brazilian reads them, and as an English reader of the second language."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from shared import formats


@pytest.fixture(autouse=True)
def portuguese():
    with translation.override("pt-br"):
        yield


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1234.56"), "R$ 1.234,56"),
        (Decimal("5000000"), "R$ 5.000.000,00"),
        (Decimal("39160.42"), "R$ 39.160,42"),
        (0, "R$ 0,00"),
        (Decimal("0.00"), "R$ 0,00"),
        (Decimal("-39.9"), "-R$ 39,90"),
        (Decimal("0.005"), "R$ 0,01"),
        ("212.8", "R$ 212,80"),
        (1.5, "R$ 1,50"),
        (None, "—"),
    ],
)
def test_money_is_written_as_in_brazil(value, shown: str) -> None:
    assert formats.money(value) == shown


def test_money_in_english_keeps_the_real_and_english_separators() -> None:
    with translation.override("en"):
        assert formats.money(Decimal("5000000")) == "R$ 5,000,000.00"


def test_the_weekday_is_written_in_lower_case_in_portuguese_and_in_local_time() -> None:
    # 03:00 UTC on a Tuesday is still Monday night in Brasília
    assert formats.weekday(datetime(2026, 12, 8, 2, 0, tzinfo=UTC)) == "segunda-feira"
    assert formats.weekday(date(2026, 12, 12)) == "sábado"
    assert formats.weekday(None) == "—"
    with translation.override("en"):
        assert formats.weekday(date(2026, 12, 7)) == "Monday"


def test_numbers_are_grouped_in_thousands() -> None:
    assert formats.number(3000000) == "3.000.000"
    assert formats.number(Decimal("1234.5"), 2) == "1.234,50"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("52998224725", "529.982.247-25"),
        ("529.982.247-25", "529.982.247-25"),
        ("11222333000181", "11.222.333/0001-81"),
        ("12ABC34501DE35", "12.ABC.345/01DE-35"),
        ("", "—"),
        (None, "—"),
    ],
)
def test_cpf_and_cnpj_are_masked(value, shown: str) -> None:
    assert formats.document(value) == shown


def test_cpf_and_cnpj_filters_mask_their_own_kind() -> None:
    assert formats.cpf("52998224725") == "529.982.247-25"
    assert formats.cnpj("11.222.333/0001-81") == "11.222.333/0001-81"


def test_dates_write_the_month_in_lower_case() -> None:
    assert formats.long_date(date(2026, 12, 4)) == "4 de dezembro de 2026"
    assert formats.long_date(date(2026, 3, 1)) == "1 de março de 2026"
    assert formats.short_date(date(2026, 12, 4)) == "04/12/2026"
    assert formats.month(date(2026, 1, 1)) == "janeiro de 2026"
    assert formats.short_month(date(2026, 1, 1)) == "jan/2026"
    assert formats.short_month(date(2026, 5, 1)) == "mai/2026"
    assert formats.month("2026-01") == "janeiro de 2026"
    assert formats.short_month("2026-12") == "dez/2026"


def test_a_signature_is_shown_to_the_second() -> None:
    signed = datetime(2026, 12, 7, 17, 30, 5, tzinfo=UTC)
    assert formats.date_time_seconds(signed) == "07/12/2026 14:30:05"
    assert formats.date_time_seconds(None) == "—"
    with translation.override("en"):
        assert formats.date_time_seconds(signed) == "12/07/2026 2:30:05 p.m."


def test_dates_in_english_keep_english_capitals() -> None:
    with translation.override("en"):
        assert formats.month(date(2026, 1, 1)) == "January 2026"
        assert formats.short_month(date(2026, 1, 1)) == "Jan 2026"


def test_a_moment_is_shown_in_brasilia_time() -> None:
    moment = datetime(2026, 12, 4, 17, 30, tzinfo=UTC)
    assert formats.local_time(moment) == "14:30 (horário de Brasília)"
    assert formats.date_time(moment) == "04/12/2026 14:30"
    assert formats.long_date_time(moment) == "4 de dezembro de 2026 às 14:30"
    assert formats.long_date(datetime(2026, 12, 5, 1, 0, tzinfo=UTC)) == "4 de dezembro de 2026"
    assert formats.time_zone_name("America/Manaus") == "America/Manaus"


def test_the_template_filters_are_the_same_formats() -> None:
    template = Template(
        "{% load br %}{{ fine|money }} · {{ cnpj|cnpj }} · {{ cpf|cpf }} · {{ day|long_date }}"
        " · {{ first|month }} · {{ first|short_month }} · {{ zero|money }} · {{ day|short_date }}"
        " · {{ at|date_time }} · {{ at|date_time_seconds }} · {{ missing|short_date }}"
    )
    shown = template.render(
        Context(
            {
                "fine": Decimal("39160.42"),
                "cnpj": "11222333000181",
                "cpf": "52998224725",
                "day": date(2026, 12, 4),
                "first": date(2026, 1, 1),
                "zero": Decimal("0"),
                "at": datetime(2026, 12, 7, 17, 30, 5, tzinfo=UTC),
                "missing": None,
            }
        )
    )
    assert shown == (
        "R$ 39.160,42 · 11.222.333/0001-81 · 529.982.247-25 · 4 de dezembro de 2026"
        " · janeiro de 2026 · jan/2026 · R$ 0,00 · 04/12/2026"
        " · 07/12/2026 14:30 · 07/12/2026 14:30:05 · —"
    )


def test_a_plans_price_is_money_too() -> None:
    from shared.billing.plans import Plan

    plan = Plan(code="small", name="Pequeno", monthly_price_cents=123456, stripe_price_id="")
    assert plan.monthly_price_display == "R$ 1.234,56"


# Template and document code that formats money or month names itself instead of through
# shared.formats: what wrote "R$ 5000000,00" and "4 de Dezembro".
ROOT = Path(__file__).resolve().parents[2]
SELF_FORMATTED = {
    "money written next to a bare value": re.compile(r"R\$ ?\{\{"),
    "Django's date formats with a capitalised month": re.compile(
        r'\|date:"(DATE_FORMAT|DATETIME_FORMAT|YEAR_MONTH_FORMAT|MONTH_DAY_FORMAT)"'
        r'|\|date:"(?![A-Z_]+")([^"\\]|\\.)*(?<!\\)[FNEM]'
    ),
    "a decimal point for people (floatformat outside a data- attribute)": re.compile(
        r'(?<!=")\{\{[^}]*\|floatformat'
    ),
    "money built in an f-string": re.compile(r"""f["']R\$"""),
    "a time zone's IANA name shown": re.compile(r"\(America/\w+\)"),
}


# Lines that pass the check's pattern on purpose, with the reason.
FORMATTED_ON_PURPOSE = {
    # The UFIR has four decimals (R$ 1,0641): formatted by `number:4` in the blocktranslate's with.
    "tenants/penalties/templates/penalties/ufir.html",
}


def test_no_template_or_document_formats_money_or_months_itself() -> None:
    found = []
    for top in ("shared", "tenants", "onboarding", "platform"):
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix not in {".html", ".txt", ".py"} or path.name == "formats.py":
                continue
            relative = str(path.relative_to(ROOT))
            if relative in FORMATTED_ON_PURPOSE:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for why, pattern in SELF_FORMATTED.items():
                    if pattern.search(line):
                        found.append(f"{relative}:{number}: {why}")
    assert found == []


def test_the_self_formatting_patterns_find_what_they_name() -> None:
    lines = [
        "<dd>R$ {{ notice.revenue_estimate }}</dd>",
        '{{ as_of|date:"DATETIME_FORMAT" }}',
        '{{ day|date:"j \\d\\e F" }}',
        "<p>{{ amount|floatformat:2 }}</p>",
        'return f"R$ {whole}"',
        '[_("Time"), f"{starts:%H:%M} (America/Sao_Paulo)"]',
    ]
    assert [
        [why for why, pattern in SELF_FORMATTED.items() if pattern.search(line)] for line in lines
    ] == [[why] for why in list(SELF_FORMATTED)[:2]] + [[why] for why in SELF_FORMATTED][1:]
    assert not any(
        pattern.search(line)
        for pattern in SELF_FORMATTED.values()
        for line in (
            "<p data-amount=\"{{ fine|floatformat:'2u' }}\">{{ fine|money }}</p>",
            '{{ due|date:"SHORT_DATE_FORMAT" }} {{ day|date:"d/m/Y" }} {{ at|date:"c" }}',
        )
    )


# A date or time a person reads goes through the `{% load br %}` filters (`short_date`,
# `date_time`, `long_date`…), so that one place decides how Brazil writes it; a template's own
# `|date:` keeps only the machine formats, ISO 8601 (`c`) and the day (`Y-m-d`), inside an
# attribute (`datetime=`, `value=`, `data-date=`).
MACHINE_DATE_ATTRIBUTE = re.compile(
    r"""[\w-]+=(["'])\{\{[^}]*\|date:(["'])(c|Y-m-d)\2[^}]*\}\}\1"""
)
DATE_FOR_PEOPLE = re.compile(r"\|(date|time)(:|\s*(\}\}|\||%))")
# Python that writes a day for people with strftime instead of shared.formats.
STRFTIME_FOR_PEOPLE = re.compile(r"""strftime\(\s*f?["'][^"']*%d/%m""")
# Files whose day is a data format on purpose.
DAY_AS_DATA = {
    # The consumidor.gov.br open-data layout writes its days as dd/mm/aaaa, in every language.
    "shared/registry/opendata.py",
}


def _dates_for_people(line: str) -> bool:
    return bool(DATE_FOR_PEOPLE.search(MACHINE_DATE_ATTRIBUTE.sub("", line)))


def test_no_template_or_code_formats_a_date_for_people_itself() -> None:
    found = []
    for top in ("shared", "tenants", "onboarding", "platform"):
        for path in sorted((ROOT / top).rglob("*")):
            relative = str(path.relative_to(ROOT))
            if path.suffix in {".html", ".txt"}:
                check = _dates_for_people
            elif path.suffix == ".py" and relative not in DAY_AS_DATA:
                check = STRFTIME_FOR_PEOPLE.search
            else:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if check(line):
                    found.append(f"{relative}:{number}")
    assert found == []


def test_the_date_check_finds_what_it_names() -> None:
    for line in (
        '<dd>{{ notice.occurred_at|date:"d/m/Y H:i" }}</dd>',
        '{{ due|date:"d/m/Y"|default:"—" }}',
        "{{ due|date:'SHORT_DATE_FORMAT' }}",
        '{% blocktranslate with at=key.created_at|date:"SHORT_DATETIME_FORMAT" %}',
        '<time datetime="{{ event.at|date:\'c\' }}">{{ event.at|date:"SHORT_DATETIME_FORMAT" }}</time>',
        "<p>{{ event.at|date:'c' }}</p>",
        '{{ starts_at|time:"H:i" }}',
        "{{ day|date }}",
    ):
        assert _dates_for_people(line), line
    for line in (
        "<time datetime=\"{{ event.at|date:'c' }}\">{{ event.at|date_time }}</time>",
        '<input type="date" name="due" value="{{ due|date:\'Y-m-d\' }}">',
        "<dd data-date=\"{{ due|date:'Y-m-d' }}\">{{ due|short_date }}</dd>",
        "{{ hearing.starts_at|local_time }} · {{ day|long_date }} · {{ at|date_time_seconds }}",
    ):
        assert not _dates_for_people(line), line
    assert STRFTIME_FOR_PEOPLE.search('% {"due": due.strftime("%d/%m/%Y")}')
    assert not STRFTIME_FOR_PEOPLE.search('now.strftime("%Y%m%dT%H%M%S%f")')
