"""Who acted on a timeline entry, worded in the reader's language.

A timeline row keeps the kind of actor and, where there is one, the name as it was then (a
person's or a company's); the words around the name ("Sistema", "(equipe do Procon)") are
translated when the entry is shown, so a step taken through the API in English reads in
Portuguese on a Brazilian's page and the other way round. Rows written before the kind was kept
have no kind and show the label stored with them.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    SYSTEM = "system", _("System")
    CONSUMER = "consumer", _("Consumer")
    COMPANY = "company", _("Company")
    COMPANY_ACCESS_CODE = "company_code", _("Company, with the access code")
    STAFF = "staff", _("Procon staff")


def actor_kind_for(as_role: str, *, has_actor: bool) -> ActorKind:
    """The kind of actor behind a step taken in `as_role` (the roles the guards resolve)."""
    if not has_actor or as_role == "system":
        return ActorKind.SYSTEM
    if as_role == "consumer":
        return ActorKind.CONSUMER
    if as_role == "company":
        return ActorKind.COMPANY
    return ActorKind.STAFF


def actor_display(kind: str, name: str) -> str:
    """The actor as the reader's language says it; `name` alone for rows without a kind."""
    if kind == ActorKind.SYSTEM:
        return gettext("System")
    if kind == ActorKind.CONSUMER:
        return gettext("Consumer")
    if kind == ActorKind.COMPANY_ACCESS_CODE:
        return gettext("%(company)s (with the access code)") % {"company": name}
    if kind == ActorKind.STAFF:
        return gettext("%(name)s (Procon staff)") % {"name": name}
    return name
