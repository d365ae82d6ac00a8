"""Reading the e-mail the platform queued. Mail about accounts, companies and adhesions lives in
the public schema's outbox, keyed by what it is about (`procon-application:<pk>:verify`, ...)."""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django_tenants.utils import get_public_schema_name, schema_context

from shared.notifications.models import OutboundEmail


def public_emails(prefix: str) -> list[OutboundEmail]:
    """The public outbox's messages whose key starts with `prefix`, oldest first."""
    with schema_context(get_public_schema_name()):
        return list(OutboundEmail.objects.filter(key__startswith=prefix).order_by("id"))


def link_in(email: OutboundEmail, index: int = 0) -> str:
    """The message's `index`-th link, whole."""
    links = re.findall(r"https?://\S+", email.body)
    assert links, email.body
    return links[index]


def link_path(email: OutboundEmail, index: int = 0) -> str:
    """The path of the message's `index`-th link."""
    return urlsplit(link_in(email, index)).path


def worker_emails_with(mail_dir: Path, needle: str) -> int:
    """How many times `needle` stands in the messages a real worker's file e-mail backend wrote to
    `mail_dir` (none yet when the folder is not there)."""
    if not mail_dir.exists():
        return 0
    return sum(path.read_text(errors="replace").count(needle) for path in mail_dir.glob("*.log"))
