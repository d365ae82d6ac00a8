"""Yearly publications: frozen, dated versions that a later reclassification does not change;
who may publish which registry (everyone else gets 404)."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from shared.accounts.roles import StaffRole
from shared.registry.actions import do_publish_registry, do_refresh_registry_rollup
from shared.registry.models import RegistryPublication
from shared.registry.selectors import registry_rows
from tests.conftest import host_client
from tests.factories import CompanyFactory, staff
from tests.shared.registry.helpers import (
    founded_complaint,
    index_case,
    reclassified_as_met,
    utc,
)
from tests.support.clients import logged_in_client

pytestmark = pytest.mark.django_db


def test_a_publication_is_frozen_when_a_case_is_reclassified(procon) -> None:
    # given a founded-not-met case, published by the Procon's administrator
    company = CompanyFactory()
    attendant = staff(procon, StaffRole.ATTENDANT)
    admin = staff(procon, StaffRole.TENANT_ADMIN)
    complaint = founded_complaint(procon, attendant, company)
    year = timezone.localdate().year
    client = logged_in_client(admin, procon.host)
    response = client.post("/reclamacoes-fundamentadas/publicar/", {"year": year})
    assert response.status_code == 302
    publication = RegistryPublication.objects.get(procon=procon, year=year)
    assert publication.version == 1

    # when the case is reopened and closed as founded-met
    reclassified_as_met(procon, complaint, attendant)

    # then the live registry changed and the publication did not
    live = {
        r.cnpj: (r.founded_met, r.founded_not_met) for r in registry_rows(procon=procon, year=year)
    }
    assert live[company.cnpj] == (1, 0)
    frozen = json.loads(
        procon_json := client.get(
            f"/reclamacoes-fundamentadas/publicacoes/{publication.pk}.json"
        ).content
    )
    assert procon_json
    assert frozen["frozen"] is True
    assert [(r["cnpj"], r["founded_met"], r["founded_not_met"]) for r in frozen["rows"]] == [
        (company.cnpj, 0, 1)
    ]
    # and a second publication is version 2, the first one still downloadable
    client.post("/reclamacoes-fundamentadas/publicar/", {"year": year})
    assert list(
        RegistryPublication.objects.filter(procon=procon, year=year).values_list(
            "version", flat=True
        )
    ) == [2, 1]
    response = client.get(f"/reclamacoes-fundamentadas/publicacoes/{publication.pk}.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode()), delimiter=";"))
    assert [(r["NumeroCNPJ"], r["FundamentadasNaoAtendidas"]) for r in rows] == [
        (company.cnpj, "1")
    ]
    page = host_client(procon.host).get("/reclamacoes-fundamentadas/").content.decode()
    assert page.count('data-testid="publication"') == 2


def test_the_supervisor_publishes_the_state_wide_registry_on_the_state_host(
    state_procon, procon, other_procon
) -> None:
    company = CompanyFactory()
    index_case(procon, company, closed_at=utc(2019, 3, 1, 12), classification="founded_met")
    index_case(
        other_procon, company, closed_at=utc(2019, 4, 1, 12), classification="founded_not_met"
    )
    supervisor = staff(state_procon, StaffRole.SUPERVISOR)

    response = logged_in_client(supervisor, state_procon.host).post(
        "/supervisao/registro/publicar/", {"year": 2019}
    )

    assert response.status_code == 302
    publication = RegistryPublication.objects.get(procon=None, year=2019)
    assert [(r.cnpj, r.founded_met, r.founded_not_met) for r in publication.rows.all()] == [
        (company.cnpj, 1, 1)
    ]
    public = host_client("localhost")
    assert (
        'data-testid="publication" data-year="2019"'
        in public.get("/reclamacoes-fundamentadas/?year=2019").content.decode()
    )
    assert (
        public.get(f"/reclamacoes-fundamentadas/publicacoes/{publication.pk}.json").status_code
        == 200
    )
    # a state-wide publication is not one of a Procon's
    assert (
        host_client(procon.host)
        .get(f"/reclamacoes-fundamentadas/publicacoes/{publication.pk}.json")
        .status_code
        == 404
    )


def test_municipal_staff_cannot_publish_the_state_registry(state_procon, procon) -> None:
    admin = staff(procon, StaffRole.TENANT_ADMIN)

    on_state_host = logged_in_client(admin, state_procon.host).post(
        "/supervisao/registro/publicar/", {"year": 2019}
    )
    on_own_host = logged_in_client(admin, procon.host).post(
        "/supervisao/registro/publicar/", {"year": 2019}
    )

    assert on_state_host.status_code == 404
    assert on_own_host.status_code == 404
    assert not RegistryPublication.objects.filter(procon=None).exists()


def test_only_the_procon_administrator_publishes_its_registry(procon, other_procon) -> None:
    attendant = staff(procon, StaffRole.ATTENDANT)
    foreign_admin = staff(other_procon, StaffRole.TENANT_ADMIN)

    assert (
        logged_in_client(attendant, procon.host)
        .post("/reclamacoes-fundamentadas/publicar/", {"year": 2019})
        .status_code
        == 404
    )
    assert (
        logged_in_client(foreign_admin, procon.host)
        .post("/reclamacoes-fundamentadas/publicar/", {"year": 2019})
        .status_code
        == 404
    )
    assert not RegistryPublication.objects.filter(procon=procon).exists()


def test_another_procons_publication_is_404(procon, other_procon) -> None:
    admin = staff(other_procon, StaffRole.TENANT_ADMIN)
    publication = do_publish_registry(
        procon=other_procon, year=timezone.localdate().year, actor=admin
    )

    response = host_client(procon.host).get(
        f"/reclamacoes-fundamentadas/publicacoes/{publication.pk}.csv"
    )

    assert response.status_code == 404
    assert (
        host_client(other_procon.host)
        .get(f"/reclamacoes-fundamentadas/publicacoes/{publication.pk}.csv")
        .status_code
        == 200
    )


def test_a_year_out_of_range_is_a_form_error(procon) -> None:
    admin = staff(procon, StaffRole.TENANT_ADMIN)

    response = logged_in_client(admin, procon.host).post(
        "/reclamacoes-fundamentadas/publicar/", {"year": "1800"}
    )

    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()
    assert not RegistryPublication.objects.filter(procon=procon).exists()


def test_the_live_registry_follows_a_reclassification_after_the_next_refresh(procon) -> None:
    # given a founded-not-met case whose figures the registry shows
    company = CompanyFactory()
    attendant = staff(procon, StaffRole.ATTENDANT)
    complaint = founded_complaint(procon, attendant, company)
    do_refresh_registry_rollup()
    year = timezone.localdate().year
    client = host_client(procon.host)

    def figures() -> list[tuple[int, int]]:
        data = json.loads(client.get(f"/reclamacoes-fundamentadas/{year}.json").content)
        return [
            (r["founded_met"], r["founded_not_met"])
            for r in data["rows"]
            if r["cnpj"] == company.cnpj
        ]

    assert figures() == [(0, 1)]

    # when it is reopened and closed as founded-met
    reclassified_as_met(procon, complaint, attendant)
    # then the figures stay as computed until the beat task's refresh (an incremental one: the
    # same day as the first), which shows the reclassification
    assert figures() == [(0, 1)]
    state = do_refresh_registry_rollup()
    assert state.watermark >= timezone.now() - timedelta(minutes=1)
    assert figures() == [(1, 0)]
    page = client.get(f"/reclamacoes-fundamentadas/?year={year}").content.decode()
    assert 'data-testid="registry-refreshed"' in page
