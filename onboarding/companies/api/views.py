from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.settings import api_settings

from onboarding.applications.api import ApplicationListApi, ApplicationStepApi, ApplyApi
from onboarding.companies.actions import (
    do_approve_company_application,
    do_consent_to_company_application,
    do_reject_company_application,
    do_request_company_consent,
    do_submit_company_application,
)
from onboarding.companies.api.serializers import (
    ApplicationApproveInput,
    ApplicationInput,
    ApplicationOutput,
    ApplicationReceivedOutput,
    ApplicationRejectInput,
)
from onboarding.companies.lifecycle import ApplicationStatus
from onboarding.companies.selectors import (
    access_application,
    access_application_for_consent,
    application_list,
)


class ApplicationCreateApi(ApplyApi):
    """Anyone may apply for a company; the state supervisor decides."""

    submit = do_submit_company_application
    input = ApplicationInput
    received = ApplicationReceivedOutput
    summary = _("Apply for a company to join the platform")
    description = _(
        "Field errors are 400s naming the field; a CNPJ with an application still waiting "
        "for a decision is refused (`cnpj`, code `application_already_pending`). The "
        "applicant and the legal representative receive an acknowledgement by e-mail."
    )
    example = {
        "cnpj": "12.ABC.345/01DE-35",
        "legal_name": "Exemplo Comércio Ltda.",
        "trade_name": "Exemplo",
        "address": "Rua das Flores, 100",
        "city": "Santos",
        "state": "SP",
        "phone": "(13) 3333-0000",
        "email": "contato@exemplo.com.br",
        "site": "https://exemplo.com.br",
        "representative_name": "Maria da Silva",
        "representative_email": "maria@exemplo.com.br",
        "representative_cpf": "529.982.247-25",
    }


class SupervisionApplicationListApi(ApplicationListApi):
    output = ApplicationOutput
    statuses = ApplicationStatus.values
    default = _("Default: pending.")
    summary = _("Company applications (state supervisor)")

    def applications(self, wanted: str | None) -> QuerySet:
        if wanted not in ApplicationStatus.values:
            wanted = ApplicationStatus.PENDING
        return application_list(status=wanted)


class _SupervisionStepApi(ApplicationStepApi):
    find = access_application
    output = ApplicationOutput


class SupervisionApproveApi(_SupervisionStepApi):
    step = do_approve_company_application
    input = ApplicationApproveInput
    summary = _("Approve: the company is verified and its legal representative invited")
    description = _(
        "A CNPJ whose root belongs to verified companies needs their "
        "administrators' consent or an `override_reason` (400 naming it otherwise)."
    )

    def input_data(self, request: Request) -> Any:
        # A bare POST (no JSON body) stays valid: it approves when there is no conflict.
        is_json = request.content_type.split(";")[0].strip() == "application/json"
        return request.data if is_json else {}


class SupervisionRejectApi(_SupervisionStepApi):
    step = do_reject_company_application
    input = ApplicationRejectInput
    summary = _("Reject with a reason, which the company receives")


class SupervisionRequestConsentApi(_SupervisionStepApi):
    step = do_request_company_consent
    summary = _(
        "E-mail the administrators of the verified group this CNPJ belongs to, asking "
        "their consent (400 when no verified company shares the root)"
    )


@extend_schema(tags=["company applications"])
class ApplicationConsentApi(ApplicationStepApi):
    """An administrator of the verified group consents (platform host); anyone else: 404."""

    permission_classes = api_settings.DEFAULT_PERMISSION_CLASSES
    step = do_consent_to_company_application
    output = ApplicationOutput
    summary = _(
        "Consent, as an administrator of the verified group, to an application for one of its CNPJs"
    )
    description = _(
        "An administrator of the verified group consents (platform host); anyone else: 404."
    )

    def application(self, request: Request, application_id: int) -> Any:
        return access_application_for_consent(viewer=request.user, application_id=application_id)
