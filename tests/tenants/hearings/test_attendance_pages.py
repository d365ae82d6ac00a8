"""The minutes form on the complaint page with the attendance and the preposto's letter
(multipart), its refusals, the letter's download, and what the hearing panel shows of the
hearing's place and of held minutes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tenants.complaints.lifecycle import ComplaintStatus as S
from tenants.hearings.lifecycle import HearingFormat
from tenants.hearings.models import AuthorisationLetter, ConciliationHearing, HearingRoom
from tests.factories import CompanyFactory, ConsumerFactory, company_agent
from tests.support.clients import logged_in_client
from tests.tenants.complaints.factories import pdf_bytes
from tests.tenants.hearings.attendance_factories import PREPOSTO_CAME, minutes_form, minutes_with
from tests.tenants.hearings.factories import at_hearing_scheduled, hearing_time_arrives

pytestmark = pytest.mark.django_db


@pytest.fixture
def hearing(santos, attendant, conciliator) -> ConciliationHearing:
    return hearing_time_arrives(at_hearing_scheduled(attendant, conciliator))


def minutes_url(hearing: ConciliationHearing) -> str:
    return f"/reclamacoes/{hearing.complaint.number}/audiencia/{hearing.pk}/ata/"


def case_page(user, hearing: ConciliationHearing, santos) -> str:
    response = logged_in_client(user, santos.host).get(f"/reclamacoes/{hearing.complaint.number}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_conciliator_records_the_preposto_and_the_letter_from_the_case_page(
    santos, hearing, conciliator
) -> None:
    page = case_page(conciliator, hearing, santos)
    assert 'enctype="multipart/form-data"' in page
    assert 'data-testid="attendance-company"' in page
    assert 'name="minutes-authorisation_letter"' in page

    response = logged_in_client(conciliator, santos.host).post(
        minutes_url(hearing),
        minutes_form(
            company_name="Paulo Preposto",
            company_capacity="preposto",
            authorisation_letter=SimpleUploadedFile("carta.pdf", pdf_bytes()),
        ),
    )

    assert response.status_code == 302, response.content.decode()
    letter = AuthorisationLetter.objects.get(attendance__hearing=hearing)
    assert (letter.original_name, letter.content_type) == ("carta.pdf", "application/pdf")
    hearing.complaint.refresh_from_db()
    assert hearing.complaint.status == S.AGREEMENT


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"company_capacity": "preposto"}, "authorisation_letter"),
        (
            {
                "company_capacity": "preposto",
                "authorisation_letter": SimpleUploadedFile("carta.pdf", b"<html>not a pdf"),
            },
            "authorisation_letter",
        ),
        ({"consumer_present": None, "consumer_name": ""}, "consumer_present"),
        ({"company_present": "no", "outcome": "agreement"}, "outcome"),
    ],
    ids=["preposto-without-letter", "letter-not-a-pdf", "no-presence", "agreement-with-absence"],
)
def test_a_refused_form_comes_back_with_its_fields_and_nothing_recorded(
    santos, hearing, conciliator, overrides, fields
) -> None:
    response = logged_in_client(conciliator, santos.host).post(
        minutes_url(hearing), minutes_form(**overrides)
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert f'data-testid="form-errors" data-fields="{fields}"' in html
    assert 'enctype="multipart/form-data"' in html
    hearing.refresh_from_db()
    assert hearing.is_scheduled
    assert not AuthorisationLetter.objects.exists()


def test_the_consumer_cannot_record_minutes_and_a_stranger_gets_404(
    santos, hearing, conciliator
) -> None:
    consumer = hearing.complaint.consumer
    assert logged_in_client(consumer, santos.host).post(minutes_url(hearing), {}).status_code == 409
    stranger = logged_in_client(ConsumerFactory(), santos.host)
    assert stranger.post(minutes_url(hearing), minutes_form()).status_code == 404
    assert not hearing.attendance.exists()


def test_staff_and_the_company_download_the_letter_and_nobody_else(
    santos, hearing, conciliator, attendant
) -> None:
    minutes_with(hearing, conciliator, company=PREPOSTO_CAME, with_letter=True)
    complaint = hearing.complaint
    url = f"/reclamacoes/{complaint.number}/audiencia/{hearing.pk}/carta-de-preposicao/"

    for reader in (conciliator, attendant, company_agent(complaint.company)):
        response = logged_in_client(reader, santos.host).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert response["Content-Type"] == "application/pdf"
    for outsider in (complaint.consumer, ConsumerFactory(), company_agent(CompanyFactory())):
        assert logged_in_client(outsider, santos.host).get(url).status_code == 404
    # the company's and staff's pages link it; the consumer's does not
    assert "carta-de-preposicao" in case_page(conciliator, hearing, santos)
    assert "carta-de-preposicao" not in case_page(complaint.consumer, hearing, santos)


def test_a_hearing_without_a_letter_has_none_to_download(santos, hearing, conciliator) -> None:
    minutes_with(hearing, conciliator)
    url = f"/reclamacoes/{hearing.complaint.number}/audiencia/{hearing.pk}/carta-de-preposicao/"
    assert logged_in_client(conciliator, santos.host).get(url).status_code == 404


def test_the_panel_shows_the_terms_due_date_and_attendance_to_both_parties(
    santos, hearing, conciliator
) -> None:
    minutes_with(hearing, conciliator, company=PREPOSTO_CAME, with_letter=True)
    complaint = hearing.complaint

    for reader in (complaint.consumer, company_agent(complaint.company)):
        page = case_page(reader, hearing, santos)
        assert f'data-testid="minutes-card-{hearing.pk}"' in page
        assert "Troca do aparelho por um novo." in page
        assert 'data-testid="minutes-due-on"' in page
        assert "Maria Consumidora" in page and "Paulo Preposto" in page
        assert 'data-testid="minutes-accept-form"' in page


def test_the_panel_shows_the_room_and_its_address_and_the_link_by_format(
    santos, attendant, conciliator
) -> None:
    hearing = at_hearing_scheduled(attendant, conciliator)
    room = HearingRoom.objects.create(name="Sala 2", address="Rua XV de Novembro, 100, 2º andar")
    consumer = hearing.complaint.consumer

    page = case_page(consumer, hearing, santos)
    assert 'data-testid="hearing-room-link"' in page
    assert "Sala 2" not in page

    ConciliationHearing.objects.filter(pk=hearing.pk).update(
        format=HearingFormat.IN_PERSON, room=room, room_url=""
    )
    page = case_page(consumer, hearing, santos)
    assert 'data-format="in_person"' in page
    assert "Sala 2" in page and "Rua XV de Novembro, 100, 2º andar" in page
    assert 'data-testid="hearing-room-link"' not in page

    ConciliationHearing.objects.filter(pk=hearing.pk).update(
        format=HearingFormat.MIXED, room_url="https://meet.jit.si/procon-sala-2"
    )
    page = case_page(consumer, hearing, santos)
    assert "Rua XV de Novembro, 100, 2º andar" in page
    assert 'href="https://meet.jit.si/procon-sala-2"' in page
