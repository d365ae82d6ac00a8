"""The one write of the audit log: appending an entry (the database refuses every other)."""

from typing import TYPE_CHECKING

from shared.accounts.models import User
from shared.audit.models import AuditEntry
from shared.procons.models import Procon

if TYPE_CHECKING:
    from shared.companies.models import CompanyApiKey


def do_record_audit_entry(
    *,
    user: User,
    roles: list[str],
    procon: Procon | None,
    method: str,
    path: str,
    route: str,
    object_ref: str,
    status_code: int,
    ip_address: str | None,
    user_agent: str,
    via_token: bool,
    api_key: "CompanyApiKey | None" = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        user=user,
        user_email=user.email,
        roles=sorted(roles),
        procon=procon,
        procon_slug=procon.slug if procon is not None else "",
        method=method[:10],
        path=path[:500],
        route=route[:200],
        object_ref=object_ref[:200],
        status_code=status_code,
        ip_address=ip_address,
        user_agent=user_agent[:300],
        via_token=via_token,
        api_key=api_key,
        company_id=api_key.company_id if api_key is not None else None,
    )
