"""The hearing forms of the complaint page; saving goes through the actions."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.web.steps import StrOrPromise
from shared.accounts.models import User
from tenants.hearings.selectors import conciliator_list

HEARING_TZ = ZoneInfo("America/Sao_Paulo")
# Action field -> form field, for errors the actions raise.
ERROR_FIELDS = {"starts_at": "date"}


class StepForm(forms.Form):
    """A hearing step's form: the page's title when it is refused and what the page says once
    the step is taken."""

    title: StrOrPromise
    done: StrOrPromise

    def action_data(self) -> dict[str, object]:
        """The cleaned input as the step's action takes it."""
        return dict(self.cleaned_data)


class ConciliatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name or obj.email


class _SlotForm(StepForm):
    conciliator = ConciliatorChoice(label=_("Conciliator"), queryset=User.objects.none())
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=_("Time (Brasília)"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["conciliator"].queryset = conciliator_list()

    def starts_at(self) -> datetime:
        return datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"], HEARING_TZ)

    def action_data(self) -> dict[str, object]:
        return {"conciliator": self.cleaned_data["conciliator"], "starts_at": self.starts_at()}


class ScheduleForm(_SlotForm):
    prefix = "schedule"
    title = _("Schedule the conciliation hearing")
    done = _("Hearing scheduled; the parties were sent the invitation.")


class RescheduleForm(_SlotForm):
    prefix = "reschedule"
    title = _("Reschedule the conciliation hearing")
    done = _("Hearing rescheduled; the parties were sent the new invitation.")
