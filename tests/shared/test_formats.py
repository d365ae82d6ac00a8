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
        " · {{ first|month }} · {{ first|short_month }} · {{ zero|money }}"
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
            }
        )
    )
    assert shown == (
        "R$ 39.160,42 · 11.222.333/0001-81 · 529.982.247-25 · 4 de dezembro de 2026"
        " · janeiro de 2026 · jan/2026 · R$ 0,00"
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
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for why, pattern in SELF_FORMATTED.items():
                    relative = str(path.relative_to(ROOT))
                    if pattern.search(line) and relative not in FORMATTED_ON_PURPOSE:
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
