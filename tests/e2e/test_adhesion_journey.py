"""A city's Procon adheres in the browser: the applicant signs up and confirms the e-mail, the
state supervisor approves, a real Celery worker provisions the tenant, and the new tenant's home
page answers on its subdomain."""

import random
import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.support import e2e

pytestmark = pytest.mark.e2e

PASSWORD = "senha-da-supervisao-123"


@pytest.fixture(scope="session")
def adhesion(django_db_setup, django_db_blocker) -> e2e.Committed:
    """A committed supervisor, and a free city and sub-domain unique to this session (committed
    tenants persist in the session's database)."""
    from shared.accounts.actions import do_grant_staff_role
    from shared.geo.models import Municipality
    from shared.procons.models import Procon

    with django_db_blocker.unblock():
        suffix = e2e.unique_suffix()
        supervisor = e2e.committed_person(
            f"supervisao.{suffix}@exemplo.test", "Sara Supervisora", PASSWORD
        )
        do_grant_staff_role(supervisor, procon=Procon.objects.get(slug="sp"), role="supervisor")
        taken = set(Procon.objects.values_list("municipality_id", flat=True))
        city = random.choice(
            list(
                Municipality.objects.filter(uf_id=35)
                .exclude(ibge_code__in=taken)
                .values_list("ibge_code", flat=True)
            )
        )
    return e2e.Committed(supervisor_email=supervisor.email, ibge_code=city, slug=f"adere-{suffix}")


def _email_link(django_db_blocker, key: str) -> str:
    from shared.notifications.models import OutboundEmail

    with django_db_blocker.unblock():
        email = OutboundEmail.objects.filter(key=key).first()
    assert email is not None, key
    return urlsplit(re.findall(r"https?://\S+", email.body)[0]).path


def test_a_city_adheres_and_its_site_answers(
    page: Page,
    live_server_url: str,
    celery_worker_process,
    adhesion: e2e.Committed,
    django_db_blocker,
) -> None:
    from onboarding.procons.models import ProconApplication

    port = urlsplit(live_server_url).port
    # the applicant signs up on the platform's host
    page.goto(live_server_url + "/adesao/")
    form = page.get_by_test_id("procon-application-form")
    form.locator('[name="city"]').fill(str(adhesion.ibge_code))
    form.locator('[name="procon_name"]').fill("Procon Aderente")
    form.locator('[name="slug"]').fill(adhesion.slug)
    form.locator('[name="responsible_name"]').fill("Maria da Silva")
    form.locator('[name="responsible_email"]').fill(f"{adhesion.slug}@exemplo.test")
    form.locator('[name="responsible_phone"]').fill("(13) 3333-0000")
    form.locator('[name="responsible_role"]').fill("Coordenadora")
    form.locator('button[type="submit"]').click()
    expect(page.get_by_test_id("procon-application-received")).to_be_visible()

    with django_db_blocker.unblock():
        application = ProconApplication.objects.get(slug=adhesion.slug)
    # and confirms the e-mail
    page.goto(
        live_server_url
        + _email_link(django_db_blocker, f"procon-application:{application.pk}:verify")
    )
    expect(page.get_by_test_id("application-status")).to_have_attribute("data-status", "submitted")

    # the supervisor approves on the state Procon's host
    state = f"http://sp.localhost:{port}"
    e2e.login(page, state, adhesion.supervisor_email, PASSWORD)
    page.goto(state + f"/supervisao/adesoes/{application.pk}/")
    page.get_by_test_id("approve-form").locator('button[type="submit"]').click()

    # the worker provisions it; the new host answers with its name
    new_host = f"http://{adhesion.slug}.localhost:{port}/"
    deadline = time.monotonic() + 60
    while True:
        response = page.goto(new_host)
        if response is not None and response.status == 200:
            break
        assert time.monotonic() < deadline, "the new Procon never answered"
        time.sleep(0.5)
    expect(page.locator("body")).to_contain_text("Procon Aderente")
    page.goto(state + f"/supervisao/adesoes/{application.pk}/")
    expect(page.get_by_test_id("application-status")).to_have_attribute("data-status", "active")
