from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from onboarding.applications.api import ApplicationListApi, ApplicationStepApi, ApplyApi
from onboarding.procons.actions import (
    do_approve_procon_application,
    do_reject_procon_application,
    do_retry_procon_provisioning,
    do_submit_procon_application,
)
from onboarding.procons.api.serializers import (
    ProconApplicationInput,
    ProconApplicationOutput,
    ProconApplicationReceivedOutput,
    ProconApplicationRejectInput,
)
from onboarding.procons.lifecycle import ApplicationStatus
from onboarding.procons.selectors import SUPERVISION_STATUSES, access_application, application_list


class ApplicationCreateApi(ApplyApi):
    """Anyone may apply for a city's Procon; the e-mail of the person responsible is confirmed by
    a link, then the state supervisor decides."""

    submit = do_submit_procon_application
    input = ProconApplicationInput
    received = ProconApplicationReceivedOutput
    summary = _("Apply for a municipal Procon to adhere")
    description = _(
        "Field errors are 400s naming the field: `slug` (`slug_format`, `slug_reserved`, "
        "`slug_taken`), `municipality` (`city_taken`, `city_outside_state`), `plan`. The "
        "person responsible receives a confirmation link by e-mail."
    )
    example = {
        "municipality_ibge_code": 3551009,
        "procon_name": "Procon São Vicente",
        "slug": "sao-vicente",
        "responsible_name": "Maria da Silva",
        "responsible_email": "maria@saovicente.sp.gov.br",
        "responsible_phone": "(13) 3333-0000",
        "responsible_role": "Coordenadora do Procon",
        "agreement_number": "12/2026",
        "agreement_date": "2026-03-01",
        "plan": "standard",
    }

    def arguments(self, payload: ProconApplicationInput) -> dict[str, Any]:
        return payload.action_kwargs()


class SupervisionApplicationListApi(ApplicationListApi):
    output = ProconApplicationOutput
    statuses = ApplicationStatus.values
    default = _("Default: submitted, approved, provisioning and failed.")
    summary = _("Procon applications (state supervisor)")

    def applications(self, wanted: str | None) -> QuerySet:
        statuses = (wanted,) if wanted in ApplicationStatus.values else SUPERVISION_STATUSES
        return application_list(statuses=statuses)


class _SupervisionStepApi(ApplicationStepApi):
    find = access_application
    output = ProconApplicationOutput


class SupervisionApproveApi(_SupervisionStepApi):
    step = do_approve_procon_application
    summary = _("Approve: the Procon is provisioned by a worker; the applicant is told")


class SupervisionRejectApi(_SupervisionStepApi):
    step = do_reject_procon_application
    input = ProconApplicationRejectInput
    summary = _("Reject with a reason, which the applicant receives")


class SupervisionRetryApi(_SupervisionStepApi):
    step = do_retry_procon_provisioning
    summary = _("Queue a failed provisioning again; it resumes at the step that failed")
