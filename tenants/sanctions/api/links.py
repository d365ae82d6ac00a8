"""Absolute API v1 URLs of a sanction process's documents (the auto and the decisions) on the
current Procon's host, and the `pdf_url` they add to a presented process: the same links for the
Procon's API and for the company's inbox on the platform's host (call inside the process's
schema)."""

from django.db import connection

from shared.procons.models import host_url
from tenants.sanctions.models import Decision, DocumentKind

API = "/api/v1"

# The decision instance each issued document of a decision is the PDF of.
DOCUMENT_INSTANCE = {
    DocumentKind.DECISION: Decision.Instance.FIRST,
    DocumentKind.APPEAL_DECISION: Decision.Instance.SECOND,
}


def _api_url(path: str) -> str:
    return host_url(connection.tenant.host, API + path)


def notice_pdf_url(number: str) -> str:
    return _api_url(f"/sanctions/processes/{number}/auto.pdf")


def decision_pdf_url(number: str, instance: int) -> str:
    return _api_url(f"/sanctions/processes/{number}/decisions/{instance}.pdf")


def _document_url(number: str, kind: str) -> str | None:
    if kind == DocumentKind.NOTICE:
        return notice_pdf_url(number)
    instance = DOCUMENT_INSTANCE.get(kind)  # type: ignore[call-overload]
    return None if instance is None else decision_pdf_url(number, instance)


def with_document_links(data: dict[str, object]) -> dict[str, object]:
    """`data` (a presented process) with `pdf_url` on each issued document and each decision."""
    number = str(data["number"])
    for document in data.get("documents") or []:  # type: ignore[attr-defined]
        document["pdf_url"] = _document_url(number, document["kind"])
    for decision in data.get("decisions") or []:  # type: ignore[attr-defined]
        decision["pdf_url"] = decision_pdf_url(number, decision["instance"])
    return data
