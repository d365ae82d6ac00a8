"""The state supervisor's dashboard pages, on the state Procon's host only (404 for anyone else
and on any other host). They read the figures selectors and draw SVG charts server-side."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kernel.periods import default_period, period_from
from kernel.web import charts
from kernel.web.errors import found
from onboarding.procons.selectors import application_list
from portals.supervision import selectors
from portals.supervision.atendimentos import (
    BAND_CODES,
    CHANNELS,
    KINDS,
    SEXES,
    atendimento_figures,
    atendimentos_per_procon,
)
from portals.supervision.models import SpikeAlert
from portals.supervision.selectors import Period
from shared import formats
from shared.accounts.permissions import supervisor_required
from shared.billing.lifecycle import SubscriptionStatus
from shared.caseindex.demographics import AGE_BAND_LABELS
from shared.caseindex.models import AtendimentoEntry
from tenants.complaints.lifecycle import Channel, ComplaintStatus, ConsumerSex
from tenants.sanctions.lifecycle import ProcessStatus

MAP_METRICS = ("per_10k", "resolution_rate")
# The labels of the tenants' states (their lifecycle tables are plain choices, no tenant data).
COMPLAINT_STATES = dict(ComplaintStatus.choices)
SANCTION_STAGES = dict(ProcessStatus.choices)


def _labelled(figures: dict) -> dict[str, list[tuple[str, str, int]]]:
    """(code, label, count) rows of the complaints by status and the processes by stage."""
    return {
        "status_rows": [
            (code, COMPLAINT_STATES.get(code, code), count)
            for code, count in figures["complaints"]["by_status"].items()
        ],
        "stage_rows": [
            (code, SANCTION_STAGES.get(code, code), count)
            for code, count in figures["sanctions"]["by_stage"].items()
        ],
    }


def _atendimentos(
    period: Period, *, procon_id: int | None = None, per_procon: bool = False
) -> dict[str, object]:
    """The atendimento figures and the rows the page draws them with."""
    figures = atendimento_figures(period, procon_id=procon_id)
    kinds = dict(AtendimentoEntry.Kind.choices)
    channels = dict(Channel.choices)
    sexes = {**dict(ConsumerSex.choices), "": _("Not given")}
    pairs = {(row["kind"], row["channel"]): row["count"] for row in figures["by_kind_and_channel"]}
    context: dict[str, object] = {
        "atendimentos": figures,
        "channel_labels": [(code, channels.get(code, code)) for code in CHANNELS],
        "kind_labels": [(code, kinds[code]) for code in KINDS],
        "atendimento_rows": [
            {
                "code": kind,
                "label": kinds[kind],
                "counts": [pairs.get((kind, channel), 0) for channel in CHANNELS],
                "total": figures["by_kind"][kind],
            }
            for kind in KINDS
        ],
        "sex_rows": [(code, sexes[code], figures["by_sex"][code]) for code in SEXES],
        "band_rows": [
            (code, AGE_BAND_LABELS.get(code, _("Not given")), figures["by_age_band"][code])
            for code in BAND_CODES
        ],
    }
    if per_procon:
        context["atendimento_procons"] = [
            {**row, "counts": [row["by_kind"][kind] for kind in KINDS]}
            for row in atendimentos_per_procon(period)
        ]
    return context


def _period(request: HttpRequest) -> tuple[Period | None, dict[str, list[str]]]:
    try:
        return period_from(request.GET.get("start"), request.GET.get("end")), {}
    except ValidationError as error:
        return None, error.message_dict


def _context(request: HttpRequest, **extra: object) -> tuple[dict[str, object], int]:
    period, errors = _period(request)
    status = 200
    if period is None:
        period, status = default_period(), 400
    metric = request.GET.get("metric", "per_10k")
    if metric not in MAP_METRICS:
        metric = "per_10k"
    return {
        "period": period,
        "period_errors": errors,
        "start": request.GET.get("start", f"{period.first:%Y-%m}"),
        "end": request.GET.get("end", f"{period.last:%Y-%m}"),
        "metric": metric,
        "query": f"start={period.first:%Y-%m}&end={period.last:%Y-%m}",
        **extra,
    }, status


def _series(figures: dict) -> dict:
    return charts.series(
        [
            (formats.short_month(row["month"]), row["filed"])
            for row in figures["complaints"]["per_month"]
        ]
    )


def _bars(rows: list[dict], link: Callable[[dict], str], query: str) -> dict:
    """Complaints filed per row, each bar linking to the row's own page for the same period."""
    return charts.bars(
        [
            (row["name"], row["filed"], formats.number(row["filed"]), f"{link(row)}?{query}")
            for row in rows
        ]
    )


