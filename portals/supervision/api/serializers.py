"""Output shapes of the supervision API (the figures are computed by the selectors)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class PeriodOutput(serializers.Serializer):
    first_month = serializers.CharField()
    last_month = serializers.CharField()


class ResolutionOutput(serializers.Serializer):
    resolved_at_cip = serializers.IntegerField()
    agreement = serializers.IntegerField()
    founded_met = serializers.IntegerField()
    founded_not_met = serializers.IntegerField()
    rate = serializers.FloatField(
        allow_null=True,
        help_text=_(
            "Resolved (at the CIP, by agreement, founded-met) over closed; null: none closed."
        ),
    )


class AnswersOutput(serializers.Serializer):
    answered = serializers.IntegerField()
    on_time = serializers.IntegerField()
    on_time_rate = serializers.FloatField(allow_null=True)
    mean_days = serializers.FloatField(
        allow_null=True, help_text=_("Filing to the company's answer.")
    )
    p90_days = serializers.FloatField(
        allow_null=True,
        help_text=_("90th percentile, computed from the answer time in whole days."),
    )


class RowFiguresOutput(serializers.Serializer):
    filed = serializers.IntegerField()
    closed = serializers.IntegerField()
    resolution = ResolutionOutput()
    answers = AnswersOutput()
    hearings_held = serializers.IntegerField()
    agreements_reached = serializers.IntegerField()
    overdue = serializers.IntegerField(help_text=_("The company's deadline passed with no answer."))


class MonthOutput(serializers.Serializer):
    month = serializers.CharField()
    filed = serializers.IntegerField()


class ComplaintFiguresOutput(RowFiguresOutput):
    by_status = serializers.DictField(child=serializers.IntegerField())
    per_month = MonthOutput(many=True)


class SanctionFiguresOutput(serializers.Serializer):
    opened = serializers.IntegerField()
    by_stage = serializers.DictField(child=serializers.IntegerField())
    fines_decided = serializers.IntegerField()
    fines_total = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=True)


class FiguresOutput(serializers.Serializer):
    period = PeriodOutput()
    as_of = serializers.DateTimeField(
        allow_null=True,
        help_text=_(
            "When the figures were last recomputed from the case index (every 5 minutes); "
            "null: not computed yet."
        ),
    )
    complaints = ComplaintFiguresOutput()
    sanctions = SanctionFiguresOutput()


class ProconFiguresOutput(RowFiguresOutput):
    slug = serializers.CharField()
    name = serializers.CharField()


class CompanyRankOutput(RowFiguresOutput):
    rank = serializers.IntegerField()
    company_id = serializers.IntegerField()
    name = serializers.CharField()


class CompanyFiguresOutput(serializers.Serializer):
    company_id = serializers.IntegerField()
    name = serializers.CharField()
    figures = FiguresOutput()
    procons = ProconFiguresOutput(many=True)


class AlertProconOutput(serializers.Serializer):
    procon_id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    week = serializers.IntegerField()
    mean = serializers.FloatField()
    sd = serializers.FloatField()


class SpikeAlertOutput(serializers.Serializer):
    id = serializers.IntegerField()
    company_id = serializers.IntegerField()
    company_name = serializers.CharField(source="company.__str__")
    subject = serializers.CharField()
    detected_on = serializers.DateField()
    week_count = serializers.IntegerField()
    procons = AlertProconOutput(many=True)


def _counts(help_text: object) -> serializers.DictField:
    return serializers.DictField(child=serializers.IntegerField(), help_text=help_text)


class KindChannelOutput(serializers.Serializer):
    kind = serializers.CharField()
    channel = serializers.CharField()
    count = serializers.IntegerField()


class AtendimentoCountsOutput(serializers.Serializer):
    total = serializers.IntegerField()
    by_kind = _counts(_("guidance, preliminary, direct_complaint, referral"))
    by_channel = _counts(_("web, counter, phone, email, letter"))
    by_kind_and_channel = KindChannelOutput(many=True)
    by_sex = _counts(_("F, M, and the empty key: not given"))
    by_age_band = _counts(_("SINDEC's age bands, and the empty key: not given"))


class AtendimentoProconOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    total = serializers.IntegerField()
    by_kind = _counts(_("guidance, preliminary, direct_complaint, referral"))


class AtendimentoFiguresOutput(serializers.Serializer):
    period = PeriodOutput()
    atendimentos = AtendimentoCountsOutput()
    procons = AtendimentoProconOutput(
        many=True, help_text=_("Per Procon, busiest first; empty when one Procon was asked.")
    )
