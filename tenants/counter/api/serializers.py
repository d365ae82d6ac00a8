"""Input and output of the counter's API operations."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from shared.documents import normalize_cnpj, normalize_cpf, validate_cnpj, validate_cpf
from shared.geo.models import Municipality
from tenants.catalogue.selectors import problem_list, purchase_channel_list, subject_list
from tenants.complaints.api.serializers import OfferedField
from tenants.complaints.lifecycle import Channel, ConsumerSex
from tenants.complaints.models import FACTS_MAX, REQUEST_MAX
from tenants.counter.models import SUMMARY_MAX, IntakeKind, ReferralBody


class CpfInput(serializers.Serializer):
    cpf = serializers.CharField(max_length=14, validators=[validate_cpf])

    def validate_cpf(self, value: str) -> str:
        return normalize_cpf(value)


class ConsumerCreateInput(CpfInput):
    full_name = serializers.CharField(max_length=150)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    mobile = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Mobile phone with the area code; an e-mail, a mobile or both."),
    )
    sms_opt_in = serializers.BooleanField(required=False, default=False)


class ConsumerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    cpf = serializers.CharField()
    has_email = serializers.BooleanField()
    claimed = serializers.BooleanField(help_text=_("The consumer has set a password."))
    created = serializers.BooleanField(required=False)


class IntakeInput(serializers.Serializer):
    consumer_cpf = serializers.CharField(max_length=14, validators=[validate_cpf])
    kind = serializers.ChoiceField(choices=IntakeKind.choices)
    channel = serializers.ChoiceField(choices=Channel.choices)
    summary = serializers.CharField(
        max_length=SUMMARY_MAX, required=False, allow_blank=True, default=""
    )
    guidance = serializers.CharField(
        max_length=SUMMARY_MAX, required=False, allow_blank=True, default=""
    )
    referral_body = serializers.ChoiceField(
        choices=ReferralBody.choices, required=False, allow_blank=True, default=""
    )
    referral_to = serializers.CharField(
        max_length=150, required=False, allow_blank=True, default=""
    )
    referral_reason = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    # The complaint of a preliminary service or a direct complaint.
    company_cnpj = serializers.CharField(
        max_length=18, required=False, allow_blank=True, default="", validators=[validate_cnpj]
    )
    company_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    subject_id = OfferedField(queryset=subject_list(), required=False, allow_null=True)
    problem_id = OfferedField(queryset=problem_list(), required=False, allow_null=True)
    purchase_channel_id = OfferedField(
        queryset=purchase_channel_list(), required=False, allow_null=True
    )
    contacted_company_first = serializers.BooleanField(required=False, default=False)
    company_protocol = serializers.CharField(
        max_length=60, required=False, allow_blank=True, default=""
    )
    customer_reference = serializers.CharField(
        max_length=60, required=False, allow_blank=True, default=""
    )
    facts = serializers.CharField(max_length=FACTS_MAX, required=False, allow_blank=True)
    request = serializers.CharField(max_length=REQUEST_MAX, required=False, allow_blank=True)
    lgpd_consent = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("The consumer agreed at the counter (read to them by the attendant)."),
    )
    send_cip_now = serializers.BooleanField(required=False, default=False)
    # Demographics (optional) and priority service.
    consumer_municipality_ibge_code = serializers.PrimaryKeyRelatedField(
        queryset=Municipality.objects.filter(uf_id=settings.PLATFORM_UF_CODE),
        required=False,
        allow_null=True,
    )
    consumer_cep = serializers.CharField(max_length=9, required=False, allow_blank=True, default="")
    consumer_sex = serializers.ChoiceField(
        choices=ConsumerSex.choices, required=False, allow_blank=True, default=""
    )
    consumer_birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    priority_disability = serializers.BooleanField(required=False, default=False)
    priority_pregnancy = serializers.BooleanField(required=False, default=False)

    def validate_consumer_cpf(self, value: str) -> str:
        return normalize_cpf(value)

    def validate_company_cnpj(self, value: str) -> str:
        return normalize_cnpj(value)


class IntakeOutput(serializers.Serializer):
    number = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField()
    channel = serializers.CharField()
    consumer = serializers.DictField()
    attendant = serializers.CharField()
    summary = serializers.CharField()
    guidance = serializers.CharField()
    referral_body = serializers.CharField()
    referral_to = serializers.CharField()
    referral_reason = serializers.CharField()
    complaint_number = serializers.CharField(allow_null=True)
    priority = serializers.IntegerField()
    priority_display = serializers.CharField()
    receipt_emailed_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    links = serializers.DictField()
