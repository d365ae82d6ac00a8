"""What the tests of both kinds of application (companies, Procons) share."""

from django.db.models import Model
from django.test import Client


def listed_and_approved_by_api(client: Client, kind: str, application: Model) -> dict:
    """The supervisor's API lists the `kind` applications ("company" or "procon"), `application`
    alone, and approves it; returns the approval's JSON."""
    base = f"/api/v1/supervision/{kind}-applications/"
    listing = client.get(base)
    assert listing.status_code == 200
    assert [row["id"] for row in listing.json()["results"]] == [application.pk]
    approved = client.post(f"{base}{application.pk}/approve/")
    assert approved.status_code == 200
    return approved.json()
