"""Reading what the account pages queued: account mail lives in the public schema."""

import re

from django_tenants.utils import get_public_schema_name, schema_context

from shared.notifications.models import OutboundEmail


def account_emails(prefix: str) -> list[OutboundEmail]:
    with schema_context(get_public_schema_name()):
        return list(OutboundEmail.objects.filter(key__startswith=prefix).order_by("id"))


def link_in(email: OutboundEmail) -> str:
    match = re.search(r"https?://\S+", email.body)
    assert match, email.body
    return match.group(0)
