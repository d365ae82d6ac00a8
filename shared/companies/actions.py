"""Writes on companies."""

from django.db import IntegrityError, transaction

from shared.companies.models import Company
from shared.documents import normalize_cnpj


def do_register_company(*, cnpj: str, legal_name: str, trade_name: str = "") -> Company:
    """The company with this CNPJ, created if the platform does not know it yet (race-safe)."""
    normalized = normalize_cnpj(cnpj)
    existing = Company.objects.filter(cnpj=normalized).first()
    if existing is not None:
        return existing
    company = Company(cnpj=normalized, legal_name=legal_name, trade_name=trade_name)
    company.full_clean()
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:
        return Company.objects.get(cnpj=normalized)
    return company
