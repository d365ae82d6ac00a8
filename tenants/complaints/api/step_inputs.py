"""The inputs of the complaint's step operations (accept, answer, rate, close...): each checks the
form of what a step takes; the actions decide."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tenants.complaints.api.serializers import _attachments_field, _id_field
from tenants.complaints.lifecycle import STAFF_CLOSING_CLASSIFICATIONS, RejectionReason
from tenants.complaints.models import FACTS_MAX, AnswerType


class AssignInput(serializers.Serializer):
    assignee_id = _id_field(
        allow_null=True, help_text=_("A member of this Procon's staff; null unassigns.")
    )


class RequestInformationInput(serializers.Serializer):
    question = serializers.CharField(max_length=2000)


class ReplyInput(serializers.Serializer):
    text = serializers.CharField(max_length=FACTS_MAX)
    attachments = _attachments_field(_("Documents the attendant asked for (multipart only)."))


class RejectInput(serializers.Serializer):
    reason = serializers.ChoiceField(choices=RejectionReason.choices)
    explanation = serializers.CharField(max_length=2000)


class AnswerInput(serializers.Serializer):
    answer_type = serializers.ChoiceField(
        choices=AnswerType.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("What the answer does; required when the company answers, optional for staff."),
    )
    text = serializers.CharField(max_length=10_000)
    offer = serializers.CharField(max_length=2_000, required=False, allow_blank=True, default="")
    attachments = _attachments_field(_("Documents of the answer (multipart only)."))


class RateInput(serializers.Serializer):
    resolved = serializers.BooleanField()
    satisfaction = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ConfirmAgreementInput(serializers.Serializer):
    fulfilled = serializers.BooleanField(
        help_text=_("true: the company did what it agreed; false: it did not (the case goes on).")
    )
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class CloseInput(serializers.Serializer):
    classification = serializers.ChoiceField(choices=sorted(STAFF_CLOSING_CLASSIFICATIONS, key=str))
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class WithdrawInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ReopenInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class NoInput(serializers.Serializer):
    """Steps that take nothing but the complaint."""
