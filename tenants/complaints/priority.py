"""Priority service (atendimento prioritário) of a complaint's consumer.

Lei 10.048/2000 gives priority to people with disabilities or reduced mobility, people aged 60 or
more, pregnant and breastfeeding people and people with a baby in arms; the Estatuto da Pessoa
Idosa (Lei 10.741/2003, as Lei 13.466/2017 amended it) puts people aged 80 or more above the other
older people. The level is kept on the complaint so that the queue can be read in order from an
index; a daily task raises it on the consumer's 60th and 80th birthdays. Pure functions here."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

OLDER = 60
OLDEST = 80


class Priority(models.IntegerChoices):
    NONE = 0, _("No priority")
    PRIORITY = 1, _("Priority")
    PRIORITY_80 = 2, _("Priority 80+")


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_on(birth_date: date, today: date) -> int:
    return (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )


def priority_of(
    *, birth_date: date | None, disability: bool, pregnancy: bool, today: date
) -> Priority:
    age = age_on(birth_date, today) if birth_date is not None else None
    if age is not None and age >= OLDEST:
        return Priority.PRIORITY_80
    if disability or pregnancy or (age is not None and age >= OLDER):
        return Priority.PRIORITY
    return Priority.NONE


def grounds(
    *, birth_date: date | None, disability: bool, pregnancy: bool, today: date
) -> list[str]:
    """Why the consumer has priority service, in words (none when they have none)."""
    reasons = []
    age = age_on(birth_date, today) if birth_date is not None else None
    if age is not None and age >= OLDEST:
        reasons.append(_("aged 80 or more"))
    elif age is not None and age >= OLDER:
        reasons.append(_("aged 60 or more"))
    if disability:
        reasons.append(_("person with a disability or reduced mobility"))
    if pregnancy:
        reasons.append(_("pregnant or breastfeeding, or with a baby in arms"))
    return [str(reason) for reason in reasons]
