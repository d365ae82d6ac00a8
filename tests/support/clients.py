"""Test clients bound to a host: signed in as a user, or carrying a user's API token.

`host` is what the request's Host header says: "localhost" (the public host), or a Procon's
`procon.host`. A signed-in client's session is past the second factor (tests/support/two_factor.py);
tests of the login itself sign in through the form or `Client.login` instead.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.test import Client

from shared.accounts.actions import do_issue_api_token
from shared.accounts.models import User


def logged_in_client(user: User, host: str = "localhost", **headers: str) -> Client:
    client = Client(HTTP_HOST=host, **headers)
    client.force_login(user)
    return client


def token_client(user: User, host: str = "localhost", **headers: str) -> Client:
    """A client that authenticates only with a new API token of `user`, as a script would."""
    _token, key = do_issue_api_token(user, name="test")
    return Client(HTTP_HOST=host, HTTP_AUTHORIZATION=f"Token {key}", **headers)


def post_json(client: Client, path: str, data: object = None, **extra: str) -> HttpResponse:
    """A POST whose body is `data` as JSON (`{}` when there is none; dates as Django's test client
    writes them), as API v1 reads it."""
    body = json.dumps(data or {}, cls=DjangoJSONEncoder)
    return client.post(path, body, content_type="application/json", **extra)


def status_of(user: User, host: str, path: str) -> int:
    """The status code `user`, signed in on `host`, gets for a GET of `path`."""
    return logged_in_client(user, host).get(path).status_code
