"""The reputation API's input and output shapes (for validation and the OpenAPI schema)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class ScopeQuery(serializers.Serializer):
    start = serializers.RegexField(
        r"^\d{4}-\d{2}$", required=False, help_text=_("First month, YYYY-MM.")
    )
    end = serializers.RegexField(
        r"^\d{4}-\d{2}$", required=False, help_text=_("Last month, YYYY-MM.")
    )
    procon = serializers.SlugField(
        required=False,
        help_text=_("A Procon's slug (platform host only; a Procon's host is that Procon)."),
    )
    subject = serializers.CharField(
        required=False, max_length=250, help_text=_("A subject's name.")
    )


class RankingQuery(ScopeQuery):
    segment = serializers.CharField(max_length=250, help_text=_("A market area (segment)."))


class Indicators(serializers.Serializer):
    filed = serializers.IntegerField()
    reached_company = serializers.IntegerField()
    answered = serializers.IntegerField()
    answered_share = serializers.FloatField(allow_null=True)
    on_time = serializers.IntegerField()
    on_time_share = serializers.FloatField(allow_null=True)
    mean_days = serializers.FloatField(allow_null=True)
    rated = serializers.IntegerField()
    resolved = serializers.IntegerField()
    resolution_index = serializers.FloatField(allow_null=True)
    satisfaction = serializers.FloatField(allow_null=True)
    satisfaction_count = serializers.IntegerField()
    founded = serializers.IntegerField()
    founded_met = serializers.IntegerField()
    hearings_held = serializers.IntegerField()
    agreements = serializers.IntegerField()


class MonthIndicators(Indicators):
    month = serializers.DateField(format="%Y-%m")


class ProconIndicators(Indicators):
    procon = serializers.CharField()


class SubjectIndicators(Indicators):
    subject = serializers.CharField()


class PeerMedians(serializers.Serializer):
    segment = serializers.CharField()
    peers = serializers.IntegerField()
    answered_share = serializers.FloatField(allow_null=True)
    on_time_share = serializers.FloatField(allow_null=True)
    mean_days = serializers.FloatField(allow_null=True)
    resolution_index = serializers.FloatField(allow_null=True)
    satisfaction = serializers.FloatField(allow_null=True)


class Period(serializers.Serializer):
    first_month = serializers.CharField()
    last_month = serializers.CharField()


class CompanyReputation(serializers.Serializer):
    cnpj = serializers.CharField()
    name = serializers.CharField()
    period = Period()
    procon = serializers.SlugField(allow_null=True)
    subject = serializers.CharField(allow_blank=True)
    segment = serializers.CharField(allow_blank=True)
    indicators = Indicators()
    per_month = MonthIndicators(many=True)
    per_procon = ProconIndicators(many=True)
    per_subject = SubjectIndicators(many=True)
    peers = PeerMedians()


class RankingRow(Indicators):
    rank = serializers.IntegerField()
    cnpj = serializers.CharField()
    name = serializers.CharField()


class Ranking(serializers.Serializer):
    segment = serializers.CharField()
    period = Period()
    procon = serializers.SlugField(allow_null=True)
    min_volume = serializers.IntegerField()
    left_out = serializers.IntegerField()
    rows = RankingRow(many=True)


class CompanyNarrativeQuery(serializers.Serializer):
    procon = serializers.SlugField(
        required=False,
        help_text=_("A Procon's slug (platform host only; a Procon's host is that Procon)."),
    )


class CompanyNarrativeProcon(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class CompanyNarrativeEstablishment(serializers.Serializer):
    cnpj = serializers.CharField(help_text=_("The establishment of the group the case names."))
    name = serializers.CharField()


class CompanyNarrativeResponse(serializers.Serializer):
    kind = serializers.CharField(help_text=_("One of the fixed set of public responses."))
    kind_display = serializers.CharField()
    text = serializers.CharField(
        allow_blank=True, help_text=_("The company's own words, once the Procon approved them.")
    )
    responded_at = serializers.DateTimeField(allow_null=True)


class CompanyNarrative(serializers.Serializer):
    published_at = serializers.DateTimeField()
    procon = CompanyNarrativeProcon()
    subject = serializers.CharField()
    company = CompanyNarrativeEstablishment()
    text = serializers.CharField()
    response = CompanyNarrativeResponse(allow_null=True)


class CompanyNarrativePage(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CompanyNarrative(many=True)
