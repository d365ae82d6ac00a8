"""The hearing forms of the complaint page; saving goes through the actions."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from kernel.web.steps import StrOrPromise
from shared.accounts.models import User
from tenants.complaints.models import Complaint
from tenants.hearings.lifecycle import HearingFormat
from tenants.hearings.models import ConciliationHearing, HearingRoom
from tenants.hearings.scheduling import HEARING_TZ, local
from tenants.hearings.selectors import (
    conciliator_list,
    free_slot_list,
    priority_cases_waiting,
    room_list,
)

# How many free times the schedule form offers.
SUGGESTIONS = 6
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


class RoomChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: HearingRoom) -> str:
        return f"{obj.name} – {obj.address}"


@dataclass(frozen=True)
class Suggestion:
    """A free time offered on the form: a link that fills the form with it."""

    starts_at: datetime
    url: str


class SlotForm(StepForm):
    conciliator = ConciliatorChoice(label=_("Conciliator"), queryset=User.objects.none())
    format = forms.ChoiceField(
        label=_("Format"),
        choices=HearingFormat.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("In person and mixed hearings take place in one of the Procon's rooms."),
    )
    room = RoomChoice(
        label=_("Room"),
        queryset=HearingRoom.objects.none(),
        required=False,
        empty_label=_("No room (online hearing)"),
    )
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=_("Time (Brasília)"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    # What an empty format means: online for a new hearing, the hearing's own for a new date.
    default_format: str | None = HearingFormat.ONLINE

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["conciliator"].queryset = conciliator_list()
        self.fields["room"].queryset = room_list(active_only=True)

    def starts_at(self) -> datetime:
        return datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"], HEARING_TZ)

    def action_data(self) -> dict[str, object]:
        data = {"conciliator": self.cleaned_data["conciliator"], "starts_at": self.starts_at()}
        format = self.cleaned_data.get("format") or self.default_format
        if format:
            data |= {"format": format, "room": self.cleaned_data.get("room")}
        return data

    def _chosen(self, name: str) -> str:
        """The value of field `name` the form holds: posted, else initial."""
        if self.is_bound:
            return str(self.data.get(self.add_prefix(name), "") or "")
        value = self.initial.get(name, "")
        return str(getattr(value, "pk", value) or "")

    # How many of the first free times the last `suggestions` kept for consumers with priority.
    held_back = 0

    def suggestions(
        self,
        *,
        base_url: str,
        count: int = SUGGESTIONS,
        exclude: ConciliationHearing | None = None,
        complaint: Complaint | None = None,
    ) -> list[Suggestion]:
        """The next free times of the chosen conciliator (and room, for a hearing at the Procon),
        each as a link to `base_url` with the form's fields filled; none until a conciliator is
        chosen (or when the Procon has a single one). For `complaint`, the first free times are
        kept for the consumers with a higher priority service who are still waiting."""
        conciliators = self.fields["conciliator"].queryset
        conciliator = conciliators.filter(pk=_as_id(self._chosen("conciliator"))).first()
        if conciliator is None:
            only = list(conciliators[:2])
            conciliator = only[0] if len(only) == 1 else None
        if conciliator is None:
            return []
        format = self._chosen("format") or self.default_format or ""
        room = None
        if format in (HearingFormat.IN_PERSON, HearingFormat.MIXED):
            room = self.fields["room"].queryset.filter(pk=_as_id(self._chosen("room"))).first()
            if room is None:
                return []
        self.held_back = (
            0
            if complaint is None
            else priority_cases_waiting(above=complaint.priority, besides=complaint)
        )
        slots = free_slot_list(
            conciliator=conciliator,
            room=room,
            count=count,
            exclude=exclude,
            held_back=self.held_back,
        )
        fields = {"conciliator": conciliator.pk, "format": format, "room": room.pk if room else ""}
        return [
            Suggestion(
                starts_at,
                f"{base_url}?"
                + urlencode(
                    {
                        self.add_prefix(name): value
                        for name, value in (
                            *fields.items(),
                            ("date", local(starts_at).date().isoformat()),
                            ("time", local(starts_at).strftime("%H:%M")),
                        )
                    }
                ),
            )
            for starts_at in slots
        ]

    @classmethod
    def initial_from(cls, query: QueryDict) -> dict[str, str]:
        """A GET's values of the form's fields (as the suggestions' links carry them)."""
        prefix = f"{cls.prefix}-" if cls.prefix else ""
        return {
            name: query[f"{prefix}{name}"]
            for name in cls.base_fields
            if query.get(f"{prefix}{name}")
        }


def _as_id(value: str) -> int | None:
    return int(value) if value.isdigit() else None


class ScheduleForm(SlotForm):
    prefix = "schedule"
    submit_label = _("Schedule")
    title = _("Schedule the conciliation hearing")
    done = _("Hearing scheduled; the parties were sent the invitation.")


class RescheduleForm(SlotForm):
    prefix = "reschedule"
    submit_label = _("Reschedule")
    default_format = None
    title = _("Reschedule the conciliation hearing")
    done = _("Hearing rescheduled; the parties were sent the new invitation.")
