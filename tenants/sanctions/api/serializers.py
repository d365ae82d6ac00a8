"""Input and output shapes of the fiscalização API. Inputs only check form; the actions decide.
Choice fields are plain strings validated here (their values are listed in the help text), so
that no enum of this app clashes with another app's enum of the same field name."""

from collections.abc import Iterable

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kernel.web.uploads import MAX_FILES
from tenants.sanctions.lifecycle import (
    AppealRuling,
    DayCount,
    InspectionOrigin,
    Instrument,
    RespondentSignature,
    Sanction,
)
from tenants.sanctions.models import MAX_WITNESSES, TEXT_MAX, DocumentKind

MAX_ID = 2**63 - 1
MONEY = {"max_digits": 16, "decimal_places": 2, "min_value": 0}


def _choice(values: Iterable[str], **kwargs: object) -> serializers.CharField:
    values = list(values)
    return serializers.CharField(
        max_length=40,
        help_text=format_lazy(_("One of: {values}."), values=", ".join(values)),
        validators=[_one_of(values)],
        **kwargs,
    )


def _one_of(values: list[str]):
    def check(value: str) -> None:
        if value not in values:
            raise serializers.ValidationError(
                _("Choose one of: %(values)s.") % {"values": ", ".join(values)},
                code="invalid_choice",
            )

    return check


def _files(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.FileField(allow_empty_file=False),
        required=False,
        max_length=MAX_FILES,
        default=list,
        help_text=help_text,
    )


def _text(**kwargs: object) -> serializers.CharField:
    return serializers.CharField(max_length=TEXT_MAX, **kwargs)


class SanctionNoInput(serializers.Serializer):
    pass


class InspectionCreateInput(serializers.Serializer):
    origin = _choice(InspectionOrigin.values)
    origin_reference = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )
    company_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    place_address = serializers.CharField(max_length=250)
    municipality_ibge_code = serializers.IntegerField(min_value=1, max_value=9999999)
    inspected_at = serializers.DateTimeField()
    inspector_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=20
    )
    findings = _text(required=False, default="", allow_blank=True)
    evidence = _files(_("Photos (JPEG, PNG) or PDF documents; multipart/form-data."))


class InspectionEvidenceInput(serializers.Serializer):
    findings = _text(required=False, default="", allow_blank=True)
    evidence = _files(_("Photos (JPEG, PNG) or PDF documents; multipart/form-data."))


class InspectionCloseInput(serializers.Serializer):
    instrument = _choice([i for i in Instrument.values if i != Instrument.INFRACTION_NOTICE])
    findings = _text(required=False, default="", allow_blank=True)


class NoticeIssueInput(serializers.Serializer):
    facts = _text()
    provision_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=20
    )
    sanction_provision = serializers.CharField(max_length=250)
    requirement = _text()
    inspector_post = serializers.CharField(max_length=120)
    inspector_registration = serializers.CharField(max_length=40)
    respondent_signature = _choice(RespondentSignature.values, required=False, default="absent")
    refusal_witness = serializers.CharField(
        max_length=150, required=False, default="", allow_blank=True
    )
    occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    revenue_estimate = serializers.DecimalField(
        **MONEY, required=False, allow_null=True, default=None
    )


# A witness's name and contact, as the defence form's fields allow.
WITNESS_TEXT_MAX = 150


def _witnesses(value: object) -> list[dict[str, str]]:
    """Up to MAX_WITNESSES {"name", "contact"} objects: a JSON list, or its text in multipart."""
    if not isinstance(value, list) or len(value) > MAX_WITNESSES:
        raise serializers.ValidationError(
            _("A list of at most %(count)s witnesses.") % {"count": MAX_WITNESSES}
        )
    cleaned = []
    for witness in value:
        if not isinstance(witness, dict) or not isinstance(witness.get("name"), str):
            raise serializers.ValidationError(
                _('Each witness is {"name": ..., "contact": ...}.'), code="invalid"
            )
        name, contact = witness["name"].strip(), witness.get("contact", "")
        if not isinstance(contact, str):
            raise serializers.ValidationError(_("A witness's contact is text."), code="invalid")
        if not name:
            raise serializers.ValidationError(_("Each witness needs a name."), code="blank")
        if len(name) > WITNESS_TEXT_MAX or len(contact.strip()) > WITNESS_TEXT_MAX:
            raise serializers.ValidationError(
                _("A witness's name and contact have at most %(count)s characters each.")
                % {"count": WITNESS_TEXT_MAX},
                code="max_length",
            )
        cleaned.append({"name": name, "contact": contact.strip()})
    return cleaned


class WitnessesField(serializers.JSONField):
    def to_internal_value(self, data: object) -> list[dict[str, str]]:
        return _witnesses(super().to_internal_value(data))


class DefenceInput(serializers.Serializer):
    text = _text()
    witnesses = WitnessesField(
        required=False,
        default=list,
        help_text=_('Up to three: [{"name": ..., "contact": ...}] (a JSON string in multipart).'),
    )
    contests_revenue = serializers.BooleanField(required=False, default=False)
    claimed_revenue = serializers.DecimalField(
        **MONEY, required=False, allow_null=True, default=None
    )
    evidence = _files(_("Evidence: PDF, JPEG or PNG; multipart/form-data."))
    revenue_documents = _files(_("Documents that show the revenue claimed."))


