"""Demo data only: the demo users who must use two-step verification get an authenticator with
one known key (settings.DEMO_TOTP_SECRET, set by the development settings alone), so that a
person trying `make run` can log in as staff. Nothing happens where the setting is empty."""

from base64 import b32decode

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from shared.accounts.models import User
from shared.accounts.two_factor import requires_two_factor


def demo_totp_key() -> bytes | None:
    secret = getattr(settings, "DEMO_TOTP_SECRET", "")
    return b32decode(secret) if secret else None


def seed_demo_authenticators(emails: list[str]) -> int:
    """Idempotent: a demo user who already has an authenticator (their own) keeps it."""
    key = demo_totp_key()
    if key is None:
        return 0
    created = 0
    for user in User.objects.filter(email__in=emails).order_by("pk"):
        if requires_two_factor(user) and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(
                user=user, name="demo authenticator", key=key.hex(), confirmed=True
            )
            created += 1
    return created
