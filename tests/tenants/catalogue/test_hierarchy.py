"""Area → subject → problem: the seeded relation, the problem list the filing forms ask on demand,
the refusal of a problem outside its subject (page and API), and the administrator's curation."""

import uuid

import pytest
from django_tenants.utils import tenant_context

from tenants.catalogue.actions import do_add_subject
from tenants.catalogue.hierarchy import problems_for
from tenants.catalogue.models import Problem, Subject
from tests.factories import CompanyFactory, ConsumerFactory
from tests.support.clients import logged_in_client, token_client
from tests.tenants.complaints.factories import filing_form

pytestmark = pytest.mark.django_db

# consumidor.gov.br records one problem under "Flores" in 2014-2015 (hand-checked in the CSV).
FLOWERS = ("Demais Produtos", "Flores")
FLOWERS_PROBLEM = "Cobrança de valor para a devolução do produto"
POSTPAID = ("Telecomunicações", "Telefonia Móvel Pós-paga")  # 32 problems in the CSV
FOREIGN_PROBLEM = "Presença de sujidades, insetos ou objetos estranhos"  # never under Flores


def _subject(area: str, name: str) -> Subject:
    return Subject.objects.get(area__name=area, name=name)


def _ids(procon) -> dict[str, int]:
    with tenant_context(procon):
        return {
            "flowers": _subject(*FLOWERS).pk,
            "flowers_problem": Problem.objects.get(name=FLOWERS_PROBLEM).pk,
            "foreign": Problem.objects.get(name=FOREIGN_PROBLEM).pk,
        }


def test_seeded_subjects_offer_the_problems_recorded_under_them(procon) -> None:
    with tenant_context(procon):
        assert list(problems_for(_subject(*FLOWERS)).values_list("name", flat=True)) == [
            FLOWERS_PROBLEM
        ]
        assert problems_for(_subject(*POSTPAID)).count() == 32


def test_a_subject_without_related_problems_offers_every_problem(procon) -> None:
    with tenant_context(procon):
        area = _subject(*FLOWERS).area
        own = do_add_subject(area=area, name="Plantas ornamentais")
        assert problems_for(own).count() == Problem.objects.filter(active=True).count() == 130


def test_the_filing_page_asks_the_problems_of_a_subject(procon, consumer) -> None:
    ids = _ids(procon)
    client = logged_in_client(consumer, procon.host)
    response = client.get(f"/reclamar/problemas/?subject={ids['flowers']}")
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"id": ids["flowers_problem"], "name": FLOWERS_PROBLEM, "group": "Cobrança / Contestação"}
    ]
    for bad in ("", "abc", "99999999", "1" * 40):
        assert client.get(f"/reclamar/problemas/?subject={bad}").status_code == 400


def test_the_filing_form_points_its_subject_at_the_problem_endpoint(procon, consumer) -> None:
    page = logged_in_client(consumer, procon.host).get("/reclamar/").content.decode()
    assert 'data-problems-url="/reclamar/problemas/"' in page
    assert 'data-problems-target="id_problem"' in page
    assert "js/subject-problems.js" in page


def test_the_page_refuses_a_problem_outside_the_subject(procon) -> None:
    # given a consumer who posts a pair the list never offered (no script, or a forged post)
    ids = _ids(procon)
    consumer = ConsumerFactory()
    form = filing_form(procon, CompanyFactory()) | {
        "subject": ids["flowers"],
        "problem": ids["foreign"],
    }
    # when
    response = logged_in_client(consumer, procon.host).post("/reclamar/", form)
    # then the form comes back with the error on the problem, and nothing was filed
    assert response.status_code == 400
    assert response.context["form"].errors["problem"]
    assert not response.context["form"].errors.get("subject")
    # the list the page shows again is the subject's
    assert f'value="{ids["foreign"]}"' not in response.content.decode()
    assert f'value="{ids["flowers_problem"]}"' in response.content.decode()
    # and the same pair done right files
    ok = logged_in_client(consumer, procon.host).post(
        "/reclamar/", form | {"problem": ids["flowers_problem"], "form_token": uuid.uuid4().hex}
    )
    assert ok.status_code == 302


