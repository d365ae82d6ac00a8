from collections.abc import Iterator

import pytest

from tests.support.twilio import TwilioLoopback, twilio_loopback


@pytest.fixture
def twilio(settings) -> Iterator[TwilioLoopback]:  # type: ignore[no-untyped-def]
    """A loopback Twilio for this test, which the provider talks to."""
    with twilio_loopback(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN) as loopback:
        settings.TWILIO_API_BASE_URL = loopback.url
        yield loopback
