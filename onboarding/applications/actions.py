"""The steps every application takes the same way: the platform's e-mail about it, the lock a
decision takes and the refusal with a reason."""

from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction

from onboarding.applications.errors import ApplicationAlreadyDecided, reason_required
from onboarding.applications.models import Application
from shared.notifications.actions import do_queue_email
from shared.procons.schemas import in_public_schema


def queue_application_email(
    *, key: str, to: Sequence[str], subject: str, template: str, context: dict[str, Any]
) -> None:
    """Application mail is the platform's, kept in the public schema whichever host decided."""
    with in_public_schema():
        do_queue_email(key=key, to=list(to), subject=subject, template=template, context=context)


def lock_awaiting_decision[A: Application](application: A) -> A:
    """The application read again under a row lock; ApplicationAlreadyDecided when it is no
    longer waiting for the supervisor (two decisions on one application run one after the
    other)."""
    application = type(application)._default_manager.select_for_update().get(pk=application.pk)
    if not application.is_awaiting_decision:
        raise ApplicationAlreadyDecided()
    return application


def reject_application[A: Application](
    application: A, *, actor: Any, reason: str, notify: Callable[[A], None]
) -> A:
    """The supervisor refuses with a reason the applicant receives (`notify`)."""
    reason = (reason or "").strip()
    if not reason:
        raise reason_required()
    with transaction.atomic():
        application = lock_awaiting_decision(application)
        application.record_decision(application.REJECTED, actor=actor, reason=reason)
        notify(application)
    return application