def _procon_url(row: dict) -> str:
    return reverse("supervision:procon", kwargs={"slug": row["slug"]})


def _company_url(row: dict) -> str:
    return reverse("supervision:company", kwargs={"company_id": row["company_id"]})


def _with_figures(
    request: HttpRequest, scope: dict[str, int] | None = None, **extra: object
) -> tuple[dict[str, object], int]:
    """The page's context with the period's figures (state-wide, or of the Procon or the company
    `scope` names), their status and stage rows and the monthly series."""
    context, status = _context(request, **extra)
    figures = selectors.figures(context["period"], **(scope or {}))
    context.update(**_labelled(figures), figures=figures, series=_series(figures))
    return context, status


def _map(places: list[dict], metric: str) -> dict:
    return charts.choropleth(places, metric=metric)


@supervisor_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    context, status = _with_figures(request)
    period = context["period"]
    procons = selectors.per_procon(period)
    context.update(
        procons=procons,
        ranking=selectors.company_ranking(period, limit=10),
        procon_bars=_bars(procons[:20], _procon_url, context["query"]),
        map=_map(selectors.per_municipality(period), context["metric"]),
        alerts=list(selectors.alert_list(limit=5)),
        pending_adhesions=application_list().count(),
        **_atendimentos(period, per_procon=True),
    )
    return render(request, "supervision/dashboard.html", context, status=status)


@supervisor_required
@require_GET
def procon_figures(request: HttpRequest, slug: str) -> HttpResponse:
    target = found(selectors.access_procon, slug=slug)
    context, status = _with_figures(request, {"procon_id": target.pk}, target=target)
    context["ranking"] = selectors.company_ranking(context["period"], procon_id=target.pk, limit=10)
    context.update(_atendimentos(context["period"], procon_id=target.pk))
    return render(request, "supervision/procon.html", context, status=status)


@supervisor_required
@require_GET
def company_list(request: HttpRequest) -> HttpResponse:
    context, status = _context(request)
    ranking = selectors.company_ranking(context["period"])
    state = selectors.rollup_state()
    context.update(
        ranking=ranking,
        as_of=state.refreshed_at if state is not None else None,
        ranking_bars=_bars(ranking, _company_url, context["query"]),
    )
    return render(request, "supervision/companies.html", context, status=status)


@supervisor_required
@require_GET
def company_figures(request: HttpRequest, company_id: int) -> HttpResponse:
    company = found(selectors.access_company, company_id=company_id)
    context, status = _with_figures(request, {"company_id": company.pk}, company=company)
    period = context["period"]
    procons = selectors.company_procons(period, company_id=company.pk)
    context.update(
        procons=procons,
        procon_bars=_bars(procons[:20], _procon_url, context["query"]),
        map=_map(selectors.per_municipality(period, company_id=company.pk), context["metric"]),
    )
    return render(request, "supervision/company.html", context, status=status)


@supervisor_required
@require_GET
def tenants(request: HttpRequest) -> HttpResponse:
    last = selectors.last_complaints()
    rows = [
        {
            "procon": procon,
            "last_complaint_at": last.get(procon.pk),
            "billing": (status := selectors.billing_status(procon)),
            "billing_label": SubscriptionStatus(status).label,
        }
        for procon in selectors.tenant_list()
    ]
    return render(
        request,
        "supervision/tenants.html",
        {"rows": rows, "pending_adhesions": application_list().count()},
    )


def inspection_url(alert: SpikeAlert) -> str:
    """The sanctions app's inspection-create page, prefilled from the alert."""
    try:
        path = reverse("sanctions:inspection-create")
    except NoReverseMatch:
        return ""
    return f"{path}?company={alert.company_id}&origin=alert&ref={alert.pk}"


@supervisor_required
@require_GET
def alert_list(request: HttpRequest) -> HttpResponse:
    alerts = list(selectors.alert_list())
    return render(
        request,
        "supervision/alerts.html",
        {"alerts": [(alert, inspection_url(alert)) for alert in alerts]},
    )


@supervisor_required
@require_GET
def alert_detail(request: HttpRequest, alert_id: int) -> HttpResponse:
    alert = found(selectors.access_alert, alert_id=alert_id)
    return render(
        request,
        "supervision/alert_detail.html",
        {"alert": alert, "inspection_url": inspection_url(alert), "title": _("Spike alert")},
    )
