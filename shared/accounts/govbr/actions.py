"""Writes of a gov.br login: the account a CPF signs into, the link, the trust level."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shared.accounts.actions import do_create_user, do_queue_account_email
from shared.accounts.govbr.provider import GovbrIdentity
from shared.accounts.models import GovbrLink, User

# What `account_for` found for a gov.br identity.
LINKED = "linked"  # a linked account: straight in
PROVE = "prove"  # an account with this CPF (or, without a CPF, this e-mail): prove it once
NEW = "new"  # nobody: a new consumer account
NO_EMAIL = "no_email"  # nobody, and gov.br gave no e-mail to create an account with
EMAIL_TAKEN = "email_taken"  # nobody with this CPF, and the e-mail is another CPF's account


def account_for(identity: GovbrIdentity) -> tuple[str, User | None]:
    link = GovbrLink.objects.select_related("user").filter(cpf=identity.cpf).first()
    if link is not None:
        return LINKED, link.user
    user = User.objects.filter(cpf=identity.cpf).first()
    if user is not None:
        return PROVE, user
    if not identity.email:
        return NO_EMAIL, None
    user = User.objects.filter(email__iexact=identity.email).first()
    if user is None:
        return NEW, None
    return (PROVE, user) if user.cpf is None else (EMAIL_TAKEN, None)


def _seen(link: GovbrLink, identity: GovbrIdentity) -> None:
    now = timezone.now()
    link.last_login_at = now
    if identity.level:
        link.level = identity.level
        link.level_seen_at = now


@transaction.atomic
def do_record_govbr_login(user: User, *, identity: GovbrIdentity) -> GovbrLink:
    """A login of a linked account: the level gov.br reports now replaces the stored one."""
    link = GovbrLink.objects.select_for_update().get(user=user, cpf=identity.cpf)
    _seen(link, identity)
    link.save(update_fields=["last_login_at", "level", "level_seen_at"])
    return link


@transaction.atomic
def do_link_govbr_account(user: User, *, identity: GovbrIdentity) -> GovbrLink:
    """The person proved `user`: from now on gov.br with this CPF signs into it. An account
    without a CPF takes gov.br's."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.cpf is None:
        user.cpf = identity.cpf
        user.save(update_fields=["cpf"])
    elif user.cpf != identity.cpf:
        raise ValueError("the account holds another CPF")
    link = GovbrLink(user=user, cpf=identity.cpf)
    _seen(link, identity)
    link.save()
    return link


def do_create_govbr_consumer(*, identity: GovbrIdentity) -> User:
    """A consumer account for a CPF the platform has never seen: no usable password (gov.br is
    how this person logs in; a password can be set through "Forgot your password?"), the e-mail
    confirmed only if gov.br says it verified it."""
    try:
        with transaction.atomic():
            user = do_create_user(
                email=identity.email,
                full_name=identity.name or identity.email,
                password=None,
                cpf=identity.cpf,
                email_verified=identity.email_verified,
            )
            link = GovbrLink(user=user, cpf=identity.cpf)
            _seen(link, identity)
            link.save()
    except (IntegrityError, ValidationError):
        # The same person's other tab got there first: that account is theirs.
        link = GovbrLink.objects.select_related("user").filter(cpf=identity.cpf).first()
        if link is None:
            raise
        return link.user
    return user


def do_send_govbr_link_code(user: User) -> str:
    """A six-digit code to the account's confirmed e-mail, the other way (beside its password) to
    prove the account is the person's; the caller keeps only its hash. Account mail lives in the
    public schema."""
    code = f"{secrets.randbelow(10**6):06d}"
    do_queue_account_email(
        user,
        key=f"govbr-link-code:{user.pk}:{secrets.token_hex(8)}",
        subject=_("Your code to link gov.br on Procon Digital"),
        template="accounts/email/govbr_link_code.txt",
        context={"user": user, "code": code},
    )
    return code
