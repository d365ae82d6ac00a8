"""The index holds every name the catalogue may hold: filing under the longest subject and
problem of the real catalogue (consumidor.gov.br's, 207 and 116 characters) works through the
API and the page, and the index keeps the names whole."""

import json
import uuid

import pytest
from django.db.models.functions import Length
from django_tenants.utils import tenant_context

from shared.caseindex.models import CaseIndexEntry
from tenants.catalogue.hierarchy import problems_for
from tenants.catalogue.models import Problem, PurchaseChannel, Subject
from tests.factories import CompanyFactory, ConsumerFactory
from tests.support.clients import logged_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def longest(procon) -> tuple[Subject, Problem, PurchaseChannel]:
    with tenant_context(procon):
        subject = (
            Subject.objects.select_related("area")
            .filter(active=True)
            .order_by(Length("name").desc())
            .first()
        )
        # the longest problem offered under it (tenants/catalogue/hierarchy.py)
        problem = problems_for(subject).order_by(Length("name").desc()).first()
        channel = PurchaseChannel.objects.filter(active=True).order_by(Length("name").desc())[0]
    # the seeded catalogue's longest subject is longer than the index's old 200 characters
    assert len(subject.name) > 200
    return subject, problem, channel


def test_filing_under_the_longest_subject_through_the_api_answers_201(procon, longest) -> None:
    subject, problem, channel = longest
    company = CompanyFactory()

    response = logged_in_client(ConsumerFactory(), procon.host).post(
        "/api/v1/complaints/",
        json.dumps(
            {
                "company_id": company.pk,
                "subject_id": subject.pk,
                "problem_id": problem.pk,
                "purchase_channel_id": channel.pk,
                "contacted_company_first": True,
                "facts": "Comprei óculos com grau errado e a ótica não refaz as lentes.",
                "request": "Quero lentes novas no grau da receita.",
                "lgpd_consent": True,
            }
        ),
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    row = CaseIndexEntry.objects.get(procon=procon, number=response.json()["number"])
    assert row.subject == subject.name
    assert row.problem == problem.name
    assert row.subject_area == subject.area.name


def test_filing_under_the_longest_subject_through_the_page_files_the_complaint(
    procon, longest
) -> None:
    subject, problem, channel = longest
    company = CompanyFactory()

    response = logged_in_client(ConsumerFactory(), procon.host).post(
        "/reclamar/",
        {
            "company_cnpj": company.cnpj_display,
            "company_name": "",
            "subject": subject.pk,
            "problem": problem.pk,
            "purchase_channel": channel.pk,
            "contacted_company_first": "yes",
            "facts": "Comprei óculos com grau errado e a ótica não refaz as lentes.",
            "request": "Quero lentes novas no grau da receita.",
            "lgpd_consent": "on",
            "form_token": uuid.uuid4().hex,
        },
    )

    assert response.status_code == 302
    row = CaseIndexEntry.objects.get(procon=procon, company=company)
    assert response["Location"] == f"/reclamacoes/{row.number}/"
    assert row.subject == subject.name
