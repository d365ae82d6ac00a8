"""A loopback stand-in for Twilio's Programmable Messaging API, for the text-message tests: it
records every request and answers as Twilio documents it.

- POST /2010-04-01/Accounts/{AccountSid}/Messages.json (form-encoded To, From, Body,
  StatusCallback; HTTP basic auth with the account SID and auth token) → 201 with the message's
  JSON (`sid` "SM…", `status` "queued", …);
- wrong credentials → 401 with Twilio's error JSON (code 20003);
- a "To" that is not a valid number (not E.164, or one of `invalid_numbers`) → 400 with code
  21211 ("The 'To' number … is not a valid phone number.");
- `fail_next(n, status)` answers the next n requests with a server error (500/503: code 20500).

`sign_callback` signs a status callback as Twilio does (X-Twilio-Signature: base64 of the
HMAC-SHA1, keyed with the auth token, of the URL followed by each POST parameter's name and
value sorted by name), written here from Twilio's documentation with the standard library.
"""

import base64
import hashlib
import hmac
import json
import re
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

E164 = re.compile(r"^\+[1-9][0-9]{7,14}$")
PATH = re.compile(r"^/2010-04-01/Accounts/(?P<sid>AC[0-9a-f]{32})/Messages\.json$")


@dataclass
class TwilioRequest:
    path: str
    headers: dict[str, str]
    form: dict[str, str]
    status: int
    sid: str = ""


@dataclass
class TwilioLoopback:
    url: str
    account_sid: str
    auth_token: str
    invalid_numbers: set[str] = field(default_factory=set)
    requests: list[TwilioRequest] = field(default_factory=list)
    failures: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, count: int = 1, status: int = 503) -> None:
        with self.lock:
            self.failures.extend([status] * count)

    def sent_to(self, to: str) -> list[TwilioRequest]:
        """The accepted messages (201) whose To is `to` (SMS number or whatsapp: address)."""
        with self.lock:
            return [r for r in self.requests if r.status == 201 and r.form.get("To") == to]

    def answer(self, path: str, headers: dict[str, str], form: dict[str, str]) -> tuple[int, dict]:
        with self.lock:
            status, body, sid = self._answer(path, headers, form)
            self.requests.append(TwilioRequest(path, headers, form, status, sid))
        return status, body

    def _answer(self, path: str, headers: dict[str, str], form: dict[str, str]) -> tuple:
        match = PATH.match(path)
        if match is None:
            return 404, _error(20404, "The requested resource was not found", 404), ""
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if match["sid"] != self.account_sid or headers.get("Authorization") != f"Basic {expected}":
            return 401, _error(20003, "Authenticate", 401), ""
        if self.failures:
            status = self.failures.pop(0)
            return status, _error(20500, "Internal Server Error", status), ""
        to = form.get("To", "")
        number = to.removeprefix("whatsapp:")
        if not E164.match(number) or number in self.invalid_numbers:
            message = f"The 'To' number {to} is not a valid phone number."
            return 400, _error(21211, message, 400), ""
        if not form.get("From") or not form.get("Body"):
            return 400, _error(21604, "A 'From' phone number and a 'Body' are required.", 400), ""
        sid = "SM" + uuid.uuid4().hex
        return (
            201,
            {
                "sid": sid,
                "account_sid": self.account_sid,
                "to": to,
                "from": form["From"],
                "body": form["Body"],
                "status": "queued",
                "num_segments": "1",
                "direction": "outbound-api",
                "api_version": "2010-04-01",
                "error_code": None,
                "error_message": None,
                "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json",
            },
            sid,
        )


def _error(code: int, message: str, status: int) -> dict:
    return {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


@contextmanager
def twilio_loopback(
    account_sid: str | None = None, auth_token: str | None = None
) -> Iterator[TwilioLoopback]:
    """Serves on a free loopback port until the block ends; the credentials it accepts are the
    test settings' unless given."""
    from django.conf import settings

    loopback: TwilioLoopback

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            form = {k: v[0] for k, v in parse_qs(raw.decode(), keep_blank_values=True).items()}
            status, body = loopback.answer(self.path, dict(self.headers.items()), form)
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    host, port = server.server_address[:2]
    loopback = TwilioLoopback(
        url=f"http://{host}:{port}",
        account_sid=account_sid or settings.TWILIO_ACCOUNT_SID,
        auth_token=auth_token or settings.TWILIO_AUTH_TOKEN,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield loopback
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def sign_callback(auth_token: str, url: str, params: dict[str, str]) -> str:
    """X-Twilio-Signature of a form POST to `url` with `params`, as Twilio computes it."""
    text = url + "".join(name + params[name] for name in sorted(params))
    digest = hmac.new(auth_token.encode(), text.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()
