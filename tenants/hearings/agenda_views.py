"""A conciliator's agenda (/audiencias/agenda/): their scheduled hearings by day or week, and the
private calendar feed (.ics) that puts them in any calendar application."""

from datetime import date, timedelta
from itertools import groupby

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from icalendar import Calendar

from kernel.web.errors import not_found_is_404
from shared.accounts.permissions import request_roles, staff_required
from shared.accounts.roles import StaffRole
from shared.procons.models import host_url
from tenants.hearings.actions import do_create_calendar_feed
from tenants.hearings.invitations import ICS_CONTENT_TYPE, invitation_ics
from tenants.hearings.scheduling import local
from tenants.hearings.selectors import (
    agenda,
    agenda_owner,
    agenda_period,
    conciliator_list,
    feed_hearings,
    live_feed,
    live_feed_of,
)

VIEWS = {"dia": "day", "semana": "week"}


def _day(value: str | None) -> date:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()


def _agenda_page(request: HttpRequest, *, feed_url: str = "", status: int = 200) -> HttpResponse:
    query = request.GET
    view = VIEWS.get(query.get("visao", ""), "day")
    day = _day(query.get("dia"))
    chosen = query.get("conciliador", "")
    with not_found_is_404():
        owner = agenda_owner(
            viewer=request.user, conciliator_id=int(chosen) if chosen.isdigit() else None
        )
    first_day, days = agenda_period(day, view)
    hearings = list(agenda(conciliator=owner, first_day=first_day, days=days)) if owner else []
    by_day = [(d, list(hs)) for d, hs in groupby(hearings, key=lambda h: local(h.starts_at).date())]
    step = timedelta(days=days)
    own = owner is not None and owner.pk == request.user.pk
    return render(
        request,
        "hearings/agenda.html",
        {
            "owner": owner,
            "own": own,
            "view": "semana" if view == "week" else "dia",
            "day": day,
            "first_day": first_day,
            "last_day": first_day + step - timedelta(days=1),
            "previous_day": first_day - step,
            "next_day": first_day + step,
            "today": timezone.localdate(),
            "by_day": by_day,
            "conciliators": conciliator_list()
            if StaffRole.TENANT_ADMIN in request_roles(request)
            else None,
            "feed": live_feed_of(conciliator=request.user) if own else None,
            "feed_url": feed_url,
        },
        status=status,
    )


@staff_required(StaffRole.CONCILIATOR, StaffRole.TENANT_ADMIN)
@require_GET
def agenda_page(request: HttpRequest) -> HttpResponse:
    return _agenda_page(request)


@staff_required(StaffRole.CONCILIATOR)
@require_POST
def new_feed(request: HttpRequest) -> HttpResponse:
    """A new private feed link for the conciliator, shown once on the page; the old one stops."""
    _feed, key = do_create_calendar_feed(conciliator=request.user)
    url = host_url(connection.tenant.host, reverse("hearings:agenda-feed", args=[key]))
    return _agenda_page(request, feed_url=url)


@require_http_methods(["GET", "HEAD"])
def feed(request: HttpRequest, key: str) -> HttpResponse:
    """The conciliator's scheduled hearings as a calendar (no login: the key is the secret; an
    unknown or replaced key is 404). Each event has the invitation's UID and SEQUENCE."""
    found = live_feed(key=key)
    if found is None:
        raise Http404
    calendar = Calendar()
    calendar.add("prodid", "-//Procon Digital//Conciliation hearings//PT-BR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", connection.tenant.name)
    for hearing in feed_hearings(conciliator=found.conciliator):
        for event in Calendar.from_ical(invitation_ics(hearing)).walk("VEVENT"):
            calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type=f"{ICS_CONTENT_TYPE}; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
