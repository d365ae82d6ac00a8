"""Writes on Procon applications: a city's Procon applies and confirms its e-mail; the state
supervisor approves (a worker then provisions the tenant step by step) or rejects with a reason;
the person responsible accepts the invitation and becomes the Procon's administrator.

Provisioning is resumable: each step is its own transaction and is recorded on the application;
running it again skips what is done. The Procon stays pending (its host answers 404) until the
last step, which sends the invitation and activates it in one transaction.
"""

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernel.tasks import enqueue_on_commit
from onboarding.applications.actions import (
    lock_awaiting_decision,
    queue_application_email,
    reject_application,
)
from onboarding.procons import tokens
from onboarding.procons.errors import MESSAGES, AdhesionErrorCode, ApplicationStateError
from onboarding.procons.lifecycle import ApplicationStatus, ProvisioningStep
from onboarding.procons.models import ProconApplication
from onboarding.procons.plans import default_plan, plan_choices
from onboarding.procons.selectors import city_is_requested, slug_is_requested
from shared.accounts.actions import (
    do_grant_staff_role,
)
from shared.accounts.models import StaffMembership, User
from shared.accounts.roles import StaffRole
from shared.accounts.verification import email_digest
from shared.geo.models import Municipality
from shared.geo.selectors import is_in_platform_uf
from shared.procons.actions import (
    do_activate_procon,
    do_create_pending_procon,
    do_ensure_procon_defaults,
    do_ensure_procon_domain,
    do_ensure_procon_schema,
)
from shared.procons.lifecycle import ProconKind
from shared.procons.models import RESERVED_SLUGS, SLUG_PATTERN, Procon, host_url, platform_url
from shared.procons.provisioning import spare_target
from shared.procons.schemas import in_procon_schema, in_public_schema
from shared.procons.selectors import state_procon

logger = logging.getLogger(__name__)

# Links in e-mails name pages of a given host, whichever host (or worker) queues them.
PUBLIC_URLCONF = "config.urls_public"
TENANT_URLCONF = "config.urls_tenants"


def _error(code: AdhesionErrorCode) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


def status_url(application: ProconApplication) -> str:
    token = tokens.status_token(application.pk)
    return platform_url(
        reverse("procon_onboarding:status", kwargs={"token": token}, urlconf=PUBLIC_URLCONF)
    )


# What the person responsible is told, by kind (the body is procon_onboarding/email/<kind>.txt).
SUBJECTS = {
    "verify": gettext_lazy("Confirm the adhesion of %(procon)s to Procon Digital"),
    "submitted": gettext_lazy("The adhesion of %(procon)s was sent to the state Procon"),
    "approved": gettext_lazy("The adhesion of %(procon)s was approved"),
    "rejected": gettext_lazy("The adhesion of %(procon)s was not approved"),
    "invitation": gettext_lazy("%(procon)s is ready on Procon Digital"),
}


def _tell(application: ProconApplication, kind: str, *, name: str = "", **extra: object) -> None:
    """`name` names the Procon in the subject: the name applied for unless said."""
    queue_application_email(
        key=f"procon-application:{application.pk}:{kind}",
        to=[application.responsible_email],
        subject=SUBJECTS[kind] % {"procon": name or application.procon_name},
        template=f"procon_onboarding/email/{kind}.txt",
        context={
            "application": application,
            "status_url": status_url(application),
            "platform_url": platform_url("/"),
            **extra,
        },
    )


def requested_slug_errors(slug: str) -> list[ValidationError]:
    """The rules of a Procon's sub-domain (shared.procons.models), plus the applications that
    already ask for it."""
    import re

    if not re.fullmatch(SLUG_PATTERN, slug):
        return [_error(AdhesionErrorCode.SLUG_FORMAT)]
    if slug in RESERVED_SLUGS:
        return [_error(AdhesionErrorCode.SLUG_RESERVED)]
    if Procon.objects.filter(slug=slug).exists() or slug_is_requested(slug=slug):
        return [_error(AdhesionErrorCode.SLUG_TAKEN)]
    return []


