"""The supervisor's atendimento figures: every atendimento of the period (shared/caseindex
AtendimentoEntry: each one the counter registers and each complaint filed on the web, counted
once) by kind and channel, with the demographics the consumers chose to give; state-wide or of
one Procon, and per Procon. Grouped SQL over the public index, never a loop over the schemas;
kept as the other figures are (selectors._cached)."""

from django.db.models import Count

from kernel.periods import Period
from portals.supervision.selectors import _cached
from shared.caseindex.demographics import AGE_BANDS
from shared.caseindex.models import AtendimentoEntry
from shared.procons.models import Procon

KINDS = tuple(AtendimentoEntry.Kind.values)
CHANNELS = ("web", "counter", "phone", "email", "letter")
SEXES = ("F", "M", "")
BAND_CODES = (*(code for code, _top, _label in AGE_BANDS), "")


def _in_period(period: Period, procon_id: int | None = None):  # type: ignore[no-untyped-def]
    rows = AtendimentoEntry.objects.filter(opened_at__gte=period.start, opened_at__lt=period.end)
    return rows if procon_id is None else rows.filter(procon_id=procon_id)


def atendimento_figures(period: Period, *, procon_id: int | None = None) -> dict[str, object]:
    """Counts of the period (one grouped query): the total, by kind, by kind and channel (every
    pair, zeros included), by channel, by sex ("" not given) and by age band ("" not given)."""

    def compute() -> dict[str, object]:
        by_kind = dict.fromkeys(KINDS, 0)
        by_channel = dict.fromkeys(CHANNELS, 0)
        by_pair = {(kind, channel): 0 for kind in KINDS for channel in CHANNELS}
        by_sex = dict.fromkeys(SEXES, 0)
        by_band = dict.fromkeys(BAND_CODES, 0)
        for kind, channel, sex, band, n in (
            _in_period(period, procon_id)
            .values("kind", "channel", "consumer_sex", "age_band")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("kind", "channel", "consumer_sex", "age_band", "n")
        ):
            by_kind[kind] = by_kind.get(kind, 0) + n
            by_channel[channel] = by_channel.get(channel, 0) + n
            by_pair[(kind, channel)] = by_pair.get((kind, channel), 0) + n
            by_sex[sex] = by_sex.get(sex, 0) + n
            by_band[band] = by_band.get(band, 0) + n
        return {
            "total": sum(by_kind.values()),
            "by_kind": by_kind,
            "by_channel": by_channel,
            "by_kind_and_channel": [
                {"kind": kind, "channel": channel, "count": n}
                for (kind, channel), n in by_pair.items()
            ],
            "by_sex": by_sex,
            "by_age_band": by_band,
        }

    return _cached(f"atendimentos:{period.key()}:{procon_id}", compute)


def atendimentos_per_procon(period: Period) -> list[dict[str, object]]:
    """One row per Procon with atendimentos in the period: its counts by kind (one grouped
    query), busiest first."""

    def compute() -> list[dict[str, object]]:
        counts: dict[int, dict[str, int]] = {}
        for procon_id, kind, n in (
            _in_period(period)
            .values("procon_id", "kind")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("procon_id", "kind", "n")
        ):
            counts.setdefault(procon_id, dict.fromkeys(KINDS, 0))[kind] = n
        procons = {
            pk: (slug, name)
            for pk, slug, name in Procon.objects.filter(pk__in=list(counts)).values_list(
                "pk", "slug", "name"
            )
        }
        rows = [
            {
                "slug": procons[pk][0],
                "name": procons[pk][1],
                "total": sum(by_kind.values()),
                "by_kind": by_kind,
            }
            for pk, by_kind in counts.items()
            if pk in procons
        ]
        rows.sort(key=lambda row: (-row["total"], row["name"]))
        return rows

    return _cached(f"atendimentos-per-procon:{period.key()}", compute)
