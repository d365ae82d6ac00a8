"""Input and output of the moderators' API of narratives. Statuses and kinds are plain strings
with their display beside them (the models' choices name them)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class ModerationApproveInput(serializers.Serializer):
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text=_("The text to publish as edited; omit it to publish the current text."),
    )


class ModerationRefuseInput(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Why, for the person who will read it (required)."),
    )


class ModerationCompanyOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    cnpj = serializers.CharField(allow_null=True)


class ModerationNamedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ModerationLinksOutput(serializers.Serializer):
    api = serializers.URLField()
    page = serializers.URLField(help_text=_("The moderation page."))
    case = serializers.URLField(help_text=_("The complaint's page."))


class ModerationNarrativeSummaryOutput(serializers.Serializer):
    number = serializers.CharField()
    company = ModerationCompanyOutput()
    subject = ModerationNamedOutput(allow_null=True)
    consented_at = serializers.DateTimeField()
    redactions = serializers.DictField(
        child=serializers.IntegerField(),
        help_text=_("How many data of each kind the scrub replaced, by placeholder."),
    )
    links = ModerationLinksOutput()


class ModerationNarrativePageOutput(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    results = ModerationNarrativeSummaryOutput(many=True)


class ModerationResponseSummaryOutput(serializers.Serializer):
    number = serializers.CharField()
    company = ModerationCompanyOutput()
    kind = serializers.CharField()
    kind_display = serializers.CharField()
    responded_at = serializers.DateTimeField()
    links = ModerationLinksOutput()


class ModerationResponsePageOutput(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    results = ModerationResponseSummaryOutput(many=True)


class ModerationResponseOutput(serializers.Serializer):
    kind = serializers.CharField()
    kind_display = serializers.CharField()
    text = serializers.CharField(help_text=_("The company's words as written (not public)."))
    scrubbed_text = serializers.CharField()
    published_text = serializers.CharField()
    text_status = serializers.CharField(
        help_text=_("none, pending, published or refused: the state of the company's words.")
    )
    text_status_display = serializers.CharField()
    refusal_reason = serializers.CharField()
    responded_at = serializers.DateTimeField()
    moderated_at = serializers.DateTimeField(allow_null=True)


class ModerationNarrativeOutput(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField(help_text=_("pending, published, refused or withdrawn."))
    status_display = serializers.CharField()
    complaint_status = serializers.CharField()
    publishable = serializers.BooleanField(
        help_text=_("Whether the complaint passed triage and was not rejected.")
    )
    company = ModerationCompanyOutput()
    subject = ModerationNamedOutput(allow_null=True)
    facts = serializers.CharField(help_text=_("The consumer's original facts: not public."))
    scrubbed_text = serializers.CharField()
    text = serializers.CharField(help_text=_("What is or will be published."))
    redactions = serializers.DictField(child=serializers.IntegerField())
    consented_at = serializers.DateTimeField()
    moderated_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    refusal_reason = serializers.CharField()
    response = ModerationResponseOutput(allow_null=True)
    links = ModerationLinksOutput()