def city_errors(municipality: Municipality) -> list[ValidationError]:
    if not is_in_platform_uf(municipality):
        return [_error(AdhesionErrorCode.CITY_OUTSIDE_STATE)]
    if Procon.objects.filter(municipality=municipality).exists() or city_is_requested(
        municipality=municipality
    ):
        return [_error(AdhesionErrorCode.CITY_TAKEN)]
    return []


def _check_new(application: ProconApplication) -> None:
    errors: dict[str, list[ValidationError]] = {}
    if slug_errors := requested_slug_errors(application.slug):
        errors["slug"] = slug_errors
    if city := city_errors(application.municipality):
        errors["municipality"] = city
    if application.plan not in {code for code, _label in plan_choices()}:
        errors["plan"] = [_error(AdhesionErrorCode.PLAN_UNKNOWN)]
    if errors:
        raise ValidationError(errors)


def do_submit_procon_application(
    *,
    municipality: Municipality,
    procon_name: str,
    slug: str,
    responsible_name: str,
    responsible_email: str,
    responsible_phone: str,
    responsible_role: str,
    agreement_number: str = "",
    agreement_date: date | None = None,
    plan: str = "",
) -> ProconApplication:
    """Records the application and e-mails a confirmation link; the supervisor sees it only once
    the link is followed. One open application per city and per sub-domain (partial unique
    indexes back the checks)."""
    application = ProconApplication(
        municipality=municipality,
        procon_name=procon_name.strip(),
        slug=(slug or "").strip().lower(),
        responsible_name=responsible_name.strip(),
        responsible_email=User.objects.normalize_email(responsible_email.strip()).lower(),
        responsible_phone=responsible_phone.strip(),
        responsible_role=responsible_role.strip(),
        agreement_number=(agreement_number or "").strip(),
        agreement_date=agreement_date,
        plan=plan or default_plan(),
    )
    _check_new(application)
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
            link = platform_url(
                reverse(
                    "procon_onboarding:verify",
                    kwargs={
                        "token": tokens.verify_token(application.pk, application.responsible_email)
                    },
                    urlconf=PUBLIC_URLCONF,
                )
            )
            _tell(
                application,
                "verify",
                link=link,
                valid_days=tokens.VERIFY_MAX_AGE_SECONDS // 86400,
            )
    except IntegrityError:
        _check_new(application)  # a concurrent application took the city or the sub-domain
        raise
    return application


def do_verify_procon_application(*, token: str) -> ProconApplication:
    """Idempotent: following the link again changes nothing. Submits the application to the
    state supervisor."""
    try:
        application_id, digest = tokens.read_verify_token(token)
    except tokens.TokenExpiredError:
        raise ValidationError({"token": _error(AdhesionErrorCode.LINK_EXPIRED)}) from None
    except tokens.TokenInvalidError:
        raise ValidationError({"token": _error(AdhesionErrorCode.LINK_INVALID)}) from None
    with transaction.atomic():
        application = (
            ProconApplication.objects.select_for_update().filter(pk=application_id).first()
        )
        if application is None or email_digest(application.responsible_email) != digest:
            raise ValidationError({"token": _error(AdhesionErrorCode.LINK_INVALID)})
        if application.status == ApplicationStatus.EMAIL_PENDING:
            application.status = ApplicationStatus.SUBMITTED
            application.email_verified_at = timezone.now()
            application.save()
            _tell(application, "submitted")
            _tell_supervisors(application)
    return application


def _tell_supervisors(application: ProconApplication) -> None:
    """Every state supervisor learns that an adhesion waits for a decision."""
    state = state_procon()
    recipients = sorted(
        StaffMembership.objects.filter(
            procon=state, role=StaffRole.SUPERVISOR, user__is_active=True
        ).values_list("user__email", flat=True)
    )
    if state is None or not recipients:
        return
    path = reverse(
        "procon_onboarding:supervision-detail",
        kwargs={"application_id": application.pk},
        urlconf=TENANT_URLCONF,
    )
    queue_application_email(
        key=f"procon-application:{application.pk}:to-supervisors",
        to=recipients,
        subject=_("New adhesion to decide: %(procon)s") % {"procon": application.procon_name},
        template="procon_onboarding/email/to_supervisors.txt",
        context={"application": application, "decision_url": host_url(state.host, path)},
    )


