"""Endpoints: HTTPS only (loopback http only where the setting allows it), a secret shown once."""

import pytest
from django.core.exceptions import ValidationError

from shared.webhooks.actions import MAX_ENDPOINTS_PER_COMPANY, do_create_webhook_endpoint
from shared.webhooks.models import WebhookEndpoint
from tests.factories import CompanyFactory, company_agent
from tests.shared.webhooks.helpers import endpoint_for

pytestmark = pytest.mark.django_db


def test_an_https_endpoint_is_created_with_a_secret_stored_for_signing() -> None:
    endpoint, secret = endpoint_for(CompanyFactory(), url="https://erp.exemplo.test/hooks")
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).secret == secret
    assert endpoint.is_active


@pytest.mark.parametrize(
    "url",
    [
        "http://erp.exemplo.test/hooks",
        "http://10.0.0.5/hooks",
        "ftp://erp.exemplo.test/hooks",
        "https:///hooks",
        "not a url",
    ],
)
def test_anything_but_https_is_refused(url: str) -> None:
    with pytest.raises(ValidationError) as error:
        endpoint_for(CompanyFactory(), url=url)
    assert "url" in error.value.message_dict
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8081/hooks", "http://localhost:9000/x", "http://[::1]:9000/x"]
)
def test_loopback_http_is_allowed_only_with_the_setting(url: str, settings) -> None:
    settings.WEBHOOKS_ALLOW_LOOPBACK_HTTP = True
    endpoint, _secret = endpoint_for(CompanyFactory(), url=url)
    assert endpoint.url == url

    settings.WEBHOOKS_ALLOW_LOOPBACK_HTTP = False
    with pytest.raises(ValidationError) as error:
        endpoint_for(CompanyFactory(), url=url)
    assert error.value.message_dict["url"]


@pytest.mark.parametrize("events", [[], ["complaint.filed"], ["ping"]])
def test_events_must_be_known_and_subscribable(events: list[str]) -> None:
    company = CompanyFactory()
    with pytest.raises(ValidationError) as error:
        do_create_webhook_endpoint(
            company=company,
            actor=company_agent(company, role="admin"),
            url="https://erp.exemplo.test/hooks",
            events=events,
        )
    assert "events" in error.value.message_dict


def test_a_company_group_has_at_most_ten_endpoints() -> None:
    company = CompanyFactory()
    for n in range(MAX_ENDPOINTS_PER_COMPANY):
        endpoint_for(company, url=f"https://erp.exemplo.test/{n}")
    with pytest.raises(ValidationError):
        endpoint_for(company, url="https://erp.exemplo.test/one-more")
