"""The atendimento index: every Intake and every complaint filed without one is one row, a
complaint held by an Intake is counted once whichever was indexed first, and the complaint's
row follows its index row (reclassification, demographics)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from shared.caseindex.actions import do_index_complaint
from shared.caseindex.demographics import age_band, published_cep
from shared.caseindex.models import AtendimentoEntry, CaseIndexEntry
from shared.geo.cep import (
    consumer_city,
    municipality_code,
    platform_municipality_code,
    validate_platform_cep,
)
from shared.geo.models import Municipality
from tenants.counter.models import IntakeKind
from tests.shared.caseindex.atendimentos import register_intake
from tests.tenants.complaints.factories import file_complaint

pytestmark = pytest.mark.django_db

SAO_PAULO, SANTOS, CAMPINAS = 3550308, 3548500, 3509502


def test_a_cep_names_its_municipality():
    assert municipality_code("01310100") == SAO_PAULO  # Avenida Paulista
    assert municipality_code("08490000") == SAO_PAULO  # the capital's second range
    assert municipality_code("11010000") == SANTOS
    assert municipality_code("13015000") == CAMPINAS
    assert municipality_code("00999999") is None
    assert platform_municipality_code("20040020") is None  # Rio de Janeiro: not this state


def test_a_cep_of_another_state_is_refused_naming_the_range():
    with pytest.raises(ValidationError) as refused:
        validate_platform_cep("20040-020")
    assert refused.value.code == "cep_outside_state"
    assert "01000-000" in refused.value.messages[0]
    assert "19999-999" in refused.value.messages[0]
    with pytest.raises(ValidationError) as short:
        validate_platform_cep("1234")
    assert short.value.code == "invalid_cep"
    assert validate_platform_cep("11010-000") == "11010000"


def test_the_city_of_the_cep_wins_and_the_chosen_one_stays_when_the_cep_places_none():
    campinas = Municipality.objects.get(ibge_code=CAMPINAS)
    assert consumer_city("11010000", campinas).ibge_code == SANTOS
    # A CEP of the state in no locality's range (the ranges skip some numbers).
    assert municipality_code("13000000") is None
    assert consumer_city("13000000", campinas) == campinas
    assert consumer_city("", campinas) == campinas


@pytest.mark.parametrize(
    ("born", "on", "band"),
    [
        (date(2006, 3, 1), date(2026, 3, 1), "ate_20"),  # 20 on the day
        (date(2005, 3, 1), date(2026, 3, 1), "21_30"),  # 21 on the day
        (date(2005, 3, 2), date(2026, 3, 1), "ate_20"),  # 21 the day after
        (date(1956, 1, 1), date(2026, 6, 1), "61_70"),  # 70
        (date(1955, 1, 1), date(2026, 6, 1), "mais_70"),  # 71
        (None, date(2026, 6, 1), ""),
    ],
)
def test_age_bands_are_sindec_s(born, on, band):
    assert age_band(born, on) == band


def test_only_five_digits_of_the_cep_are_kept():
    assert published_cep("11010000") == "11010"
    assert published_cep("") == ""


def test_a_web_filing_is_one_preliminary_atendimento(santos, company):
    complaint = file_complaint(
        company=company,
        consumer_cep="01310-100",
        consumer_sex="F",
        consumer_birth_date=date(1990, 5, 4),
    )
    assert complaint.consumer_municipality_id == SAO_PAULO  # from the CEP, not Santos's own
    row = AtendimentoEntry.objects.get(procon=santos)
    assert (row.number, row.kind, row.channel) == (complaint.number, "preliminary", "web")
    assert (row.municipality_id, row.consumer_sex, row.cep) == (SAO_PAULO, "F", "01310")
    assert row.age_band == age_band(date(1990, 5, 4), complaint.created_at.date())
    assert row.complaint_number == complaint.number
    assert row.company_id == company.pk
    entry = CaseIndexEntry.objects.get(procon=santos, number=complaint.number)
    assert (entry.channel, entry.consumer_sex, entry.cep) == ("web", "F", "01310")


def test_a_cep_of_another_state_refuses_the_filing(santos, company):
    with pytest.raises(ValidationError) as refused:
        file_complaint(company=company, consumer_cep="20040-020")
    assert "consumer_cep" in refused.value.message_dict


@pytest.mark.parametrize("intake_first", [False, True])
def test_a_complaint_an_intake_opened_is_counted_once(santos, company, intake_first):
    complaint = file_complaint(company=company, channel="counter")
    if intake_first:
        # The intake indexed, then the complaint's index row written again (any later step).
        register_intake(IntakeKind.PRELIMINARY, complaint=complaint)
        do_index_complaint(complaint)
    else:
        register_intake(IntakeKind.DIRECT_COMPLAINT, complaint=complaint)
    rows = list(AtendimentoEntry.objects.filter(procon=santos))
    assert len(rows) == 1
    assert rows[0].number.startswith("AT-")
    assert rows[0].kind == ("preliminary" if intake_first else "direct_complaint")
    assert rows[0].complaint_number == complaint.number


def test_the_complaint_s_row_follows_a_change_of_company(santos, company):
    from tests.factories import CompanyFactory

    complaint = file_complaint(company=company)
    register_intake(IntakeKind.PRELIMINARY, complaint=complaint)
    other = CompanyFactory()
    complaint.company = other
    do_index_complaint(complaint)
    row = AtendimentoEntry.objects.get(procon=santos)
    assert row.company_id == other.pk
    assert row.kind == "preliminary" and row.number.startswith("AT-")


def test_guidance_and_referrals_are_rows_of_their_own(santos):
    register_intake(IntakeKind.GUIDANCE, channel="phone", sex="M", cep="11010000")
    register_intake(IntakeKind.REFERRAL, channel="counter")
    kinds = sorted(AtendimentoEntry.objects.filter(procon=santos).values_list("kind", "channel"))
    assert kinds == [("guidance", "phone"), ("referral", "counter")]
    guidance = AtendimentoEntry.objects.get(procon=santos, kind="guidance")
    assert (guidance.consumer_sex, guidance.cep, guidance.complaint_number) == ("M", "11010", None)


def test_the_migration_backfills_the_index_and_the_web_filings_atendimentos(santos, company):
    """Rows indexed before the columns existed: the migration's backfill reads each Procon's
    complaints and gives every indexed complaint its atendimento row."""
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    migration = import_module("shared.caseindex.migrations.0009_atendimentos_and_demographics")
    complaint = file_complaint(
        company=company,
        consumer_cep="11010000",
        consumer_sex="M",
        consumer_birth_date=date(1950, 1, 1),
        customer_reference="Linha 13 99999-0000",
    )
    connection.set_schema_to_public()
    CaseIndexEntry.objects.filter(number=complaint.number).update(
        channel="", consumer_sex="", age_band="", cep="", customer_reference=""
    )
    AtendimentoEntry.objects.all().delete()

    with connection.schema_editor() as editor:
        migration.backfill(apps, editor)

    entry = CaseIndexEntry.objects.get(number=complaint.number)
    assert (entry.channel, entry.consumer_sex, entry.cep) == ("web", "M", "11010")
    assert entry.age_band == "mais_70"
    assert entry.customer_reference == "Linha 13 99999-0000"
    row = AtendimentoEntry.objects.get(complaint_number=complaint.number)
    assert (row.kind, row.channel, row.municipality_id) == ("preliminary", "web", SANTOS)