def _enqueue_provisioning(application: ProconApplication) -> None:
    from onboarding.procons.tasks import provision_procon_application

    with in_public_schema():
        enqueue_on_commit(provision_procon_application, application.pk)


def do_approve_procon_application(
    application: ProconApplication, *, actor: User
) -> ProconApplication:
    with transaction.atomic():
        application = lock_awaiting_decision(application)
        application.record_decision(ApplicationStatus.APPROVED, actor=actor)
        _tell(application, "approved")
        _enqueue_provisioning(application)
    return application


def do_reject_procon_application(
    application: ProconApplication, *, actor: User, reason: str
) -> ProconApplication:
    return reject_application(
        application, actor=actor, reason=reason, notify=lambda done: _tell(done, "rejected")
    )


def do_retry_procon_provisioning(
    application: ProconApplication, *, actor: User
) -> ProconApplication:
    """A failed creation goes back to the queue; the worker resumes at the step that failed."""
    with transaction.atomic():
        application = ProconApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != ApplicationStatus.FAILED:
            raise ApplicationStateError(AdhesionErrorCode.NOT_RETRYABLE)
        application.status = ApplicationStatus.APPROVED
        application.save(update_fields=["status", "updated_at"])
        logger.info("provisioning of application %s retried by user %s", application.pk, actor.pk)
        _enqueue_provisioning(application)
    return application


def _record(application: ProconApplication, **fields: object) -> ProconApplication:
    ProconApplication.objects.filter(pk=application.pk).update(updated_at=timezone.now(), **fields)
    application.refresh_from_db()
    return application


def _step_schema(application: ProconApplication) -> ProconApplication:
    procon = application.procon or do_create_pending_procon(
        kind=ProconKind.MUNICIPAL,
        name=application.procon_name,
        slug=application.slug,
        municipality=application.municipality,
    )
    if application.procon_id is None:
        application = _record(application, procon=procon)
    method = do_ensure_procon_schema(procon)
    return _record(application, provisioning_method=method)


def _step_domain(application: ProconApplication) -> ProconApplication:
    do_ensure_procon_domain(application.procon)
    return application


def _step_settings(application: ProconApplication) -> ProconApplication:
    """A schema cloned from the template has the defaults already (prepare_tenant_template seeds
    the template; the settings row and the catalogue are written in one transaction): seeding
    again would only re-read the catalogue, a third of the provisioning's time."""
    if not _has_defaults(application.procon):
        do_ensure_procon_defaults(application.procon)
    return application


def _has_defaults(procon: Procon) -> bool:
    from tenants.configuration.models import SINGLETON_ID, ProconSettings

    with in_procon_schema(procon):
        return ProconSettings.objects.filter(id=SINGLETON_ID).exists()


def _step_invitation(application: ProconApplication) -> ProconApplication:
    procon = application.procon
    token = tokens.invitation_token(application.pk, application.responsible_email)
    link = host_url(
        procon.host,
        reverse("procon_onboarding:invitation", kwargs={"token": token}, urlconf=TENANT_URLCONF),
    )
    _tell(
        application,
        "invitation",
        name=procon.name,
        procon=procon,
        link=link,
        valid_days=tokens.INVITATION_MAX_AGE_SECONDS // 86400,
    )
    return application


def _step_active(application: ProconApplication) -> ProconApplication:
    do_activate_procon(application.procon)
    return _record(
        application,
        status=ApplicationStatus.ACTIVE,
        provisioning_step=ProvisioningStep.ACTIVE,
        provisioned_at=timezone.now(),
        provisioning_error="",
    )


STEPS = [
    (ProvisioningStep.SCHEMA, _step_schema),
    (ProvisioningStep.DOMAIN, _step_domain),
    (ProvisioningStep.SETTINGS, _step_settings),
    (ProvisioningStep.INVITATION, _step_invitation),
    (ProvisioningStep.ACTIVE, _step_active),
]
# Steps committed together: the invitation is only sent by the transaction that activates the
# Procon, so its link never leads to a host that still answers 404.
_JOINED_WITH_NEXT = {ProvisioningStep.INVITATION}


