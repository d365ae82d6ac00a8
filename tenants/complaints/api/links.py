"""Absolute API v1 URLs of a complaint's and its hearings' documents, on the current Procon's
host (for responses, webhook payloads and e-mails alike)."""

from django.db import connection

from shared.procons.models import host_url

API = "/api/v1"


def _api_url(path: str) -> str:
    return host_url(connection.tenant.host, API + path)


def cip_pdf_url(number: str) -> str:
    return _api_url(f"/complaints/{number}/cip.pdf")


def attachment_url(number: str, attachment_id: int) -> str:
    return _api_url(f"/complaints/{number}/attachments/{attachment_id}/")


def invitation_url(hearing_id: int) -> str:
    return _api_url(f"/hearings/{hearing_id}/invitation.ics")


def minutes_pdf_url(hearing_id: int) -> str:
    return _api_url(f"/hearings/{hearing_id}/minutes.pdf")
