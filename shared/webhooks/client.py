"""The one HTTP POST of a delivery, with the standard library (no redirects followed: a 3xx is a
failed attempt, so a delivery never lands on a host the company did not register)."""

import urllib.error
import urllib.request
from dataclasses import dataclass

USER_AGENT = "ProconDigital-Webhooks/1"
RESPONSE_EXCERPT = 500


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


@dataclass(frozen=True)
class PostResult:
    status_code: int | None
    error: str

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def post_json(url: str, *, body: bytes, headers: dict[str, str], timeout: float) -> PostResult:
    request = urllib.request.Request(  # noqa: S310 - the URL was validated as https (or loopback http)
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers},
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            response.read(RESPONSE_EXCERPT)
            return PostResult(response.status, "")
    except urllib.error.HTTPError as exc:
        excerpt = exc.read(RESPONSE_EXCERPT).decode(errors="replace") if exc.fp else ""
        return PostResult(exc.code, f"HTTP {exc.code}: {excerpt}".strip())
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return PostResult(None, f"{type(exc).__name__}: {reason}"[:RESPONSE_EXCERPT])
