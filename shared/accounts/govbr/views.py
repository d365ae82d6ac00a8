"""The pages of "Entrar com gov.br" (see the package's docstring for the flow)."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from shared.accounts.govbr import actions, handoff
from shared.accounts.govbr.forms import LinkCodeForm, LinkPasswordForm
from shared.accounts.govbr.levels import required_staff_level
from shared.accounts.govbr.provider import (
    GovbrError,
    GovbrIdentity,
    authorize_redirect,
    enabled,
    fetch_identity,
    state_of,
)
from shared.accounts.landing import landing_url, safe_next
from shared.accounts.lockout import record_account_failure
from shared.accounts.models import GovbrLevel, User
from shared.procons.models import host_url, platform_url

# In the platform host's session, per state: where the login started.
ORIGIN_KEY = "govbr_origin_"
# In the origin host's session: a verified identity waiting for the account's proof.
PENDING_KEY = "govbr_pending"
PENDING_SECONDS = 600
# In the session of a gov.br login: logging out also ends the gov.br session.
SESSION_FLAG = "govbr_login"
LOGOUT_SALT = "shared.accounts.govbr.logout"
LOGOUT_RETURN_KEY = "govbr_logout_return"

FAILURES = {
    "refused": gettext_lazy("gov.br did not confirm this login. Please try again."),
    "unavailable": gettext_lazy("gov.br did not answer. Please try again in a few minutes."),
    "denied": gettext_lazy("The login was cancelled at gov.br."),
    "expired": gettext_lazy(
        "This gov.br login has expired or was already used. Please start again."
    ),
    "no_id_token": gettext_lazy("gov.br did not confirm this login. Please try again."),
    actions.NO_EMAIL: gettext_lazy(
        "Your gov.br account has no e-mail address, and Procon Digital needs one to write to "
        "you about your complaints. Add an e-mail address to your gov.br account, or create an "
        "account here."
    ),
    actions.EMAIL_TAKEN: gettext_lazy(
        "The e-mail address of your gov.br account belongs to another Procon Digital account, "
        "with another CPF. Log in with e-mail and password, or ask the Procon for help."
    ),
    "inactive": gettext_lazy("This account is disabled."),
}


def _failed(request: HttpRequest, code: str) -> HttpResponse:
    status = 502 if code == "unavailable" else 400
    return render(
        request,
        "accounts/govbr_failed.html",
        {"error": FAILURES.get(code, FAILURES["refused"]), "code": code},
        status=status,
    )


def _require_enabled() -> None:
    if not enabled():
        raise Http404


@never_cache
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """The "Entrar com gov.br" button: from a Procon's host, to the platform's host with the
    origin signed; on the platform's host, to gov.br's /authorize."""
    _require_enabled()
    host = handoff.hostname(request)
    if host != settings.PLATFORM_DOMAIN:
        origin = handoff.sign_origin(host=host, next_path=handoff.safe_path(safe_next(request)))
        return redirect(
            platform_url(reverse("accounts:govbr-login")) + "?" + urlencode({"origem": origin})
        )
    if "origem" in request.GET:
        try:
            origin_host, next_path = handoff.read_origin(request.GET["origem"])
        except handoff.HandoffError:
            return _failed(request, "expired")
    else:
        origin_host, next_path = host, handoff.safe_path(safe_next(request))
    response = authorize_redirect(request)
    # Origins of flows whose state authlib has dropped (abandoned at gov.br) go too.
    session_keys = list(request.session.keys())
    for key in session_keys:
        if (
            key.startswith(ORIGIN_KEY)
            and f"_state_govbr_{key[len(ORIGIN_KEY) :]}" not in session_keys
        ):
            del request.session[key]
    request.session[ORIGIN_KEY + state_of(response)] = {"h": origin_host, "n": next_path}
    return response


@never_cache
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """gov.br's answer (the registered redirect URI, on the platform's host)."""
    _require_enabled()
    state = request.GET.get("state", "")
    origin = request.session.pop(ORIGIN_KEY + state, None) if state else None
    if request.GET.get("error"):
        request.session.pop(f"_state_govbr_{state}", None)
        return _failed(request, "denied")
    try:
        identity = fetch_identity(request)
    except GovbrError as exc:
        return _failed(request, exc.code)
    if origin is None:
        return _failed(request, "refused")
    host, next_path = origin["h"], handoff.safe_path(origin["n"])
    if host == handoff.hostname(request):
        return complete_login(request, identity, next_path)
    if not handoff.allowed_host(host):
        return _failed(request, "refused")
    ticket = handoff.issue_ticket(host=host, next_path=next_path, payload=identity.as_dict())
    return redirect(
        host_url(host, reverse("accounts:govbr-handoff")) + "?" + urlencode({"ticket": ticket})
    )


@never_cache
@require_GET
def handoff_view(request: HttpRequest) -> HttpResponse:
    """The origin host's end of the hand-off: a ticket for this host, used once."""
    _require_enabled()
    try:
        payload, next_path = handoff.redeem_ticket(
            request.GET.get("ticket", ""), host=handoff.hostname(request)
        )
    except handoff.HandoffError:
        return _failed(request, "expired")
    return complete_login(request, GovbrIdentity(**payload), next_path)