def do_provision_procon_application(application_id: int) -> ProconApplication:
    """Runs the missing steps of an approved application's provisioning. Idempotent: an active
    application is left alone; a failed one waits for the supervisor's retry. A failure leaves
    the error on the application and the Procon pending."""
    connection.set_schema_to_public()
    with transaction.atomic():
        application = ProconApplication.objects.select_for_update().get(pk=application_id)
        if application.status not in (ApplicationStatus.APPROVED, ApplicationStatus.PROVISIONING):
            return application
        application.status = ApplicationStatus.PROVISIONING
        application.provisioning_attempts += 1
        application.save(update_fields=["status", "provisioning_attempts", "updated_at"])

    done = set(application.steps_done)
    pending = [(step, run) for step, run in STEPS if step not in done]
    current = None
    try:
        while pending:
            group = [pending.pop(0)]
            while group[-1][0] in _JOINED_WITH_NEXT and pending:
                group.append(pending.pop(0))
            with transaction.atomic():
                for step, run in group:
                    current = step
                    application = run(application)
                    connection.set_schema_to_public()
                application = _record(application, provisioning_step=group[-1][0])
    except Exception as exc:
        connection.set_schema_to_public()
        logger.exception("provisioning of application %s failed at %s", application_id, current)
        message = f"{current}: {exc.__class__.__name__}: {exc}"[:2000]
        application = _record(
            ProconApplication.objects.get(pk=application_id),
            status=ApplicationStatus.FAILED,
            provisioning_error=message,
        )
    if application.status == ApplicationStatus.ACTIVE and spare_target():
        _enqueue_spares()
    return application


def _enqueue_spares() -> None:
    """Spares are topped up once a Procon is served (the one it took, or the first ones)."""
    from onboarding.procons.tasks import make_spare_schemas

    with in_public_schema():
        enqueue_on_commit(make_spare_schemas)


def _read_invitation(token: str, *, procon: Procon | None) -> ProconApplication:
    """The application whose invitation a link names, on its own Procon's host only."""
    try:
        application_id, digest = tokens.read_invitation_token(token)
    except tokens.TokenExpiredError:
        raise ValidationError({"token": _error(AdhesionErrorCode.LINK_EXPIRED)}) from None
    except tokens.TokenInvalidError:
        raise ValidationError({"token": _error(AdhesionErrorCode.LINK_INVALID)}) from None
    application = (
        ProconApplication.objects.select_related("procon").filter(pk=application_id).first()
    )
    if (
        application is None
        or application.status != ApplicationStatus.ACTIVE
        or email_digest(application.responsible_email) != digest
        or procon is None
        or application.procon_id != procon.pk
    ):
        raise ValidationError({"token": _error(AdhesionErrorCode.LINK_INVALID)})
    return application


def read_procon_invitation(*, token: str, procon: Procon | None) -> ProconApplication:
    application = _read_invitation(token, procon=procon)
    if application.invitation_accepted_at is not None:
        raise ValidationError({"token": _error(AdhesionErrorCode.INVITATION_USED)})
    return application


def do_accept_procon_invitation(
    *, token: str, procon: Procon | None, user: User
) -> StaffMembership:
    """The person responsible becomes the Procon's administrator. Only the invited address, once."""
    application = read_procon_invitation(token=token, procon=procon)
    if user.email.lower() != application.responsible_email.lower():
        raise ValidationError({"token": _error(AdhesionErrorCode.INVITATION_OTHER_EMAIL)})
    with transaction.atomic():
        application = ProconApplication.objects.select_for_update().get(pk=application.pk)
        if application.invitation_accepted_at is not None:
            raise ValidationError({"token": _error(AdhesionErrorCode.INVITATION_USED)})
        membership = do_grant_staff_role(
            user, procon=application.procon, role=StaffRole.TENANT_ADMIN
        )
        application.admin = user
        application.invitation_accepted_at = timezone.now()
        application.save(update_fields=["admin", "invitation_accepted_at", "updated_at"])
        if user.email_verified_at is None:
            user.email_verified_at = application.invitation_accepted_at
            user.save(update_fields=["email_verified_at"])
    return membership
