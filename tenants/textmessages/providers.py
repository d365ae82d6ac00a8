"""One interface to the SMS/WhatsApp provider, chosen by TEXT_MESSAGE_PROVIDER.

A provider sends one message and returns its id, and reads a status callback (after checking
that the provider signed it). Twilio speaks its Programmable Messaging REST API as documented;
"file" writes each message as a JSON line under TEXT_MESSAGE_FILE_PATH (`make run`).
"""

import base64
import http.client
import json
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.utils import timezone
from twilio.request_validator import RequestValidator

from tenants.textmessages.lifecycle import Channel, MessageStatus

logger = logging.getLogger(__name__)

RESPONSE_LIMIT = 64 * 1024


class ProviderError(Exception):
    """The provider did not take the message. `retry`: worth trying again later (network,
    timeout, 5xx, 429); otherwise final (an invalid number, a refused sender...)."""

    def __init__(self, message: str, *, code: str = "", retry: bool) -> None:
        super().__init__(message)
        self.code = code
        self.retry = retry


class InvalidCallbackError(Exception):
    """A status callback the provider did not sign (or that names no message)."""


@dataclass(frozen=True)
class StatusReport:
    provider_id: str
    # One of MessageStatus, or None for a provider status that changes nothing (queued, sending).
    status: MessageStatus | None
    error_code: str = ""


class TextMessageProvider(Protocol):
    name: str

    def send(self, *, to: str, body: str, sender: str, channel: str, callback_url: str) -> str:
        """Hand one message to the provider; its id. Raises ProviderError."""
        ...

    def parse_status_callback(
        self, *, url: str, params: Mapping[str, str], headers: Mapping[str, str]
    ) -> StatusReport:
        """The status a callback reports, once its signature is checked. Raises
        InvalidCallbackError."""
        ...


# --- Twilio ---------------------------------------------------------------------------------

# MessageStatus values of Twilio's status callbacks and what they mean here.
TWILIO_STATUSES: dict[str, MessageStatus | None] = {
    "accepted": None,
    "scheduled": None,
    "queued": None,
    "sending": None,
    "sent": MessageStatus.SENT,
    "delivered": MessageStatus.DELIVERED,
    "read": MessageStatus.DELIVERED,
    "undelivered": MessageStatus.UNDELIVERABLE,
    "failed": MessageStatus.FAILED,
    "canceled": MessageStatus.FAILED,
}


def twilio_address(channel: str, number: str) -> str:
    """WhatsApp addresses are the number prefixed with "whatsapp:"; SMS ones are plain."""
    return f"whatsapp:{number}" if channel == Channel.WHATSAPP else number