def complete_login(request: HttpRequest, identity: GovbrIdentity, next_path: str) -> HttpResponse:
    """Signs the person in on this host, by the rules of linking by CPF (actions.account_for)."""
    kind, user = actions.account_for(identity)
    if user is None and kind != actions.NEW:
        return _failed(request, kind)
    if user is not None and not user.is_active:
        return _failed(request, "inactive")
    if kind == actions.LINKED:
        actions.do_record_govbr_login(user, identity=identity)
        return _sign_in(request, user, next_path)
    if kind == actions.NEW:
        try:
            user = actions.do_create_govbr_consumer(identity=identity)
        except ValidationError:
            return _failed(request, actions.EMAIL_TAKEN)
        return _sign_in(request, user, next_path)
    if request.user.is_authenticated and request.user.pk == user.pk:
        # Already signed into that very account on this host: that is the proof.
        actions.do_link_govbr_account(user, identity=identity)
        return _sign_in(request, user, next_path)
    request.session[PENDING_KEY] = {
        "identity": identity.as_dict(),
        "user": user.pk,
        "next": next_path,
        "until": time.time() + PENDING_SECONDS,
    }
    return redirect("accounts:govbr-link")


def _sign_in(request: HttpRequest, user: User, next_path: str) -> HttpResponse:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SESSION_FLAG] = True
    # Staff still pass two-step verification: the middleware holds the session there.
    return redirect(next_path or landing_url(request, user))


def _masked(email: str) -> str:
    name, _at, domain = email.partition("@")
    return f"{name[:1]}{'•' * max(len(name) - 1, 2)}@{domain}"


# The e-mailed code: valid this long, at most this many wrong tries, one e-mail a minute.
CODE_SECONDS = 600
CODE_TRIES = 5
CODE_RESEND_SECONDS = 60


def _code_hash(code: str, user_id: int) -> str:
    return salted_hmac(
        "shared.accounts.govbr.link-code", f"{user_id}:{code}", algorithm="sha256"
    ).hexdigest()


