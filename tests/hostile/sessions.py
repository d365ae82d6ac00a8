"""A signed-in browser session for a test, past the second factor where the platform asks for one."""

from django.apps import apps
from django.test import Client

from shared.accounts.models import User


def signed_in(host: str, user: User) -> Client:
    client = Client(HTTP_HOST=host)
    client.force_login(user)
    if apps.is_installed("django_otp"):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
