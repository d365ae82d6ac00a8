"""Migration 0002 forgets the response bodies and error texts that failures used to keep."""

import importlib

import pytest
from django.db import connection

from shared.webhooks.models import WebhookDelivery
from tests.factories import CompanyFactory
from tests.shared.webhooks.helpers import endpoint_for

pytestmark = pytest.mark.django_db

migration = importlib.import_module("shared.webhooks.migrations.0002_forget_echoed_responses")


def test_echoed_bodies_and_error_texts_become_fixed_reasons() -> None:
    endpoint, _secret = endpoint_for(CompanyFactory())
    rows = {
        (500, "HTTP 500: SELECT secret FROM internal_admin"): "non-2xx response",
        (302, "HTTP 302: moved"): "redirect not followed",
        (None, "URLError: [Errno 111] Connection refused 10.0.0.5"): "connection failed",
        (None, "endpoint disabled"): "endpoint disabled",
        (200, ""): "",
    }
    deliveries = {
        key: WebhookDelivery.objects.create(
            endpoint=endpoint,
            event_type="ping",
            payload={},
            last_status_code=key[0],
            last_error=key[1],
        )
        for key in rows
    }
    with connection.cursor() as cursor:
        cursor.execute(migration.Migration.operations[0].sql)
    for key, expected in rows.items():
        deliveries[key].refresh_from_db()
        assert deliveries[key].last_error == expected
