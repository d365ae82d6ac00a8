"""Loopback HTTP servers for the billing tests: a receiver that captures localstripe's signed
webhook deliveries, and a recording Stripe endpoint that answers what localstripe lacks
(Checkout Sessions, the billing portal) and forwards everything else to localstripe."""

import hashlib
import hmac
import json
import queue
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl


@dataclass
class Delivery:
    body: bytes
    headers: dict[str, str]

    @property
    def event(self) -> dict[str, Any]:
        return json.loads(self.body)


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    form: dict[str, str]


def _serve(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class WebhookReceiver:
    """Captures every delivery; `wait_for` returns the first one matching a predicate."""

    def __init__(self) -> None:
        self.deliveries: queue.Queue[Delivery] = queue.Queue()
        self.seen: list[Delivery] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.deliveries.put(Delivery(body, dict(self.headers.items())))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = _serve(Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/stripe"

    def wait_for(self, predicate, *, timeout: float = 15) -> Delivery:  # type: ignore[no-untyped-def]
        for delivery in self.seen:
            if predicate(delivery.event):
                return delivery
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                delivery = self.deliveries.get(timeout=0.2)
            except queue.Empty:
                continue
            self.seen.append(delivery)
            if predicate(delivery.event):
                return delivery
        raise AssertionError("localstripe delivered no matching webhook")


@dataclass
class RecordingStripe:
    upstream: str
    requests: list[Recorded] = field(default_factory=list)

    ANSWERS = {
        "/v1/checkout/sessions": lambda form: {
            "id": "cs_test_recorded",
            "object": "checkout.session",
            "mode": form.get("mode"),
            "customer": form.get("customer"),
            "url": "https://checkout.stripe.com/c/pay/cs_test_recorded",
        },
        "/v1/billing_portal/sessions": lambda form: {
            "id": "bps_test_recorded",
            "object": "billing_portal.session",
            "customer": form.get("customer"),
            "url": "https://billing.stripe.com/p/session/bps_test_recorded",
        },
    }

    def start(self) -> str:
        recording = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                form = dict(parse_qsl(body.decode(), keep_blank_values=True))
                recording.requests.append(
                    Recorded(self.command, self.path, dict(self.headers.items()), form)
                )
                answer = recording.ANSWERS.get(self.path)
                if answer is not None:
                    status, payload = 200, json.dumps(answer(form)).encode()
                else:
                    status, payload = recording._forward(self, body)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_DELETE = _handle

            def log_message(self, *args: object) -> None:
                pass

        self.server = _serve(Handler)
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def _forward(self, handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, bytes]:
        request = urllib.request.Request(  # noqa: S310 (loopback)
            self.upstream + handler.path,
            data=body if handler.command != "GET" else None,
            method=handler.command,
            headers={
                k: v
                for k, v in handler.headers.items()
                if k.lower() in {"authorization", "content-type", "idempotency-key"}
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def stop(self) -> None:
        self.server.shutdown()

    def to(self, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.path == path]


def sign(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """Stripe's scheme: `t=<ts>,v1=<hex hmac-sha256 of "<ts>.<payload>">`."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def event(
    event_type: str, obj: dict[str, Any], *, created: int, event_id: str | None = None
) -> bytes:
    """An event as Stripe sends it (today's API version), serialized once: the bytes are signed."""
    return json.dumps(
        {
            "id": event_id or f"evt_test_{event_type.replace('.', '_')}_{created}",
            "object": "event",
            "api_version": "2026-10-28.endive",
            "created": created,
            "livemode": False,
            "type": event_type,
            "data": {"object": obj},
        }
    ).encode()
