"""Writes on a Procon's staff: invitations (sent, revoked, accepted with an account or a new one)
and the removal of a role. Granting a role and creating the invited account are in actions.py."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shared.accounts import invitations, verification
from shared.accounts.actions import (
    do_grant_staff_role,
    do_revoke_credentials,
    do_take_invitation,
)
from shared.accounts.errors import MESSAGES, AccountErrorCode
from shared.accounts.models import StaffInvitation, StaffMembership, User
from shared.accounts.roles import StaffRole
from shared.accounts.selectors import MANAGED_STAFF_ROLES
from shared.notifications.actions import do_queue_email
from shared.procons.models import Procon, host_url
from shared.procons.schemas import in_public_schema

logger = logging.getLogger(__name__)


def _error(code: AccountErrorCode) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


def invitable_staff_roles(procon: Procon) -> tuple[StaffRole, ...]:
    """The roles a Procon administrator hands out by invitation."""
    return MANAGED_STAFF_ROLES


def staff_invitation_link(invitation: StaffInvitation) -> str:
    token = invitations.make_token(
        salt=invitations.STAFF_SALT, invitation_id=invitation.pk, email=invitation.email
    )
    path = reverse(
        "staff_invitations:accept", kwargs={"token": token}, urlconf="config.urls_tenants"
    )
    return host_url(invitation.procon.host, path)


def do_invite_staff_member(
    procon: Procon, *, email: str, role: str, actor: User
) -> StaffInvitation:
    """E-mail a single-use, expiring link to take `role` at `procon`. No account is looked up:
    whoever registered the address, the role goes only to the person who reads the mail there.
    Inviting the same address to the same role again withdraws the earlier link."""
    email = User.objects.normalize_email(email.strip()).lower()
    if role not in invitable_staff_roles(procon):
        raise ValidationError({"role": _error(AccountErrorCode.ROLE_NOT_MANAGED_HERE)})
    with transaction.atomic():
        Procon.objects.select_for_update().get(pk=procon.pk)
        if StaffMembership.objects.filter(
            procon=procon, role=role, user__email__iexact=email
        ).exists():
            raise ValidationError({"email": _error(AccountErrorCode.ALREADY_HOLDS_ROLE)})
        StaffInvitation.objects.filter(
            procon=procon,
            email__iexact=email,
            role=role,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=timezone.now())
        invitation = StaffInvitation(procon=procon, email=email, role=role, invited_by=actor)
        invitation.full_clean()
        invitation.save()
        with in_public_schema():
            do_queue_email(
                key=f"staff-invitation:{invitation.pk}",
                to=[email],
                subject=_("Invitation to work at %(procon)s on Procon Digital")
                % {"procon": procon.name},
                template="accounts/email/staff_invitation.txt",
                context={
                    "procon": procon,
                    "role": StaffRole(role).label,
                    "invited_by": actor,
                    "link": staff_invitation_link(invitation),
                    "valid_days": invitations.STAFF_MAX_AGE_SECONDS // 86400,
                },
            )
    logger.info(
        "staff invitation %s (%s) at %s by user %s", invitation.pk, role, procon.slug, actor.pk
    )
    return invitation


def do_revoke_staff_invitation(invitation: StaffInvitation, *, actor: User) -> StaffInvitation:
    """Idempotent; an accepted invitation stays accepted."""
    with transaction.atomic():
        invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.is_open:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
    return invitation


def read_staff_invitation(*, token: str, procon: Procon | None) -> StaffInvitation:
    """The open invitation a link names, on its own Procon's host only, or a ValidationError on
    `token` saying why not."""
    try:
        invitation_id, digest = invitations.read_token(
            salt=invitations.STAFF_SALT, token=token, max_age=invitations.STAFF_MAX_AGE_SECONDS
        )
    except invitations.TokenExpiredError:
        raise ValidationError({"token": _error(AccountErrorCode.INVITATION_EXPIRED)}) from None
    except invitations.TokenInvalidError:
        raise ValidationError({"token": _error(AccountErrorCode.INVITATION_INVALID)}) from None
    invitation = StaffInvitation.objects.select_related("procon").filter(pk=invitation_id).first()
    if (
        invitation is None
        or procon is None
        or invitation.procon_id != procon.pk
        or verification.email_digest(invitation.email) != digest
    ):
        raise ValidationError({"token": _error(AccountErrorCode.INVITATION_INVALID)})
    if not invitation.is_open:
        raise ValidationError({"token": _error(AccountErrorCode.INVITATION_USED)})
    return invitation


def do_accept_staff_invitation(*, token: str, procon: Procon | None, user: User) -> StaffMembership:
    """The invited person takes the role. Only an account with the invited address, once; the
    link itself proves the address, so accepting it confirms the account's e-mail."""
    invitation = read_staff_invitation(token=token, procon=procon)
    if user.email.lower() != invitation.email.lower():
        raise ValidationError({"token": _error(AccountErrorCode.INVITATION_OTHER_EMAIL)})
    with transaction.atomic():
        invitation, user = do_take_invitation(
            invitation,
            user=user,
            used=ValidationError({"token": _error(AccountErrorCode.INVITATION_USED)}),
            other_email=ValidationError({"token": _error(AccountErrorCode.INVITATION_OTHER_EMAIL)}),
        )
        membership = do_grant_staff_role(user, procon=invitation.procon, role=invitation.role)
    logger.info(
        "staff invitation %s accepted by user %s at %s",
        invitation.pk,
        user.pk,
        invitation.procon.slug,
    )
    return membership


@transaction.atomic
def do_revoke_staff_role(
    user: User, *, procon: Procon, role: str, actor: User, keep_session_key: str | None = None
) -> StaffMembership | None:
    """Idempotent (None when the role was not held). A Procon keeps at least one active
    administrator: the administrators' rows are locked, so two removals cannot both pass."""
    if role == StaffRole.TENANT_ADMIN:
        admins = list(
            StaffMembership.all_objects.select_for_update(of=("self",))
            .filter(procon=procon, role=StaffRole.TENANT_ADMIN)
            .values_list("user_id", "user__is_active", "user__email_verified_at")
        )
        others_active = [
            uid
            for uid, active, verified in admins
            if active and verified is not None and uid != user.pk
        ]
        if any(uid == user.pk for uid, _active, _verified in admins) and not others_active:
            raise ValidationError({"role": _error(AccountErrorCode.LAST_TENANT_ADMIN)})
    membership = StaffMembership.all_objects.filter(user=user, procon=procon, role=role).first()
    if membership is None:
        return None
    membership.delete()
    do_revoke_credentials(user, reason="role removed", keep_session_key=keep_session_key)
    logger.info(
        "staff role %s revoked from user %s at %s by user %s", role, user.pk, procon.slug, actor.pk
    )
    return membership
