"""The minutes through the API with the attendance: JSON, multipart with the preposto's letter,
the letter's download, and the contract from before attendance kept."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.hearings.models import AuthorisationLetter
from tests.factories import ConsumerFactory, company_agent
from tests.support.clients import token_client
from tests.tenants.complaints.factories import pdf_bytes
from tests.tenants.hearings.factories import at_hearing_scheduled, hearing_time_arrives

pytestmark = pytest.mark.django_db


@pytest.fixture
def hearing(santos, attendant, conciliator):
    return hearing_time_arrives(at_hearing_scheduled(attendant, conciliator))


def body(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "consumer_present": True,
        "consumer_name": "Maria Consumidora",
        "consumer_capacity": "consumer",
        "company_present": True,
        "company_name": "Paulo Preposto",
        "company_capacity": "preposto",
        "outcome": "agreement",
        "summary": "Acordo.",
        "agreement_terms": "Reembolso.",
        "agreement_due_on": (timezone.localdate() + timedelta(days=5)).isoformat(),
    }
    data.update(overrides)
    return data


def test_multipart_minutes_with_the_letter_then_its_download(santos, hearing, conciliator) -> None:
    client = token_client(conciliator, santos.host)
    url = f"/api/v1/hearings/{hearing.pk}/minutes/"

    missing = client.post(url, body(), content_type="application/json")
    assert missing.status_code == 400
    assert list(missing.json()) == ["authorisation_letter"]

    letter = SimpleUploadedFile("carta.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(url, {**body(), "authorisation_letter": letter})

    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["minutes"]["outcome"] == "agreement"
    assert answer["acceptances"] == []
    rows = {row["party"]: row for row in answer["attendance"]}
    assert (rows["company"]["name"], rows["company"]["capacity"]) == ("Paulo Preposto", "preposto")
    assert rows["consumer"]["authorisation_letter_url"] is None
    letter_url = rows["company"]["authorisation_letter_url"]
    assert letter_url == f"http://{santos.host}/api/v1/hearings/{hearing.pk}/authorisation-letter"

    path = letter_url.removeprefix(f"http://{santos.host}")
    download = token_client(company_agent(hearing.complaint.company), santos.host).get(path)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert token_client(hearing.complaint.consumer, santos.host).get(path).status_code == 404
    assert token_client(ConsumerFactory(), santos.host).get(path).status_code == 404


def test_a_letter_that_is_not_a_pdf_by_content_is_a_400(santos, hearing, conciliator) -> None:
    fake = SimpleUploadedFile("carta.pdf", b"GIF89a not really", content_type="application/pdf")
    response = token_client(conciliator, santos.host).post(
        f"/api/v1/hearings/{hearing.pk}/minutes/", {**body(), "authorisation_letter": fake}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["authorisation_letter"]
    assert not AuthorisationLetter.objects.exists()


def test_an_absent_consumer_through_the_api(santos, hearing, conciliator) -> None:
    response = token_client(conciliator, santos.host).post(
        f"/api/v1/hearings/{hearing.pk}/minutes/",
        body(consumer_present=False, company_capacity="partner", outcome=""),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["minutes"]["outcome"] == "consumer_absent"
    hearing.complaint.refresh_from_db()
    assert (hearing.complaint.status, hearing.complaint.classification) == (S.CLOSED, "withdrawn")


def test_minutes_without_attendance_are_still_accepted(santos, hearing, conciliator) -> None:
    """v1 changes only by addition: the attendance is optional in the API, but one party's
    presence alone is a 400 naming the other."""
    client = token_client(conciliator, santos.host)
    url = f"/api/v1/hearings/{hearing.pk}/minutes/"
    only_one = client.post(
        url,
        {"outcome": "no_agreement", "summary": "x", "consumer_present": True},
        content_type="application/json",
    )
    assert only_one.status_code == 400
    assert set(only_one.json()) == {"consumer_name", "consumer_capacity", "company_present"}

    response = client.post(
        url, {"outcome": "no_agreement", "summary": "Sem acordo."}, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["attendance"] == []
