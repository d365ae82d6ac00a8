"""What each placeholder of the scrub stands for, in words the consumer reads beside their text."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from shared.narratives.kinds import PLACEHOLDERS, Kind
from tenants.narratives.highlight import redaction_counts

MEANINGS: dict[str, Promise] = {
    PLACEHOLDERS[Kind.CPF]: _("a CPF number"),
    PLACEHOLDERS[Kind.CNPJ]: _("a CNPJ number other than the company's"),
    PLACEHOLDERS[Kind.RG]: _("an identity card (RG) number"),
    PLACEHOLDERS[Kind.PHONE]: _("a telephone number"),
    PLACEHOLDERS[Kind.EMAIL]: _("an e-mail address"),
    PLACEHOLDERS[Kind.CEP]: _("a CEP"),
    PLACEHOLDERS[Kind.ADDRESS]: _("an address"),
    PLACEHOLDERS[Kind.CARD]: _("a card number"),
    PLACEHOLDERS[Kind.ACCOUNT]: _("a bank account number"),
    PLACEHOLDERS[Kind.NAME]: _("a person's name"),
    PLACEHOLDERS[Kind.PLATE]: _("a vehicle's plate"),
    PLACEHOLDERS[Kind.PROTOCOL]: _("a protocol or order number"),
}


def explained(redactions: dict[str, int]) -> list[tuple[str, int, str]]:
    """(placeholder, how many, what it replaced) for each kind the scrub found."""
    return [
        (placeholder, count, str(MEANINGS.get(placeholder, _("a personal datum"))))
        for placeholder, count in redaction_counts(redactions)
    ]
