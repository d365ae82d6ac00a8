"""The inbox list's filter form and the company's public response to a consented narrative. The
answer form is the complaint app's (tenants/complaints/company_view.py)."""

from collections.abc import Iterable, Mapping

from django import forms
from django.utils.translation import gettext_lazy as _

from portals.inbox.selectors import InboxFilters
from shared.narratives.responses import RESPONSE_TEXT_MAX, ResponseKind
from tenants.complaints.lifecycle import ComplaintStatus

DEADLINE_CHOICES = [
    ("", _("Any")),
    ("overdue", _("Overdue")),
    ("due_soon", _("Due soon")),
    ("on_time", _("On time")),
]
SORT_CHOICES = [
    ("deadline", _("Deadline")),
    ("opened", _("Opened (newest first)")),
    ("updated", _("Last change (newest first)")),
]


class InboxFilterForm(forms.Form):
    procon = forms.ChoiceField(label=_("Procon"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *ComplaintStatus.choices]
    )
    deadline = forms.ChoiceField(
        label=_("Company deadline"), required=False, choices=DEADLINE_CHOICES
    )
    subject = forms.CharField(label=_("Subject contains"), required=False, max_length=100)
    opened_from = forms.DateField(
        label=_("Opened from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    opened_to = forms.DateField(
        label=_("Opened until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(
        self, data: Mapping[str, object] | None, *, procons: Iterable[object], **kwargs: object
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["procon"].choices = [("", _("Any"))] + [(p.slug, p.name) for p in procons]

    def filters(self) -> InboxFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return InboxFilters(
            procon_slug=data.get("procon") or "",
            status=data.get("status") or "",
            deadline=data.get("deadline") or "",
            subject=data.get("subject") or "",
            opened_from=data.get("opened_from"),
            opened_to=data.get("opened_to"),
            sort=data.get("sort") or "deadline",
        )


CHOOSE_RESPONSE = _("Choose one of the public responses listed.")


class PublicResponseForm(forms.Form):
    """One of the fixed set of public responses, and optionally the company's own words."""

    prefix = "public_response"  # the answer form on the same page has a `text` field too

    kind = forms.ChoiceField(
        label=_("Public response"),
        choices=ResponseKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_RESPONSE, "invalid_choice": CHOOSE_RESPONSE},
    )
    text = forms.CharField(
        label=_("Your words (optional)"),
        required=False,
        max_length=RESPONSE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The response you choose is published at once beside the narrative. Your words are "
            "published only after the Procon's moderation, with any personal data removed."
        ),
    )