@never_cache
@require_http_methods(["GET", "POST"])
def link(request: HttpRequest) -> HttpResponse:
    """An account with the gov.br CPF exists: its password, or a code sent to its confirmed
    e-mail, proves it is the person's, once."""
    _require_enabled()
    pending = request.session.get(PENDING_KEY)
    if not pending or pending["until"] < time.time():
        request.session.pop(PENDING_KEY, None)
        return _failed(request, "expired")
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING_KEY, None)
        return _failed(request, "expired")
    action = request.POST.get("action", "password")
    can_mail = user.email_verified_at is not None
    posted = request.POST if request.method == "POST" else None
    form = LinkPasswordForm(posted if action == "password" else None)
    code_form = LinkCodeForm(posted if action == "code" else None)
    status = 200
    if request.method == "POST" and action == "password" and form.is_valid():
        proved = authenticate(request, username=user.email, password=form.cleaned_data["password"])
        if proved is not None and proved.pk == user.pk:
            return _linked(request, user, pending)
        record_account_failure(user.email)
        form.add_error("password", _("This is not the password of this account."))
    elif request.method == "POST" and action == "send_code" and can_mail:
        if time.time() - pending.get("code_sent", 0) >= CODE_RESEND_SECONDS:
            code = actions.do_send_govbr_link_code(user)
            pending.update(
                code_hash=_code_hash(code, user.pk),
                code_until=time.time() + CODE_SECONDS,
                code_sent=time.time(),
                code_tries=0,
            )
            request.session[PENDING_KEY] = pending
        messages.info(request, _("We sent a code to %(email)s.") % {"email": _masked(user.email)})
        return redirect("accounts:govbr-link")
    elif request.method == "POST" and action == "code" and code_form.is_valid():
        if (
            pending.get("code_hash")
            and pending["code_until"] >= time.time()
            and pending["code_tries"] < CODE_TRIES
            and constant_time_compare(
                _code_hash(code_form.cleaned_data["code"], user.pk), pending["code_hash"]
            )
        ):
            return _linked(request, user, pending)
        pending["code_tries"] = pending.get("code_tries", 0) + 1
        request.session[PENDING_KEY] = pending
        code_form.add_error("code", _("This code is not valid. Ask for a new one."))
    elif request.method == "POST":
        status = 400
    if form.errors or code_form.errors:
        status = 400
    return render(
        request,
        "accounts/govbr_link.html",
        {
            "form": form,
            "code_form": code_form,
            "code_sent": bool(pending.get("code_hash")),
            "can_mail": can_mail,
            "masked_email": _masked(user.email),
            "has_password": user.has_usable_password(),
        },
        status=status,
    )


def _linked(request: HttpRequest, user: User, pending: dict) -> HttpResponse:
    identity = GovbrIdentity(**pending["identity"])
    del request.session[PENDING_KEY]
    actions.do_link_govbr_account(user, identity=identity)
    return _sign_in(request, user, handoff.safe_path(pending["next"]))


class LogoutView(auth_views.LogoutView):
    """Django's logout; after a gov.br login it also ends the gov.br session (by way of the
    platform's host, whose logout return address gov.br knows), then comes back to this host."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        via_govbr = bool(request.session.get(SESSION_FLAG)) and enabled()
        response = super().post(request, *args, **kwargs)
        if not via_govbr or not settings.GOVBR_LOGOUT_URL:
            return response
        back = signing.dumps({"h": handoff.hostname(request)}, salt=LOGOUT_SALT)
        return redirect(
            platform_url(reverse("accounts:govbr-logout")) + "?" + urlencode({"volta": back})
        )


@never_cache
@require_GET
def logout_return(request: HttpRequest) -> HttpResponse:
    """With `volta`: on to gov.br's logout, remembering the host to return to. Without: gov.br's
    post-logout redirect, back to the home page of that host."""
    if "volta" in request.GET and enabled() and settings.GOVBR_LOGOUT_URL:
        try:
            host = signing.loads(request.GET["volta"], salt=LOGOUT_SALT, max_age=120)["h"]
        except (signing.BadSignature, KeyError, TypeError):
            host = settings.PLATFORM_DOMAIN
        request.session[LOGOUT_RETURN_KEY] = host
        after = settings.GOVBR_POST_LOGOUT_REDIRECT_URI or platform_url(
            reverse("accounts:govbr-logout")
        )
        return redirect(
            settings.GOVBR_LOGOUT_URL + "?" + urlencode({"post_logout_redirect_uri": after})
        )
    host = request.session.pop(LOGOUT_RETURN_KEY, None) or settings.PLATFORM_DOMAIN
    if not handoff.allowed_host(host):
        host = settings.PLATFORM_DOMAIN
    return redirect(host_url(host, "/"))


def level_refused(request: HttpRequest) -> HttpResponse:
    """A staff page refused for want of the gov.br trust level the platform requires of staff."""
    required = required_staff_level()
    return render(
        request,
        "accounts/govbr_level_required.html",
        {"required": GovbrLevel(required).label, "govbr_enabled": enabled()},
        status=403,
    )
