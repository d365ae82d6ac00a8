"""Writes on company applications: a company applies once; the state supervisor approves (the
company becomes verified and its legal representative is invited as administrator) or rejects
with a reason. Each decision records who took it, when and why."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onboarding.applications.actions import (
    lock_awaiting_decision,
    queue_application_email,
    reject_application,
)
from onboarding.companies.errors import MESSAGES, ApplicationErrorCode
from onboarding.companies.lifecycle import ApplicationStatus
from onboarding.companies.models import CompanyApplication
from onboarding.companies.selectors import application_conflict, has_pending_application
from shared.accounts.actions import do_grant_company_role
from shared.accounts.models import CompanyMembership, User
from shared.accounts.roles import CompanyRole
from shared.audit.actions import do_record_audit_entry
from shared.companies.actions import do_invite_company_agent, do_verify_company
from shared.documents import normalize_cnpj, normalize_cpf
from shared.procons.models import platform_url


def _pending_error() -> ValidationError:
    return _field_error("cnpj", ApplicationErrorCode.ALREADY_PENDING)


def _recipients(application: CompanyApplication) -> list[str]:
    return list(dict.fromkeys([application.email, application.representative_email]))


# What the applicant is told, by kind (the body is company_onboarding/email/<kind>.txt).
SUBJECTS = {
    "received": gettext_lazy("We received the application of %(company)s"),
    "approved": gettext_lazy("The application of %(company)s was approved"),
    "rejected": gettext_lazy("The application of %(company)s was not approved"),
}


def _tell(application: CompanyApplication, kind: str) -> None:
    queue_application_email(
        key=f"company-application:{application.pk}:{kind}",
        to=_recipients(application),
        subject=SUBJECTS[kind] % {"company": application.legal_name},
        template=f"company_onboarding/email/{kind}.txt",
        context={"application": application, "platform_url": platform_url("/")},
    )


def do_submit_company_application(
    *,
    cnpj: str,
    legal_name: str,
    trade_name: str = "",
    address: str,
    city: str,
    state: str,
    phone: str,
    email: str,
    site: str = "",
    representative_name: str,
    representative_email: str,
    representative_cpf: str,
) -> CompanyApplication:
    """One pending application per CNPJ (a partial unique index backs the check)."""
    application = CompanyApplication(
        cnpj=normalize_cnpj(cnpj),
        legal_name=legal_name.strip(),
        trade_name=trade_name.strip(),
        address=address.strip(),
        city=city.strip(),
        state=state.strip().upper(),
        phone=phone.strip(),
        email=email.strip().lower(),
        site=site.strip(),
        representative_name=representative_name.strip(),
        representative_email=representative_email.strip().lower(),
        representative_cpf=normalize_cpf(representative_cpf),
    )
    application.full_clean(validate_constraints=False)
    if has_pending_application(cnpj=application.cnpj):
        raise _pending_error()
    try:
        with transaction.atomic():
            application.save()
            _tell(application, "received")
    except IntegrityError:
        if has_pending_application(cnpj=application.cnpj):
            raise _pending_error() from None
        raise
    return application


def _make_representative_admin(application: CompanyApplication) -> None:
    """Invite the legal representative as administrator; someone already on the team becomes
    administrator at once."""
    company = application.company
    membership = (
        CompanyMembership.objects.filter(
            company=company, user__email__iexact=application.representative_email
        )
        .select_related("user")
        .first()
    )
    if membership is not None:
        do_grant_company_role(membership.user, company=company, role=CompanyRole.ADMIN)
        return
    do_invite_company_agent(
        company, actor=None, email=application.representative_email, role=CompanyRole.ADMIN
    )


def _error(code: ApplicationErrorCode) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


def _field_error(field: str, code: ApplicationErrorCode) -> ValidationError:
    return ValidationError({field: _error(code)})


def do_request_company_consent(
    application: CompanyApplication, *, actor: User
) -> CompanyApplication:
    """E-mail the administrators of the verified group the application conflicts with: they
    accept on the platform host, logged in, or do nothing."""
    with transaction.atomic():
        application = lock_awaiting_decision(application)
        conflict = application_conflict(application)
        if not conflict:
            raise _field_error("decision", ApplicationErrorCode.NO_CONFLICT)
        if not conflict.admins:
            raise _field_error("decision", ApplicationErrorCode.NO_ADMINS_TO_ASK)
        application.consent_requested_at = timezone.now()
        application.save(update_fields=["consent_requested_at", "updated_at"])
        queue_application_email(
            key=f"company-application:{application.pk}:consent:"
            f"{application.consent_requested_at.timestamp():.0f}",
            to=conflict.admin_emails,
            subject=_("%(company)s asks to administer your company group")
            % {"company": application.legal_name},
            template="company_onboarding/email/consent_requested.txt",
            context={
                "application": application,
                "companies": conflict.group,
                "consent_url": platform_url(f"/empresas/adesao/{application.pk}/consentimento/"),
            },
        )
    return application


def do_consent_to_company_application(
    application: CompanyApplication, *, actor: User
) -> CompanyApplication:
    """The caller (selectors.access_application_for_consent) has checked that `actor`
    administers a company of the conflicting group."""
    with transaction.atomic():
        application = lock_awaiting_decision(application)
        application.consented_by = actor
        application.consented_at = timezone.now()
        application.save(update_fields=["consented_by", "consented_at", "updated_at"])
    return application


def _audit_override(application: CompanyApplication, *, actor: User) -> None:
    do_record_audit_entry(
        user=actor,
        roles=["supervisor"],
        procon=None,
        method="POST",
        path=f"company-application/{application.pk}/override",
        route="company_onboarding:approve-override",
        object_ref=f"application={application.pk} cnpj={application.cnpj} override: "
        f"{application.override_reason}",
        status_code=200,
        ip_address=None,
        user_agent="",
        via_token=False,
    )


def do_approve_company_application(
    application: CompanyApplication, *, actor: User, override_reason: str = ""
) -> CompanyApplication:
    """A CNPJ of a verified group is approved only with its administrators' consent or an
    override whose reason is kept on the application and in the audit log."""
    override_reason = (override_reason or "").strip()
    with transaction.atomic():
        application = lock_awaiting_decision(application)
        if application_conflict(application) and application.consented_at is None:
            if not override_reason:
                raise _field_error(
                    "override_reason", ApplicationErrorCode.CONSENT_OR_OVERRIDE_REQUIRED
                )
            application.override_reason = override_reason
            _audit_override(application, actor=actor)
        application.company = do_verify_company(
            cnpj=application.cnpj,
            legal_name=application.legal_name,
            trade_name=application.trade_name,
            contact_email=application.email,
            phone=application.phone,
            address=application.address,
            city=application.city,
            state=application.state,
            site=application.site,
            legal_representative_name=application.representative_name,
        )
        application.record_decision(ApplicationStatus.APPROVED, actor=actor)
        _make_representative_admin(application)
        _tell(application, "approved")
    return application


def do_reject_company_application(
    application: CompanyApplication, *, actor: User, reason: str
) -> CompanyApplication:
    return reject_application(
        application, actor=actor, reason=reason, notify=lambda done: _tell(done, "rejected")
    )
