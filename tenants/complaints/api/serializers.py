"""Input and output shapes of the complaint API. Inputs only check form; the actions decide."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kernel.web.uploads import MAX_FILES
from shared.companies.models import Company
from shared.companies.selectors import company_named
from shared.documents import normalize_cnpj, normalize_cpf, validate_cnpj, validate_cpf
from shared.geo.cep import validate_platform_cep
from shared.geo.models import Municipality
from tenants.catalogue.hierarchy import problem_fits
from tenants.catalogue.selectors import (
    offered,
    problem_list,
    purchase_channel_list,
    subject_list,
)
from tenants.complaints.lifecycle import (
    Classification,
    ComplaintStatus,
    ConsumerSex,
    Step,
)
from tenants.complaints.models import FACTS_MAX, REQUEST_MAX

# Ids are bigint primary keys; anything larger is refused before it reaches the database.
MAX_ID = 2**63 - 1


def _id_field(**kwargs: object) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _attachments_field(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.FileField(allow_empty_file=False),
        required=False,
        max_length=MAX_FILES,
        default=list,
        help_text=help_text,
    )


class OfferedField(serializers.PrimaryKeyRelatedField):
    """An active row of the catalogue by id, looked up in what the process remembers of this
    schema's catalogue (no query); the errors of DRF's primary-key field."""

    def to_internal_value(self, data: object) -> object:
        model = self.get_queryset().model
        try:
            if isinstance(data, bool):
                raise TypeError
            pk = model._meta.pk.to_python(data)
        except (TypeError, ValueError, DjangoValidationError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        row = offered(model, pk)
        if row is None:
            self.fail("does_not_exist", pk_value=data)
        return row


@extend_schema_field(
    {
        # Nested in allOf so that the schema's enum post-processing leaves it inline: other
        # apps' `status` fields carry other choices under the same property name.
        "allOf": [{"type": "string", "enum": ComplaintStatus.values}],
        "description": _("The complaint's status."),
    }
)
class ComplaintStatusField(serializers.ChoiceField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(choices=ComplaintStatus.choices, **kwargs)


def _inline_enum(values: list[str], description: str) -> dict[str, object]:
    """An enum kept inline (see ComplaintStatusField), its values taken from the lifecycle."""
    return {"allOf": [{"type": "string", "enum": values}], "description": description}


@extend_schema_field(
    _inline_enum(
        ["", *Classification.values],
        _(
            "How the case was closed; empty while it is open. Staff close with resolved_at_cip, "
            "founded_met, founded_not_met or not_founded; `agreement` comes from a hearing's "
            "agreement the consumer confirmed as met, `withdrawn` from the consumer's withdrawal, "
            "`not_competent` from a rejection."
        ),
    )
)
class ClassificationField(serializers.CharField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(allow_blank=True, **kwargs)


@extend_schema_field(
    _inline_enum(Step.values, _("The lifecycle step this timeline entry records."))
)
class StepField(serializers.CharField):
    pass


@extend_schema_field(
    _inline_enum(ComplaintStatus.values, _("The complaint's status after the step."))
)
class StatusAfterField(serializers.CharField):
    pass


# --- inputs --------------------------------------------------------------------------------------


class FileComplaintInput(serializers.Serializer):
    company_id = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.all(),
        required=False,
        allow_null=True,
        help_text=_(
            "A company the platform knows; or give company_cnpj (or supplier_cpf) and company_name; "
            "or company_name alone for a business whose CNPJ the consumer does not know (the "
            "Procon completes it before the CIP)."
        ),
    )
    company_cnpj = serializers.CharField(
        max_length=18,
        required=False,
        allow_blank=True,
        validators=[validate_cnpj],
        help_text=_(
            "CNPJ of a company the platform does not know yet (with or without punctuation)."
        ),
    )
    supplier_cpf = serializers.CharField(
        max_length=14,
        required=False,
        allow_blank=True,
        validators=[validate_cpf],
        help_text=_(
            "Instead of company_cnpj, for a supplier who is a person selling as an individual "
            "(SINDEC Tipo 0): their CPF (with or without punctuation), with company_name. Never "
            "published."
        ),
    )
    company_name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text=_(
            "Its legal or trade name (a person's name for supplier_cpf); alone, the name of a "
            "business whose CNPJ the consumer does not know."
        ),
    )
    subject_id = OfferedField(queryset=subject_list())
    problem_id = OfferedField(queryset=problem_list())
    purchase_channel_id = OfferedField(
        queryset=purchase_channel_list(), required=False, allow_null=True
    )
    consumer_municipality_ibge_code = serializers.PrimaryKeyRelatedField(
        queryset=Municipality.objects.filter(uf_id=settings.PLATFORM_UF_CODE),
        required=False,
        allow_null=True,
        help_text=_(
            "IBGE code of the consumer's city (only the city is kept); a municipal Procon's own "
            "city when left out."
        ),
    )
    contacted_company_first = serializers.BooleanField()
    company_protocol = serializers.CharField(
        max_length=60, required=False, allow_blank=True, default=""
    )
    customer_reference = serializers.CharField(
        max_length=60,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Optional: the contract, account, line or order number that helps the company find "
            "the consumer as its customer. Shown to the Procon and the company, never published."
        ),
    )
    facts = serializers.CharField(max_length=FACTS_MAX)
    request = serializers.CharField(max_length=REQUEST_MAX)
    lgpd_consent = serializers.BooleanField(
        help_text=_("Must be true: the consumer agrees to the processing of their data.")
    )
    attachments = _attachments_field(_("PDF, JPEG or PNG files, 10 MB each (multipart only)."))
    consumer_birth_date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_(
            "Optional: the consumer's date of birth; 60 or older gives priority service (80 or "
            "older, above the others). Shown only to the Procon."
        ),
    )
    priority_disability = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("The consumer has a disability or reduced mobility (priority service)."),
    )
    priority_pregnancy = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "The consumer is pregnant or breastfeeding, or has a baby in arms (priority service)."
        ),
    )
    consumer_cep = serializers.CharField(
        max_length=9,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Optional, for SINDEC and the open statistics: the consumer's CEP, of this state "
            "(00000-000); the city is taken from it. Never shown to the company; the files "
            "publish its first five digits."
        ),
    )
    consumer_sex = serializers.ChoiceField(
        choices=ConsumerSex.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Optional, for SINDEC and the open statistics: F or M. Never shown to the company."
        ),
    )

    publish_narrative = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Optional: the consumer agrees to publish the facts on the company's public page "
            "and in the open data, without personal data (removed automatically, then checked "
            "by the Procon's staff), only after moderation. The consent can be withdrawn at any "
            "time (DELETE .../narrative/) and never changes how the complaint is handled."
        ),
    )

    def validate_consumer_cep(self, value: str) -> str:
        value = value.strip()
        if not value:
            return ""
        try:
            return validate_platform_cep(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages[0]) from error

    def validate(self, attrs: dict[str, object]) -> dict[str, object]:
        subject, problem = attrs.get("subject_id"), attrs.get("problem_id")
        if subject is not None and problem is not None and not problem_fits(subject, problem):
            raise serializers.ValidationError(
                {
                    "problem_id": _(
                        "This problem does not belong to the chosen subject: choose one from its "
                        "list."
                    )
                }
            )
        attrs["company_city"], attrs["company_state"] = _city_of(
            attrs.get("consumer_municipality_ibge_code")
        )
        name = " ".join(str(attrs.get("company_name") or "").split())
        if (
            attrs.get("company_id") is None
            and name
            and not (attrs.get("company_cnpj") or attrs.get("supplier_cpf"))
        ):
            # Known only by name: the company of that exact name, else a supplier to complete.
            attrs["company_id"] = company_named(name=name)
            attrs["company_name"] = name
            attrs["company_cnpj"] = attrs["supplier_cpf"] = ""
            return attrs
        if attrs.get("company_id") is None:
            if attrs.get("company_cnpj") and attrs.get("supplier_cpf"):
                raise serializers.ValidationError(
                    {"supplier_cpf": _("Give the company's CNPJ or the supplier's CPF, not both.")}
                )
            if not attrs.get("company_cnpj") and not attrs.get("supplier_cpf"):
                raise serializers.ValidationError(
                    {"company_id": _("Choose the company, or give its CNPJ or its name.")}
                )
            if not (attrs.get("company_name") or "").strip():
                raise serializers.ValidationError(
                    {"company_name": _("Give the name of the company with this CNPJ.")}
                )
            attrs["company_cnpj"] = normalize_cnpj(str(attrs.get("company_cnpj") or ""))
            attrs["supplier_cpf"] = normalize_cpf(str(attrs.get("supplier_cpf") or ""))
        return attrs


def _city_of(municipality: Municipality | None) -> tuple[str, str]:
    """The city of a company named without a document: the consumer's, else the Procon's."""
    if municipality is None and not connection.tenant.is_state:
        municipality = connection.tenant.municipality
    if municipality is None:
        return "", ""
    return municipality.name, municipality.uf.abbreviation


class QueueFiltersInput(serializers.Serializer):
    """Query parameters of the list; the filters past `status` apply to the staff queue."""

    scope = serializers.ChoiceField(
        choices=["consumer", "company", "staff"],
        required=False,
        help_text=_(
            "Whose list: your own complaints (consumer), those against your companies (company) "
            "or this Procon's queue (staff). Defaults to the widest you hold."
        ),
    )
    status = ComplaintStatusField(required=False)
    company_id = _id_field(required=False)
    subject_id = _id_field(required=False)
    assignee_id = _id_field(required=False)
    unassigned = serializers.BooleanField(required=False, default=False)
    deadline = serializers.ChoiceField(choices=["overdue", "due_soon", "on_time"], required=False)
    cursor = serializers.CharField(max_length=200, required=False)


# --- outputs -------------------------------------------------------------------------------------


class NamedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CompanyOutput(serializers.Serializer):
    id = serializers.IntegerField()
    cnpj = serializers.CharField()
    name = serializers.CharField()


class DeadlineOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["overdue", "due_soon", "on_time"])
    date = serializers.DateField()


class DeadlinesOutput(serializers.Serializer):
    cip_due_on = serializers.DateField(allow_null=True)
    rating_due_on = serializers.DateField(allow_null=True)
    agreement_due_on = serializers.DateField(allow_null=True)
    running = DeadlineOutput(
        allow_null=True, help_text=_("The deadline running now, if any, and how close it is.")
    )


class LinksOutput(serializers.Serializer):
    api = serializers.URLField()
    page = serializers.URLField()
    hearings = serializers.URLField(help_text=_("The complaint's hearings (API v1)."))
    cip_pdf = serializers.URLField(
        allow_null=True,
        required=False,
        help_text=_(
            "The CIP letter (PDF, API v1) for this Procon's staff and the company's "
            "agents once the CIP was sent; null otherwise. In the complaint's detail only."
        ),
    )


class ComplaintSummaryOutput(serializers.Serializer):
    number = serializers.CharField()
    status = ComplaintStatusField()
    status_display = serializers.CharField()
    classification = ClassificationField()
    company = CompanyOutput()
    subject = NamedOutput()
    problem = NamedOutput()
    assignee = NamedOutput(allow_null=True, help_text=_("Shown to this Procon's staff only."))
    priority = serializers.IntegerField(
        allow_null=True,
        help_text=_(
            "Priority service: 0 none, 1 priority (60 or older, disability, pregnancy), 2 priority "
            "of people aged 80 or more. Shown to this Procon's staff only (null for others)."
        ),
    )
    deadlines = DeadlinesOutput()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    links = LinksOutput()


class ComplaintPageOutput(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text=_("The next page, or null at the end."))
    results = ComplaintSummaryOutput(many=True)


class AttachmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    event_id = serializers.IntegerField(allow_null=True)
    download_url = serializers.URLField(help_text=_("The file on the complaint's page (sessions)."))
    api_url = serializers.URLField(
        help_text=_("The file in API v1 (token, API key or session): the same access rule.")
    )
    created_at = serializers.DateTimeField()


class EventOutput(serializers.Serializer):
    id = serializers.IntegerField()
    step = StepField()
    step_display = serializers.CharField()
    actor = serializers.CharField()
    status_after = StatusAfterField()
    note = serializers.CharField(allow_blank=True)
    data = serializers.DictField()
    visible_to_consumer = serializers.BooleanField()
    at = serializers.DateTimeField()


class AnswerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    offer = serializers.CharField(allow_blank=True)
    channel = serializers.CharField()
    answer_type = serializers.CharField(
        allow_blank=True,
        help_text=_("What the answer does (solved_monetary, refused_duplicate ...)."),
    )
    timely = serializers.BooleanField()
    at = serializers.DateTimeField()


class RatingOutput(serializers.Serializer):
    resolved = serializers.BooleanField()
    satisfaction = serializers.IntegerField()
    comment = serializers.CharField(allow_blank=True)
    rated_at = serializers.DateTimeField()


class CustomerOutput(serializers.Serializer):
    name = serializers.CharField()
    cpf = serializers.CharField(help_text=_("Formatted: 123.456.789-09."))
    email = serializers.EmailField()
    phone = serializers.CharField(allow_blank=True)
    reference = serializers.CharField(
        allow_blank=True, help_text=_("Contract, account, line or order number (optional).")
    )


class ComplaintDetailOutput(ComplaintSummaryOutput):
    consumer_name = serializers.CharField()
    purchase_channel = NamedOutput(allow_null=True)
    contacted_company_first = serializers.BooleanField()
    company_protocol = serializers.CharField(allow_blank=True)
    customer_reference = serializers.CharField(
        allow_blank=True,
        help_text=_("The contract, account, line or order number the consumer gave (optional)."),
    )
    customer = CustomerOutput(
        allow_null=True,
        help_text=_(
            "What identifies the consumer to the company as its customer: for the Procon's staff "
            "and the company's agents; null for the consumer (it is their own data) and anyone "
            "else."
        ),
    )
    facts = serializers.CharField()
    request = serializers.CharField()
    rejection_reason = serializers.CharField(allow_blank=True)
    answer_timely = serializers.BooleanField(allow_null=True)
    rating = RatingOutput(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    your_roles = serializers.ListField(
        child=serializers.CharField(),
        help_text=_(
            "The capacities in which you see this complaint (consumer, company, staff roles)."
        ),
    )
    allowed_steps = serializers.ListField(
        child=serializers.CharField(),
        help_text=_(
            "The step endpoints you may call now, by their path segment (accept, send-cip ...)."
        ),
    )
    timeline = EventOutput(many=True)
    answers = AnswerOutput(many=True)
    attachments = AttachmentOutput(many=True)


class StepErrorOutput(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()


# The step operations' inputs live in step_inputs.py; named here too, where the API reads them.
from tenants.complaints.api.step_inputs import (  # noqa: E402, F401
    AnswerInput,
    AssignInput,
    CloseInput,
    ConfirmAgreementInput,
    NoInput,
    RateInput,
    RejectInput,
    ReopenInput,
    ReplyInput,
    RequestInformationInput,
    WithdrawInput,
)
