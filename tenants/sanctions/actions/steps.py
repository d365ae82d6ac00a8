"""What every step of a sanction process shares: the Procon's rules and deadlines, the guard
against the lifecycle table, the row lock and the end of a step (save, timeline entry,
case-index row, e-mails and webhooks)."""

from datetime import date
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.workflow.codes import new_code
from kernel.workflow.locking import locked
from kernel.workflow.steps import record_step
from kernel.workflow.table import guard
from shared import formats
from shared.accounts.models import User
from shared.accounts.selectors import holds_case_role, staff_roles
from tenants.configuration.business_days import add_business_days
from tenants.configuration.selectors import calendar_deadline, extra_holidays_after
from tenants.sanctions.errors import SanctionErrorCode, SanctionIllegalStep
from tenants.sanctions.index import do_index_process
from tenants.sanctions.lifecycle import LIFECYCLE, DayCount, Step
from tenants.sanctions.models import (
    SINGLETON_ID,
    VERIFICATION_LENGTH,
    Decision,
    InfractionNotice,
    IssuedDocument,
    SanctionEvent,
    SanctionSettings,
)
from tenants.sanctions.notify import notify_company


def get_sanction_settings() -> SanctionSettings:
    return SanctionSettings.objects.filter(id=SINGLETON_ID).first() or SanctionSettings()


def window_due_date(start: date, *, days: int, count: str) -> date:
    """A defence or appeal deadline: the day of notice excluded, the due date included; in
    business days (weekends, national, state and the Procon's holidays skipped) or calendar
    days (with the Procon's rule on a due date that falls on a non-business day)."""
    if count == DayCount.BUSINESS:
        return add_business_days(start, days, extra_holidays=extra_holidays_after(start))
    return calendar_deadline(start, days)


@transaction.atomic
def do_update_sanction_settings(*, actor: User, **values: Any) -> SanctionSettings:
    if "tenant_admin" not in staff_roles(user=actor, procon=connection.tenant):
        raise SanctionIllegalStep(
            _("Only the Procon administrator changes these settings."),
            SanctionErrorCode.NOT_ALLOWED,
        )
    current = SanctionSettings.objects.select_for_update().filter(id=SINGLETON_ID).first()
    current = current or SanctionSettings(id=SINGLETON_ID)
    for field, value in values.items():
        setattr(current, field, value)
    current.full_clean()
    current.save()
    return current


def check_step(notice: InfractionNotice, step: Step, *, actor: User | None, as_role: str) -> None:
    guard(notice, step, table=LIFECYCLE, actor=actor, as_role=as_role, holds=holds_case_role)


def require_staff(actor: User, *roles: str) -> None:
    if not actor or not (set(roles) & staff_roles(user=actor, procon=connection.tenant)):
        raise SanctionIllegalStep(
            _("You cannot take this action here."), SanctionErrorCode.NOT_ALLOWED
        )


def within(due: date | None, *, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if due is None or today > due:
        raise SanctionIllegalStep(
            _("The deadline for this step ended on %(due)s.") % {"due": formats.short_date(due)},
            SanctionErrorCode.WINDOW_CLOSED,
        )


def locked_notice(notice: InfractionNotice) -> InfractionNotice:
    return locked(notice, "company")


def locked_for(
    notice: InfractionNotice, step: Step, *, actor: User, as_role: str
) -> InfractionNotice:
    """The process locked for `step`, once the guard lets `actor` take it as `as_role`."""
    notice = locked_notice(notice)
    check_step(notice, step, actor=actor, as_role=as_role)
    return notice


def finish_step(notice: InfractionNotice, *, access_code: str = "", **step: Any) -> SanctionEvent:
    """The end of every step (`step`: kernel.workflow.steps.record_step's arguments): save,
    timeline entry, the case-index row, the company's e-mail (with the one-case access code
    when the notice carries one) and webhooks."""
    event = record_step(notice, events=SanctionEvent, **step)
    do_index_process(notice)
    notify_company(notice, event, access_code=access_code)
    return event


def new_document(
    notice: InfractionNotice, kind: str, decision: Decision | None = None
) -> IssuedDocument:
    """A document the Procon issues, with its verification code."""
    return IssuedDocument.objects.create(
        code=new_code(VERIFICATION_LENGTH), kind=kind, notice=notice, decision=decision
    )