def test_the_api_refuses_a_problem_outside_the_subject(procon) -> None:
    ids = _ids(procon)
    company = CompanyFactory()
    body = {
        "company_id": company.pk,
        "subject_id": ids["flowers"],
        "problem_id": ids["foreign"],
        "contacted_company_first": False,
        "facts": "Comprei flores que chegaram murchas.",
        "request": "Quero o dinheiro de volta.",
        "lgpd_consent": True,
    }
    client = token_client(ConsumerFactory(), procon.host, HTTP_ACCEPT_LANGUAGE="pt-br")
    response = client.post("/api/v1/complaints/", body, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"problem_id"}
    ok = client.post(
        "/api/v1/complaints/",
        body | {"problem_id": ids["flowers_problem"]},
        content_type="application/json",
    )
    assert ok.status_code == 201


def test_anyone_reads_a_subjects_problems_in_the_api(procon, public_client) -> None:
    ids = _ids(procon)
    response = logged_in_client(ConsumerFactory(), procon.host).get(
        f"/api/v1/catalogue/subjects/{ids['flowers']}/problems/"
    )
    assert response.status_code == 200
    assert [p["name"] for p in response.json()["problems"]] == [FLOWERS_PROBLEM]
    assert response.json()["related_problem_ids"] == [ids["flowers_problem"]]


def test_the_administrator_curates_a_subjects_problems_on_the_page(
    procon, other_procon, santos_admin_client
) -> None:
    ids = _ids(procon)
    url = f"/configuracoes/catalogo/assuntos/{ids['flowers']}/problemas/"
    assert santos_admin_client.get(url).status_code == 200
    # when the administrator adds a second problem
    response = santos_admin_client.post(url, {"problems": [ids["flowers_problem"], ids["foreign"]]})
    # then both are offered in Santos, Campinas keeps its one
    assert response.status_code == 302
    with tenant_context(procon):
        assert set(problems_for(_subject(*FLOWERS)).values_list("pk", flat=True)) == {
            ids["flowers_problem"],
            ids["foreign"],
        }
    with tenant_context(other_procon):
        assert problems_for(_subject(*FLOWERS)).count() == 1
    # and none ticked offers every problem
    santos_admin_client.post(url, {})
    with tenant_context(procon):
        assert problems_for(_subject(*FLOWERS)).count() == 130


def test_only_the_administrator_curates_a_subjects_problems(
    procon, santos_attendant_client
) -> None:
    ids = _ids(procon)
    page = f"/configuracoes/catalogo/assuntos/{ids['flowers']}/problemas/"
    assert santos_attendant_client.get(page).status_code == 404
    assert santos_attendant_client.post(page, {"problems": [ids["foreign"]]}).status_code == 404
    api = f"/api/v1/catalogue/subjects/{ids['flowers']}/problems/"
    response = santos_attendant_client.put(
        api, {"problem_ids": [ids["foreign"]]}, content_type="application/json"
    )
    assert response.status_code == 404
    with tenant_context(procon):
        assert problems_for(_subject(*FLOWERS)).count() == 1


def test_the_administrator_sets_a_subjects_problems_in_the_api(procon, santos_admin_client) -> None:
    ids = _ids(procon)
    api = f"/api/v1/catalogue/subjects/{ids['flowers']}/problems/"
    response = santos_admin_client.put(
        api, {"problem_ids": [ids["foreign"]]}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["related_problem_ids"] == [ids["foreign"]]
    bad = santos_admin_client.put(api, {"problem_ids": [99999999]}, content_type="application/json")
    assert bad.status_code == 400
    assert set(bad.json()) == {"problem_ids"}
