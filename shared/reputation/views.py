"""The public reputation pages, on the platform's host (state-wide, or one Procon chosen) and on
a Procon's host (that Procon's complaints): a company's indicators and the segments' rankings."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kernel.periods import Period, default_period, period_from
from kernel.web import charts
from kernel.web.errors import found
from kernel.web.files import streamed_download
from shared import formats
from shared.companies.selectors import access_public_company
from shared.csvfiles import csv_lines
from shared.procons.lifecycle import ProconStatus
from shared.procons.models import Procon
from shared.reputation import narratives, selectors
from shared.reputation.selectors import Scope


def _procon_choices() -> list[Procon]:
    return list(
        Procon.objects.filter(status__in=[ProconStatus.ACTIVE, ProconStatus.SUSPENDED])
        .only("slug", "name")
        .order_by("name")
    )


def procon_scope(request: HttpRequest) -> tuple[int | None, dict[str, list[str]]]:
    """The Procon a request reads: the host's on a Procon's host (any `procon` asked for is
    ignored there), else the `procon` slug asked for, else every Procon (None)."""
    host_procon = getattr(request, "procon", None)
    if host_procon is not None:
        return host_procon.pk, {}
    slug = request.GET.get("procon", "").strip()
    if not slug:
        return None, {}
    procon_id = Procon.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if procon_id is None:
        return None, {"procon": [_("Choose a Procon of the list.")]}
    return procon_id, {}


def scope_from(request: HttpRequest) -> tuple[Scope, dict[str, list[str]]]:
    """The scope a request asks for (period `start`/`end`, `procon` on the platform's host,
    `assunto`), and the field errors of what it got wrong (the default taken instead)."""
    errors: dict[str, list[str]] = {}
    try:
        period: Period = period_from(request.GET.get("start"), request.GET.get("end"))
    except ValidationError as error:
        period, errors = default_period(), error.message_dict
    procon_id, procon_errors = procon_scope(request)
    errors.update(procon_errors)
    subject = request.GET.get("assunto", "").strip()[:250]
    return Scope(period=period, procon_id=procon_id, subject=subject), errors


def _filters(request: HttpRequest, scope: Scope, errors: dict) -> dict[str, object]:
    return {
        "start": f"{scope.period.first:%Y-%m}",
        "end": f"{scope.period.last:%Y-%m}",
        "period_errors": errors,
        "on_procon_host": getattr(request, "procon", None) is not None,
        "procons": _procon_choices() if getattr(request, "procon", None) is None else [],
        "procon_slug": request.GET.get("procon", ""),
        "subject": scope.subject,
        "min_volume": selectors.min_volume(),
    }


def _trend_chart(trend: list[dict[str, object]]) -> dict[str, object]:
    return charts.series([(formats.short_month(row["month"]), row["filed"]) for row in trend])


@require_GET
def company_reputation(request: HttpRequest, cnpj: str) -> HttpResponse:
    company = found(access_public_company, cnpj=cnpj)
    scope, errors = scope_from(request)
    trend = selectors.company_trend(company, scope)
    context = {
        "company": company,
        "figures": selectors.company_indicators(company, scope),
        "trend": trend,
        "series": _trend_chart(trend),
        "by_procon": selectors.company_by_procon(company, scope) if scope.procon_id is None else [],
        "by_subject": selectors.company_by_subject(company, scope),
        "segment": selectors.company_segment(company, scope),
        "narrative_count": narratives.narrative_count(company, procon_id=scope.procon_id),
        **_filters(request, scope, errors),
    }
    return render(request, "reputation/company.html", context, status=400 if errors else 200)


def _percent(value: object) -> str:
    return "" if value is None else formats.percent(value).removesuffix("%")


def _decimal(value: object, places: int = 1) -> str:
    return "" if value is None else formats.number(value, places)


CSV_HEADER = [
    "Mes",
    "Reclamacoes",
    "ChegaramEmpresa",
    "Respondidas",
    "PercentualRespondidas",
    "NoPrazo",
    "PercentualNoPrazo",
    "MediaDiasResposta",
    "Avaliadas",
    "Resolvidas",
    "IndiceSolucao",
    "NotaMedia",
    "Fundamentadas",
    "FundamentadasAtendidas",
    "Audiencias",
    "Acordos",
]


def _csv_row(label: str, row: dict[str, object]) -> list[object]:
    return [
        label,
        row["filed"],
        row["reached_company"],
        row["answered"],
        _percent(row["answered_share"]),
        row["on_time"],
        _percent(row["on_time_share"]),
        _decimal(row["mean_days"]),
        row["rated"],
        row["resolved"],
        _percent(row["resolution_index"]),
        _decimal(row["satisfaction"], 2),
        row["founded"],
        row["founded_met"],
        row["hearings_held"],
        row["agreements"],
    ]


@require_GET
def company_reputation_csv(request: HttpRequest, cnpj: str) -> StreamingHttpResponse:
    """The company's indicators per month of the period and in total, `;`-separated (as the
    open data), percentages and averages with a decimal comma."""
    company = found(access_public_company, cnpj=cnpj)
    scope, _errors = scope_from(request)
    rows = [
        _csv_row(f"{row['month']:%Y-%m}", row) for row in selectors.company_trend(company, scope)
    ]
    rows.append(_csv_row("Total", selectors.company_indicators(company, scope)))
    return streamed_download(
        csv_lines(CSV_HEADER, rows, delimiter=";"),
        filename=f"indicadores-{company.cnpj}-{scope.period.key().replace(':', '-a-')}.csv",
        content_type="text/csv; charset=utf-8",
    )


@require_GET
def rankings(request: HttpRequest) -> HttpResponse:
    scope, errors = scope_from(request)
    segments = selectors.segments(scope)
    segment = request.GET.get("segmento", "").strip()
    if segment and segment not in segments:
        errors = {**errors, "segmento": [_("Choose a segment of the list.")]}
        segment = ""
    segment = segment or (segments[0] if segments else "")
    context = {
        "segments": segments,
        "segment": segment,
        "ranking": selectors.segment_ranking(segment, scope) if segment else None,
        **_filters(request, scope, errors),
    }
    return render(request, "reputation/rankings.html", context, status=400 if errors else 200)


@require_GET
def company_narratives(request: HttpRequest, cnpj: str) -> HttpResponse:
    """The narratives consumers agreed to publish about the company group, as moderated, with the
    company's public response; state-wide or one Procon's, like the indicators."""
    company = found(access_public_company, cnpj=cnpj)
    procon_id, errors = procon_scope(request)
    rows = narratives.company_narratives(company, procon_id=procon_id)
    page = Paginator(rows, narratives.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    on_procon_host = getattr(request, "procon", None) is not None
    context = {
        "company": company,
        "page": page,
        "query": query.urlencode(),
        "errors": errors,
        "on_procon_host": on_procon_host,
        "procons": [] if on_procon_host else _procon_choices(),
        "procon_slug": request.GET.get("procon", "") if not errors else "",
    }
    return render(request, "reputation/narratives.html", context, status=400 if errors else 200)
