"""The company's public page of narratives: the consented, scrubbed and moderated narratives of
its group's complaints (every CNPJ sharing its root), newest first, read from the public index
(`shared.narratives.models.PublishedNarrative`) and never from a Procon's schema. Only what is
public leaves here: the date, the Procon, the subject, the text and the company's public response,
never the complaint's number nor anything of the consumer's."""

from django.db.models import QuerySet

from shared.companies.models import Company
from shared.narratives.models import PublishedNarrative

PAGE_SIZE = 20


def company_narratives(company: Company, *, procon_id: int | None) -> QuerySet[PublishedNarrative]:
    """The group's published narratives, at one Procon when `procon_id` is given."""
    narratives = PublishedNarrative.objects.filter(company.group_q("case__company__"))
    if procon_id is not None:
        narratives = narratives.filter(case__procon_id=procon_id)
    return (
        narratives.select_related("case__procon", "case__company")
        .only(
            "text",
            "published_at",
            "response_kind",
            "response_text",
            "responded_at",
            "case__subject",
            "case__procon__name",
            "case__procon__slug",
            "case__company__cnpj",
            "case__company__legal_name",
            "case__company__trade_name",
            "case__company__kind",
        )
        .order_by("-published_at", "-id")
    )


def narrative_count(company: Company, *, procon_id: int | None) -> int:
    narratives = PublishedNarrative.objects.filter(company.group_q("case__company__"))
    if procon_id is not None:
        narratives = narratives.filter(case__procon_id=procon_id)
    return narratives.count()
