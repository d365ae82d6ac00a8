"""Writes on the current schema's rules tables (Procon administrators)."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tenants.penalties.dosimetry import VERIFIED_COMPANY_SEAL
from tenants.penalties.errors import PenaltiesErrorCode
from tenants.penalties.models import CircumstanceRule, LegalProvision, UfirValue
from tenants.penalties.seed import POSITION_STEP, seed_rules

PROVISION_FIELDS = ("code", "title", "text", "law", "default_group", "sets_sanction", "active")
CIRCUMSTANCE_FIELDS = (
    "label",
    "numerator",
    "denominator",
    "legal_basis",
    "verified",
    "active",
)


def do_seed_rules() -> None:
    """Idempotent: only missing rows are added."""
    with transaction.atomic():
        seed_rules(LegalProvision, UfirValue, CircumstanceRule)


def _refused(field: str, message: str, code: PenaltiesErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _update[M: LegalProvision | CircumstanceRule](
    row: M, changes: dict[str, Any], *, editable: tuple[str, ...], check: Any = None
) -> M:
    """Only `editable` fields change; `check(row, changes)` runs under the row lock, before the
    changes are validated and saved."""
    unknown = set(changes) - set(editable)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        row = type(row).objects.select_for_update().get(pk=row.pk)
        for field, value in changes.items():
            setattr(row, field, value)
        if check is not None:
            check(row)
        row.full_clean()
        row.save(update_fields=list(changes) or None)
    return row


def _check_provision_code(code: str, *, exclude_pk: int | None = None) -> None:
    clash = LegalProvision.objects.filter(code__iexact=code)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise _refused(
            "code",
            _("A provision with this code already exists."),
            PenaltiesErrorCode.DUPLICATE_PROVISION,
        )


def do_add_provision(
    *,
    code: str,
    title: str,
    text: str,
    law: str,
    default_group: str = "",
    sets_sanction: bool = False,
    active: bool = True,
) -> LegalProvision:
    code = code.strip()
    with transaction.atomic():
        _check_provision_code(code)
        last = LegalProvision.objects.aggregate(last=Max("position"))["last"]
        provision = LegalProvision(
            code=code,
            title=title.strip(),
            text=text.strip(),
            law=law,
            default_group=default_group,
            sets_sanction=sets_sanction,
            active=active,
            position=(last or 0) + POSITION_STEP,
        )
        provision.full_clean()
        provision.save()
    return provision


def do_update_provision(provision: LegalProvision, **changes: Any) -> LegalProvision:
    """Autos already issued keep the provision as it was (they copy it when issued)."""
    if "code" in changes:
        changes["code"] = changes["code"].strip()

    def check(row: LegalProvision) -> None:
        if "code" in changes:
            _check_provision_code(row.code, exclude_pk=row.pk)

    return _update(provision, changes, editable=PROVISION_FIELDS, check=check)


def do_add_ufir_value(*, valid_from: date, value: Decimal) -> UfirValue:
    with transaction.atomic():
        if UfirValue.objects.select_for_update().filter(valid_from=valid_from).exists():
            raise _refused(
                "valid_from",
                _("A UFIR value from this date already exists."),
                PenaltiesErrorCode.DUPLICATE_UFIR_DATE,
            )
        row = UfirValue(valid_from=valid_from, value=value)
        row.full_clean()
        row.save()
    return row


def do_remove_ufir_value(row: UfirValue) -> None:
    """A mistyped value can be removed, but never the last one: the fine needs a floor and cap."""
    with transaction.atomic():
        rows = list(UfirValue.objects.select_for_update().order_by("pk"))
        if len(rows) <= 1:
            raise _refused(
                "valid_from",
                _("The last UFIR value cannot be removed."),
                PenaltiesErrorCode.LAST_UFIR_VALUE,
            )
        UfirValue.objects.filter(pk=row.pk).delete()


def _check_fraction(code: str, numerator: int, denominator: int) -> None:
    if denominator <= 0 or numerator > denominator:
        raise _refused(
            "numerator",
            _("The fraction must be between 0 and 1."),
            PenaltiesErrorCode.FRACTION_ABOVE_ONE,
        )
    if code == VERIFIED_COMPANY_SEAL and numerator * 6 < denominator:
        raise _refused(
            "numerator",
            _("The verified-company seal lowers the fine by at least 1/6."),
            PenaltiesErrorCode.SEAL_BELOW_ONE_SIXTH,
        )


def do_add_circumstance_rule(
    *,
    code: str,
    kind: str,
    label: str,
    numerator: int,
    denominator: int,
    legal_basis: str = "",
    verified: bool = False,
) -> CircumstanceRule:
    with transaction.atomic():
        if CircumstanceRule.objects.select_for_update().filter(code=code).exists():
            raise _refused(
                "code",
                _("A circumstance with this code already exists."),
                PenaltiesErrorCode.DUPLICATE_CIRCUMSTANCE,
            )
        _check_fraction(code, numerator, denominator)
        last = CircumstanceRule.objects.filter(kind=kind).aggregate(last=Max("position"))["last"]
        rule = CircumstanceRule(
            code=code,
            kind=kind,
            label=label.strip(),
            numerator=numerator,
            denominator=denominator,
            legal_basis=legal_basis.strip(),
            verified=verified,
            position=(last or 0) + POSITION_STEP,
        )
        rule.full_clean()
        rule.save()
    return rule


def do_update_circumstance_rule(rule: CircumstanceRule, **changes: Any) -> CircumstanceRule:
    """Decisions already taken keep the fraction they used (they store their calculation)."""
    return _update(
        rule,
        changes,
        editable=CIRCUMSTANCE_FIELDS,
        check=lambda row: _check_fraction(row.code, row.numerator, row.denominator),
    )