class TwilioProvider:
    """POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To, From, Body
    and StatusCallback, with HTTP basic auth (account SID, auth token). 201 carries the message's
    `sid`; an error carries Twilio's JSON `code` (21211: invalid "To" number). Status callbacks
    are form posts signed in X-Twilio-Signature (HMAC-SHA1 of the URL and the sorted
    parameters, with the auth token), checked with the `twilio` package's RequestValidator."""

    name = "twilio"

    def __init__(self, *, account_sid: str, auth_token: str, base_url: str, timeout: float) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def send(self, *, to: str, body: str, sender: str, channel: str, callback_url: str) -> str:
        if not (self.account_sid and self.auth_token):
            raise ProviderError("Twilio is not configured", code="config", retry=False)
        form = {
            "To": twilio_address(channel, to),
            "From": twilio_address(channel, sender),
            "Body": body,
        }
        if callback_url:
            form["StatusCallback"] = callback_url
        status, payload = self._post(
            f"/2010-04-01/Accounts/{self.account_sid}/Messages.json", urlencode(form).encode()
        )
        if status in (200, 201) and isinstance(payload.get("sid"), str):
            return payload["sid"]
        code = str(payload.get("code") or status)
        message = str(payload.get("message") or f"HTTP {status}")[:300]
        # 429 (too many requests) and server errors pass; other refusals are about the message.
        raise ProviderError(message, code=code, retry=status == 429 or status >= 500)

    def _post(self, path: str, body: bytes) -> tuple[int, dict]:
        parts = urlsplit(self.base_url)
        connection_class = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        connection = connection_class(parts.netloc, timeout=self.timeout)
        credentials = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        try:
            connection.request(
                "POST",
                parts.path.rstrip("/") + path,
                body=body,
                headers={
                    "Authorization": f"Basic {credentials}",
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/json",
                    "User-Agent": "ProconDigital-TextMessages/1",
                },
            )
            response = connection.getresponse()
            raw = response.read(RESPONSE_LIMIT)
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            # Redirects are not followed either (http.client does not): a 3xx is a failure below.
            raise ProviderError(f"connection failed: {type(exc).__name__}", retry=True) from exc
        finally:
            connection.close()
        try:
            payload = json.loads(raw) if raw else {}
        except ValueError:
            payload = {}
        return status, payload if isinstance(payload, dict) else {}

    def parse_status_callback(
        self, *, url: str, params: Mapping[str, str], headers: Mapping[str, str]
    ) -> StatusReport:
        signature = headers.get("X-Twilio-Signature", "")
        if not (self.auth_token and signature) or not RequestValidator(self.auth_token).validate(
            url, params, signature
        ):
            raise InvalidCallbackError("bad signature")
        provider_id = params.get("MessageSid", "")
        if not provider_id:
            raise InvalidCallbackError("no MessageSid")
        return StatusReport(
            provider_id=provider_id,
            status=TWILIO_STATUSES.get(params.get("MessageStatus", "")),
            error_code=str(params.get("ErrorCode", ""))[:20],
        )


# --- file (development) ---------------------------------------------------------------------


class FileProvider:
    """Writes each message as one JSON line to <TEXT_MESSAGE_FILE_PATH>/<date>.jsonl, for a
    person to read what was sent; no callbacks ever come."""

    name = "file"

    def __init__(self, *, path: Path) -> None:
        self.path = Path(path)

    def send(self, *, to: str, body: str, sender: str, channel: str, callback_url: str) -> str:
        provider_id = f"file-{uuid.uuid4().hex}"
        line = {
            "id": provider_id,
            "at": timezone.now().isoformat(),
            "channel": channel,
            "from": sender,
            "to": to,
            "body": body,
        }
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            with (self.path / f"{timezone.localdate().isoformat()}.jsonl").open("a") as out:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise ProviderError(str(exc), retry=True) from exc
        return provider_id

    def parse_status_callback(
        self, *, url: str, params: Mapping[str, str], headers: Mapping[str, str]
    ) -> StatusReport:
        raise InvalidCallbackError("the file provider sends no callbacks")


@cache
def _provider(name: str, key: tuple) -> TextMessageProvider | None:
    if name == "twilio":
        account_sid, auth_token, base_url, timeout = key
        return TwilioProvider(
            account_sid=account_sid, auth_token=auth_token, base_url=base_url, timeout=timeout
        )
    if name == "file":
        return FileProvider(path=settings.TEXT_MESSAGE_FILE_PATH)
    if name:
        logger.error("unknown TEXT_MESSAGE_PROVIDER %r: no text messages are sent", name)
    return None


def get_provider() -> TextMessageProvider | None:
    """The configured provider, or None when text messages are off."""
    name = settings.TEXT_MESSAGE_PROVIDER
    key: tuple = ()
    if name == "twilio":
        key = (
            settings.TWILIO_ACCOUNT_SID,
            settings.TWILIO_AUTH_TOKEN,
            settings.TWILIO_API_BASE_URL,
            settings.TEXT_MESSAGE_TIMEOUT_SECONDS,
        )
    elif name == "file":
        key = (str(settings.TEXT_MESSAGE_FILE_PATH),)
    return _provider(name, key)
