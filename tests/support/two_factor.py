"""Two-step verification in tests.

The rule: a test client's `force_login` or `login` opens an OTP-verified session (a confirmed
authenticator is created for the user on the fly when they have none), so tests of what staff
may do are not about the second step. `force_login_unverified` opens a session that has only
passed the password, for tests of the second step itself. Browser journeys complete the step
with `current_code` (tests/support/e2e.py `login` does it).
"""

import time

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from shared.accounts.models import User

_password_login = Client._login
_credentials_login = Client.login


def confirmed_device(user: User) -> TOTPDevice:
    """The user's authenticator; one is created (confirmed) when they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return device


def _verified_login(self: Client, user: User, backend: str | None = None) -> None:
    _password_login(self, user, backend)
    session = self.session
    session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
    session.save()


def _login_with_request(self: Client, **credentials: object) -> bool:
    """django-axes needs the request in authenticate(); Client.login passes none."""
    if "request" not in credentials:
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"
        credentials["request"] = request
    return _credentials_login(self, **credentials)


def install() -> None:
    Client._login = _verified_login  # type: ignore[method-assign]
    Client.login = _login_with_request  # type: ignore[method-assign]


def force_login_unverified(client: Client, user: User) -> None:
    """A session past the password only, as right after the login form."""
    _password_login(client, user, "django.contrib.auth.backends.ModelBackend")
    session = client.session
    assert SESSION_KEY in session
    session.pop(DEVICE_ID_SESSION_KEY, None)
    session.save()


def code_for_key(hex_key: str, *, at: float | None = None, step: int = 30) -> str:
    totp = TOTP(bytes.fromhex(hex_key), step=step)
    totp.time = at if at is not None else time.time()
    return f"{totp.token():06d}"


def current_code(device: TOTPDevice) -> str:
    """A code the device accepts now: django-otp refuses a time step it already used (replay), so
    after a recent login this is the next step's code (within its tolerance) or, at worst, a
    wait for a fresh step."""
    device.refresh_from_db()
    now = time.time()
    step_now = int((now - device.t0) // device.step) + device.drift
    wanted = max(step_now, device.last_t + 1)
    if wanted > step_now + device.tolerance:
        time.sleep(device.t0 + (wanted - device.tolerance - device.drift) * device.step - now + 0.1)
    return code_for_key(device.key, at=device.t0 + wanted * device.step + 1, step=device.step)
