"""The registry of founded complaints (CDC art. 44) and the open data, on every host: a Procon's
host shows that Procon's, the platform's host the state-wide figures. Publishing is for the
Procon's administrator (its own registry) and the state supervisor (state-wide, on the state
host); anyone else gets 404."""

import json
from collections.abc import Iterator

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.exceptions import NotFound

from kernel.tasks import enqueue_on_commit
from kernel.web.errors import found
from shared.accounts.permissions import request_roles, staff_required, supervisor_required
from shared.accounts.roles import StaffRole
from shared.caseindex.models import AtendimentoEntry
from shared.procons.models import Procon
from shared.registry.actions import do_publish_registry
from shared.registry.atendimentos import (
    ATENDIMENTO_COLUMNS,
    CHANNEL_LABELS,
    KINDS,
    atendimento_year_figures,
)
from shared.registry.forms import PublishForm, RegistryFilterForm
from shared.registry.models import RegistryPublication
from shared.registry.opendata import OPEN_DATA_COLUMNS, min_city_count
from shared.registry.renderers import (
    SINDEC_EMPTY_COLUMNS,
    public_registry_row,
    publication_json,
    registry_csv,
    registry_row_json,
    sindec_csv,
)
from shared.registry.selectors import (
    RegistryRow,
    access_publication,
    atendimento_export,
    open_data_export,
    publication_list,
    publication_rows,
    registry_figure_rows,
    registry_figures,
    registry_rollup_state,
    registry_totals,
    registry_years,
    sindec_cases,
    sindec_export,
)
from shared.registry.tasks import rebuild_open_data

PAGE_SIZE = 50


def _scope(request: HttpRequest) -> Procon | None:
    """The Procon of the host, or None (state-wide) on the platform's host."""
    return getattr(request, "procon", None)


def _scope_slug(procon: Procon | None) -> str:
    return procon.slug if procon is not None else "estado"


def _year(value: int, years: list[int]) -> int:
    if value not in years:
        raise Http404
    return value


