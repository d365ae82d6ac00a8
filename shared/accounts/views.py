"""Account pages on the platform's host: the user's API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework.exceptions import NotFound

from shared.accounts.actions import do_issue_api_token, do_revoke_api_token
from shared.accounts.forms import ApiTokenForm
from shared.accounts.selectors import access_api_token, api_token_list


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    new_key = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, new_key = do_issue_api_token(request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": api_token_list(viewer=request.user), "new_key": new_key},
    )


@login_required
@require_POST
def revoke_api_token(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = access_api_token(viewer=request.user, token_id=token_id)
    except NotFound:
        return render(request, "404.html", status=404)
    do_revoke_api_token(token, actor=request.user)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api-tokens")
