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


@pytest.fixture
def alfa_and_peers(procon, other_procon):
    santos, campinas = procon, other_procon
    alfa = CompanyFactory(cnpj=cnpj_for("61000001"), trade_name="Alfa Telecom")
    alfa_branch = CompanyFactory(cnpj=cnpj_for("61000001", "0002"), trade_name="Alfa Filial")
    beta = CompanyFactory(trade_name="Beta Telecom")
    gama = CompanyFactory(trade_name="Gama Telecom")
    delta = CompanyFactory(trade_name="Delta Telecom")
    epsilon = CompanyFactory(trade_name="Épsilon Alimentos")
    closed = {"status": "closed"}
    complaint(
        santos,
        alfa,
        "A-1",
        local(2025, 1, 10),
        answered_days=2,
        timely=True,
        resolved=True,
        satisfaction=5,
        classification="resolved_at_cip",
        **closed,
    )
    complaint(
        santos,
        alfa,
        "A-2",
        local(2025, 1, 20),
        answered_days=4,
        timely=True,
        resolved=False,
        satisfaction=2,
        hearings_held=1,
        agreement_reached=True,
        classification="agreement",
        **closed,
    )
    complaint(
        campinas,
        alfa_branch,
        "A-3",
        local(2025, 2, 5),
        answered_days=10,
        timely=False,
        resolved=False,
        satisfaction=1,
        hearings_held=2,
        agreement_reached=False,
        classification="founded_not_met",
        subject="Internet",
        **closed,
    )
    complaint(santos, alfa, "A-4", local(2025, 2, 15))
    complaint(santos, alfa, "A-5", local(2025, 3, 3), cip=False, status="registered")
    complaint(
        santos,
        beta,
        "B-1",
        local(2025, 1, 5),
        answered_days=1,
        timely=True,
        resolved=True,
        satisfaction=4,
    )
    complaint(
        santos,
        beta,
        "B-2",
        local(2025, 1, 6),
        answered_days=3,
        timely=True,
        resolved=True,
        satisfaction=5,
    )
    complaint(
        campinas,
        gama,
        "C-1",
        local(2025, 3, 2),
        answered_days=5,
        timely=False,
        resolved=False,
        satisfaction=3,
    )
    complaint(campinas, gama, "C-2", local(2025, 3, 4))
    complaint(santos, delta, "D-1", local(2025, 2, 2))
    complaint(
        santos, epsilon, "E-1", local(2025, 2, 2), subject_area="Alimentos", subject="Bebidas"
    )
    complaint(
        santos, epsilon, "E-2", local(2025, 2, 3), subject_area="Alimentos", subject="Bebidas"
    )
    # outside the period (the last evening of 2024, local time)
    complaint(santos, alfa, "A-0", local(2024, 12, 31, 22))
    return alfa, beta, gama
