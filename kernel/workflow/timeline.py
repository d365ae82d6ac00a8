"""The timeline (andamento) of an aggregate: one append-only entry per step, saying who acted.

An entry keeps the kind of actor and, where there is one, the name as it was then (a person's
or a company's); the words around the name ("Sistema", "(equipe do Procon)") are translated
when the entry is shown, so a step taken through the API in English reads in Portuguese on a
Brazilian's page and the other way round. Rows written before the kind was kept have no kind
and show the label stored with them.
"""

from typing import Any, Self

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernel.models import user_reference
from kernel.sql import insert_row


class ActorKind(models.TextChoices):
    SYSTEM = "system", _("System")
    CONSUMER = "consumer", _("Consumer")
    COMPANY = "company", _("Company")
    COMPANY_ACCESS_CODE = "company_code", _("Company, with the access code")
    STAFF = "staff", _("Procon staff")


def actor_kind_for(as_role: str, *, has_actor: bool) -> ActorKind:
    """The kind of actor behind a step taken in `as_role` (the roles the guards resolve); a
    company acting without an account acts with a case's access code."""
    if as_role == "company":
        return ActorKind.COMPANY if has_actor else ActorKind.COMPANY_ACCESS_CODE
    if not has_actor or as_role == "system":
        return ActorKind.SYSTEM
    if as_role == "consumer":
        return ActorKind.CONSUMER
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


class TimelineEvent(models.Model):
    """What every timeline entry holds besides its aggregate, step and status after:
    the concrete model declares those (their choices and foreign keys are the app's) and the
    name of its aggregate field in `aggregate_field`. Append-only: each app's migration makes
    the database refuse UPDATE and DELETE."""

    aggregate_field: str = ""

    # The user who acted; none for the sweeps and for a company answering with an access code.
    # Users live in the public schema: no database constraint from a Procon's schema.
    actor = user_reference(optional=True)
    # Who acted: the kind, and the person's or company's name as it was then (a row written before
    # the kind was kept holds its whole label here, in the language it was written in).
    actor_kind = models.CharField(
        max_length=16, choices=ActorKind.choices, blank=True, default="", db_default=""
    )
    actor_name = models.CharField(max_length=150, db_column="actor_label")
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    @property
    def actor_label(self) -> str:
        """Who acted, in the reader's language."""
        return actor_display(self.actor_kind, self.actor_name)

    @classmethod
    def record(
        cls,
        aggregate: Any,
        *,
        step: str,
        actor: Any,
        as_role: str,
        note: str = "",
        data: dict[str, object] | None = None,
        **fields: Any,
    ) -> Self:
        """Append the entry of `step`, taken by `actor` in `as_role`, with the aggregate's status
        after it; a company is named as the aggregate's `company` (with or without an account),
        staff by their full name."""
        kind = actor_kind_for(as_role, has_actor=actor is not None)
        name = ""
        if kind in (ActorKind.COMPANY, ActorKind.COMPANY_ACCESS_CODE):
            name = str(aggregate.company)
        elif kind == ActorKind.STAFF:
            name = actor.full_name
        entry = cls(
            **{cls.aggregate_field: aggregate},
            step=step,
            actor=actor,
            actor_kind=kind,
            actor_name=name,
            status_after=aggregate.status,
            note=note,
            data=data or {},
            **fields,
        )
        insert_row(entry)  # every step writes one: no per-call compilation
        return entry