class PayAtBaseInput(serializers.Serializer):
    reference = serializers.CharField(max_length=120)
    paid_on = serializers.DateField(required=False, allow_null=True, default=None)


class AppealInput(serializers.Serializer):
    text = _text()
    documents = _files(_("Documents: PDF, JPEG or PNG; multipart/form-data."))


class DecisionInput(serializers.Serializer):
    dismiss = serializers.BooleanField()
    reasoning = _text()
    sanctions = serializers.ListField(child=_choice(Sanction.values), required=False, default=list)
    advantage = serializers.DecimalField(**MONEY, required=False, default=0)
    circumstance_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, default=list
    )
    accept_revenue_contest = serializers.BooleanField(required=False, default=False)


class AppealDecisionInput(serializers.Serializer):
    ruling = _choice(AppealRuling.values)
    reasoning = _text()
    advantage = serializers.DecimalField(**MONEY, required=False, default=0)
    circumstance_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, default=list
    )
    revenue = serializers.DecimalField(**MONEY, required=False, allow_null=True, default=None)


class PaymentInput(serializers.Serializer):
    amount = serializers.DecimalField(**MONEY)
    paid_on = serializers.DateField()
    reference = serializers.CharField(max_length=120)


class CollectionInput(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class SanctionSettingsInput(serializers.Serializer):
    defence_window_days = serializers.IntegerField(min_value=1, max_value=90, required=False)
    defence_day_count = _choice(DayCount.values, required=False)
    appeal_window_days = serializers.IntegerField(min_value=1, max_value=90, required=False)
    appeal_day_count = _choice(DayCount.values, required=False)
    secret_until_final = serializers.BooleanField(required=False)
    deciding_body = serializers.CharField(max_length=200, required=False, allow_blank=True)
    deciding_body_address = serializers.CharField(max_length=250, required=False, allow_blank=True)


# --- outputs (documentation of the JSON the views build) -----------------------------------------


class SanctionStepErrorOutput(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()


class InspectionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    origin = serializers.CharField()
    origin_reference = serializers.CharField()
    company = serializers.DictField()
    place_address = serializers.CharField()
    municipality = serializers.CharField()
    inspected_at = serializers.DateTimeField()
    inspectors = serializers.ListField(child=serializers.DictField())
    findings = serializers.CharField()
    state = serializers.CharField()
    instrument = serializers.CharField()
    evidence = serializers.ListField(child=serializers.DictField())
    notices = serializers.ListField(child=serializers.CharField())


class ProcessDocumentOutput(serializers.Serializer):
    kind = serializers.CharField(
        help_text=format_lazy(_("One of: {values}."), values=", ".join(DocumentKind.values))
    )
    verification_code = serializers.CharField()
    issued_at = serializers.DateTimeField()
    pdf_url = serializers.URLField(
        help_text=_("The document as PDF in the API (its Procon's host; token or API key).")
    )


class ProcessOutput(serializers.Serializer):
    number = serializers.CharField()
    stage = serializers.CharField()
    stage_display = serializers.CharField()
    outcome = serializers.CharField()
    company = serializers.DictField()
    municipality = serializers.CharField()
    place_address = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    facts = serializers.CharField()
    provisions = serializers.ListField(child=serializers.DictField())
    sanction_provision = serializers.CharField()
    requirement = serializers.CharField()
    revenue_estimate = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    inspector = serializers.DictField()
    deciding_body = serializers.DictField()
    deadlines = serializers.DictField()
    fine_amount = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    defence = serializers.DictField(allow_null=True)
    appeal = serializers.DictField(allow_null=True)
    decisions = serializers.ListField(
        child=serializers.DictField(), help_text=_("Each with `pdf_url`, the decision as PDF.")
    )
    payment = serializers.DictField(allow_null=True)
    documents = ProcessDocumentOutput(many=True)
    timeline = serializers.ListField(child=serializers.DictField())
    next_steps = serializers.ListField(child=serializers.CharField())


class ProcessSummaryOutput(serializers.Serializer):
    number = serializers.CharField()
    stage = serializers.CharField()
    company = serializers.DictField()
    company_due_on = serializers.DateField(allow_null=True)
    fine_amount = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    created_at = serializers.DateTimeField()


class PublicProcessOutput(serializers.Serializer):
    number = serializers.CharField()
    stage = serializers.CharField()
    stage_display = serializers.CharField()
    secret = serializers.BooleanField()
    dates = serializers.DictField()
    outcome = serializers.CharField()
    fine_amount = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)


class VerificationOutput(serializers.Serializer):
    valid = serializers.BooleanField()
    kind = serializers.CharField()
    kind_display = serializers.CharField()
    number = serializers.CharField()
    issued_at = serializers.DateTimeField()


class SanctionSettingsOutput(serializers.Serializer):
    defence_window_days = serializers.IntegerField()
    defence_day_count = serializers.CharField()
    appeal_window_days = serializers.IntegerField()
    appeal_day_count = serializers.CharField()
    secret_until_final = serializers.BooleanField()
    deciding_body = serializers.CharField()
    deciding_body_address = serializers.CharField()
