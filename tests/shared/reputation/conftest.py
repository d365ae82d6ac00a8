"""A small set of complaints in the first quarter of 2025 whose indicators the tests compute by
hand: the Alfa group (head office and a branch) and its telecom peers Beta and Gama, Delta below
the minimum volume, and Épsilon in another segment."""

from datetime import timedelta

import pytest

from tests.factories import CompanyFactory, cnpj_for
from tests.shared.supervision.conftest import entry, local

TELECOM = "Telecomunicações"
DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def _two_complaints_rank(settings) -> None:
    settings.REPUTATION_MIN_VOLUME = 2


def complaint(procon, company, number, opened, *, answered_days=None, timely=None, **fields):
    """An index row of a complaint whose CIP went the day after filing (unless `cip=False`) and
    was answered `answered_days` after the CIP."""
    cip = fields.pop("cip", True)
    values = {"subject_area": TELECOM, "subject": "Telefonia", **fields}
    if cip:
        values["cip_sent_at"] = opened + DAY
        values["status"] = values.get("status", "cip_sent")
    if answered_days is not None:
        values["answered_at"] = opened + DAY + answered_days * DAY
        values["answer_timely"] = timely
    return entry(procon, company, number, opened, **values)


def rated(procon, company, number, opened, days, timely, resolved, satisfaction, **fields):
    """A complaint of 2025 (`opened`: its month and day) answered `days` after its CIP, on time
    or not, resolved or not, and rated `satisfaction` by the consumer."""
    return complaint(
        procon,
        company,
        number,
        local(2025, *opened),
        answered_days=days,
        timely=timely,
        resolved=resolved,
        satisfaction=satisfaction,
        **fields,
    )


def closed_as(
    classification: str, hearings_held: int | None = None, agreement_reached: bool | None = None
) -> dict[str, object]:
    """A closed complaint's fields: its classification and, when it went to hearings, how many
    were held and whether they reached an agreement."""
    fields = {"status": "closed", "classification": classification}
    if hearings_held is not None:
        fields |= {"hearings_held": hearings_held, "agreement_reached": agreement_reached}
    return fields


@pytest.fixture
def alfa_and_peers(procon, other_procon):
    santos, campinas = procon, other_procon
    alfa = CompanyFactory(cnpj=cnpj_for("61000001"), trade_name="Alfa Telecom")
    alfa_branch = CompanyFactory(cnpj=cnpj_for("61000001", "0002"), trade_name="Alfa Filial")
    beta = CompanyFactory(trade_name="Beta Telecom")
    gama = CompanyFactory(trade_name="Gama Telecom")
    delta = CompanyFactory(trade_name="Delta Telecom")
    epsilon = CompanyFactory(trade_name="Épsilon Alimentos")
    # rated(procon, company, number, (month, day), days to answer, on time, resolved, satisfaction)
    rated(santos, alfa, "A-1", (1, 10), 2, True, True, 5, **closed_as("resolved_at_cip"))
    rated(santos, alfa, "A-2", (1, 20), 4, True, False, 2, **closed_as("agreement", 1, True))
    internet = {"subject": "Internet", **closed_as("founded_not_met", 2, False)}
    rated(campinas, alfa_branch, "A-3", (2, 5), 10, False, False, 1, **internet)
    complaint(santos, alfa, "A-4", local(2025, 2, 15))
    complaint(santos, alfa, "A-5", local(2025, 3, 3), cip=False, status="registered")
    rated(santos, beta, "B-1", (1, 5), 1, True, True, 4)
    rated(santos, beta, "B-2", (1, 6), 3, True, True, 5)
    rated(campinas, gama, "C-1", (3, 2), 5, False, False, 3)
    complaint(campinas, gama, "C-2", local(2025, 3, 4))
    complaint(santos, delta, "D-1", local(2025, 2, 2))
    food = {"subject_area": "Alimentos", "subject": "Bebidas"}
    complaint(santos, epsilon, "E-1", local(2025, 2, 2), **food)
    complaint(santos, epsilon, "E-2", local(2025, 2, 3), **food)
    # outside the period (the last evening of 2024, local time)
    complaint(santos, alfa, "A-0", local(2024, 12, 31, 22))
    return alfa, beta, gama