def _csv_response(lines: Iterator[str], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _json_response(data: dict[str, object], filename: str) -> HttpResponse:
    response = HttpResponse(
        # Compact: the C encoder (an indent falls back to the pure-Python one).
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _download_rows(request: HttpRequest, *, procon: Procon | None, year: int) -> list[RegistryRow]:
    """The year's rows for a download, filtered and sorted as the page's query says."""
    return registry_figure_rows(
        registry_figures(
            procon=procon,
            year=year,
            q=request.GET.get("q", "")[:100],
            sort=request.GET.get("sort", ""),
        )
    )


def _atendimento_tables(figures: dict) -> dict[str, object]:
    """The registry page's rows of the year's atendimentos: kinds by channel, and per Procon."""
    kinds = dict(AtendimentoEntry.Kind.choices)
    pairs = {(row["kind"], row["channel"]): row["count"] for row in figures["by_kind_and_channel"]}
    return {
        "atendimentos": figures,
        "atendimento_channels": list(CHANNEL_LABELS.values()),
        "atendimento_kinds": [kinds[kind] for kind in KINDS],
        "atendimento_rows": [
            {
                "code": kind,
                "label": kinds[kind],
                "counts": [pairs.get((kind, channel), 0) for channel in CHANNEL_LABELS],
                "total": figures["by_kind"][kind],
            }
            for kind in KINDS
        ],
        "atendimento_procons": [
            {**row, "counts": [row["by_kind"][kind] for kind in KINDS]}
            for row in figures["procons"]
        ],
    }


@require_GET
def registry_page(request: HttpRequest) -> HttpResponse:
    procon = _scope(request)
    years = registry_years(procon=procon)
    form = RegistryFilterForm(request.GET or None, years=years)
    year, q, sort = form.values()
    figures = registry_figures(procon=procon, year=year, q=q, sort=sort)
    totals = registry_totals(figures)
    paginator = Paginator(figures, PAGE_SIZE)
    paginator.count = totals["companies"]  # known already: no second count query
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    atendimento_year = year or timezone.localdate().year
    return render(
        request,
        "registry/registry.html",
        {
            "form": form,
            "year": year,
            "page": page,
            "rows": [public_registry_row(row) for row in page.object_list],
            **totals,
            "rollup": registry_rollup_state(),
            "sindec": sindec_export(year=year) if procon is None else None,
            "query": query.urlencode(),
            "publications": publication_list(procon=procon)[:50],
            "sindec_empty": sorted(SINDEC_EMPTY_COLUMNS.items()),
            "atendimento_year": atendimento_year,
            **_atendimento_tables(atendimento_year_figures(procon=procon, year=atendimento_year)),
            "can_publish": procon is not None and StaffRole.TENANT_ADMIN in request_roles(request),
            "can_publish_state": procon is not None
            and procon.kind == "state"
            and StaffRole.SUPERVISOR in request_roles(request),
        },
    )


@require_GET
def registry_csv_view(
    request: HttpRequest, year: int
) -> HttpResponse | StreamingHttpResponse | FileResponse:
    procon = _scope(request)
    year = _year(year, registry_years(procon=procon))
    name = f"reclamacoes-fundamentadas-{_scope_slug(procon)}-{year}"
    if request.GET.get("layout") == "sindec-oficial":
        # The national file's own layout, byte for byte (no header, BOM, dates with time).
        return _csv_response(
            sindec_csv(year=year, cases=sindec_cases(procon=procon, year=year), official=True),
            f"{name}-sindec-oficial.csv",
        )
    if request.GET.get("layout") == "sindec":
        stored = sindec_export(year=year) if procon is None else None
        if stored is not None and default_storage.exists(stored.path):
            # State-wide: the beat task's file (a Procon's own is quick enough to build live).
            return FileResponse(
                default_storage.open(stored.path, "rb"),
                as_attachment=True,
                filename=f"{name}-sindec.csv",
                content_type="text/csv; charset=utf-8",
            )
        return _csv_response(
            sindec_csv(year=year, cases=sindec_cases(procon=procon, year=year)),
            f"{name}-sindec.csv",
        )
    rows = _download_rows(request, procon=procon, year=year)
    # One body, not one chunk per line: a few hundred kilobytes at most (one row per company).
    response = HttpResponse(
        "".join(registry_csv(year=year, rows=rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@require_GET
def registry_json_view(request: HttpRequest, year: int) -> HttpResponse:
    procon = _scope(request)
    year = _year(year, registry_years(procon=procon))
    rows = _download_rows(request, procon=procon, year=year)
    rollup = registry_rollup_state()
    data = {
        "scope": _scope_slug(procon) if procon is not None else "state",
        "year": year,
        "generated_at": rollup.refreshed_at.isoformat() if rollup is not None else None,
        "frozen": False,
        "rows": [registry_row_json(row) for row in rows],
    }
    return _json_response(data, f"reclamacoes-fundamentadas-{_scope_slug(procon)}-{year}.json")


def _publication(request: HttpRequest, publication_id: int) -> RegistryPublication:
    return found(access_publication, procon=_scope(request), publication_id=publication_id)


def _publication_name(publication: RegistryPublication) -> str:
    scope = _scope_slug(publication.procon)
    return f"reclamacoes-fundamentadas-{scope}-{publication.year}-v{publication.version}"


@require_GET
def publication_csv(
    request: HttpRequest, publication_id: int
) -> HttpResponse | StreamingHttpResponse:
    publication = _publication(request, publication_id)
    name = f"{_publication_name(publication)}.csv"
    if publication.csv_text:  # rendered at publication
        response = HttpResponse(publication.csv_text, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return _csv_response(
        registry_csv(year=publication.year, rows=publication_rows(publication)), name
    )


@require_GET
def publication_json_view(request: HttpRequest, publication_id: int) -> HttpResponse:
    publication = _publication(request, publication_id)
    return _json_response(
        publication_json(publication, publication_rows(publication)),
        f"{_publication_name(publication)}.json",
    )


def _publish(request: HttpRequest, *, procon: Procon | None, template_scope: str) -> HttpResponse:
    years = registry_years(procon=procon)
    form = PublishForm(request.POST if request.method == "POST" else None, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            publication = do_publish_registry(
                procon=procon, year=form.cleaned_data["year"], actor=request.user
            )
        except NotFound:
            raise Http404 from None
        except ValidationError as exc:
            form.add_error("year", exc.message_dict.get("year", exc.messages))
        else:
            messages.success(
                request,
                _("The %(year)s registry was published as version %(version)s.")
                % {"year": publication.year, "version": publication.version},
            )
            return redirect(
                reverse("registry:publish" if procon is not None else "registry:publish-state")
            )
    return render(
        request,
        "registry/publish.html",
        {
            "form": form,
            "scope": template_scope,
            "publications": publication_list(procon=procon)[:50],
        },
    )


@staff_required(StaffRole.TENANT_ADMIN)
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest) -> HttpResponse:
    """The Procon administrator publishes this Procon's registry of a year."""
    return _publish(request, procon=request.procon, template_scope="procon")


@supervisor_required
@require_http_methods(["GET", "POST"])
def publish_state(request: HttpRequest) -> HttpResponse:
    """The state supervisor publishes the state-wide registry (every Procon) of a year."""
    return _publish(request, procon=None, template_scope="state")


@require_GET
def open_data_page(request: HttpRequest) -> HttpResponse:
    procon = _scope(request)
    return render(
        request,
        "registry/open_data.html",
        {
            "export": open_data_export(procon=procon),
            "columns": OPEN_DATA_COLUMNS,
            "atendimento_export": atendimento_export(procon=procon),
            "atendimento_columns": ATENDIMENTO_COLUMNS,
            "min_city_count": min_city_count(),
            "can_rebuild": procon is not None
            and procon.kind == "state"
            and StaffRole.SUPERVISOR in request_roles(request),
        },
    )


@supervisor_required
@require_POST
def rebuild_open_data_now(request: HttpRequest) -> HttpResponse:
    """The state supervisor asks for every open-data and SINDEC file now (queued: a worker
    builds them); the audit middleware records the request."""
    # Sent once the request's transaction commits: a request that fails sends nothing.
    enqueue_on_commit(rebuild_open_data)
    messages.success(
        request, _("The open-data files are being rebuilt; they appear here in a few minutes.")
    )
    return redirect(reverse("registry:open-data"))


@require_GET
def open_data_csv(request: HttpRequest) -> FileResponse:
    procon = _scope(request)
    export = open_data_export(procon=procon)
    if export is None or not default_storage.exists(export.path):
        raise Http404
    stamp = timezone.localtime(export.generated_at).strftime("%Y-%m-%d")
    return FileResponse(
        default_storage.open(export.path, "rb"),
        as_attachment=True,
        filename=f"reclamacoes-{_scope_slug(procon)}-{stamp}.csv",
        content_type="text/csv; charset=utf-8",
    )


@require_GET
def open_data_atendimentos_csv(request: HttpRequest) -> FileResponse:
    """The stored file of atendimentos counted by month, kind and channel of the host's scope."""
    procon = _scope(request)
    export = atendimento_export(procon=procon)
    if export is None or not default_storage.exists(export.path):
        raise Http404
    stamp = timezone.localtime(export.generated_at).strftime("%Y-%m-%d")
    return FileResponse(
        default_storage.open(export.path, "rb"),
        as_attachment=True,
        filename=f"atendimentos-{_scope_slug(procon)}-{stamp}.csv",
        content_type="text/csv; charset=utf-8",
    )
