"""gov.br trust levels: reading them from gov.br's answers, and the staff's minimum level."""

from collections.abc import Mapping

from django.conf import settings

from shared.accounts.models import GovbrLevel, GovbrLink, User

RANK = {GovbrLevel.BRONZE: 1, GovbrLevel.SILVER: 2, GovbrLevel.GOLD: 3}
# The older levels API answers ids: 1 bronze, 2 prata (silver), 3 ouro (gold).
_BY_ID = {"1": GovbrLevel.BRONZE, "2": GovbrLevel.SILVER, "3": GovbrLevel.GOLD}


def level_from_claims(claims: Mapping[str, object]) -> str:
    """`reliability_info.level` of the ID token (scope govbr_confiabilidades_idtoken): "bronze",
    "silver" or "gold"; "" when absent or unknown."""
    info = claims.get("reliability_info")
    level = info.get("level") if isinstance(info, Mapping) else None
    return level if level in RANK else ""


def level_from_ids(rows: object) -> str:
    """The highest level of the levels API's answer (`[{"id": "2", ...}, ...]`); "" if none."""
    ids = (
        [str(row.get("id", "")).split(" ")[0] for row in rows if isinstance(row, Mapping)]
        if (isinstance(rows, list))
        else []
    )
    found = [_BY_ID[value] for value in ids if value in _BY_ID]
    return max(found, key=RANK.__getitem__) if found else ""


def required_staff_level() -> str:
    """GOVBR_STAFF_MIN_LEVEL, in force only while gov.br is configured (else no one could meet
    it and every staff member would be locked out)."""
    level = settings.GOVBR_STAFF_MIN_LEVEL
    configured = settings.GOVBR_CLIENT_ID and settings.GOVBR_CLIENT_SECRET
    return level if level in RANK and configured else ""


def meets_staff_level(user: User) -> bool:
    """Whether `user`'s staff roles may give power: always, unless GOVBR_STAFF_MIN_LEVEL is set;
    then only for an account linked to gov.br whose last reported level is at least that."""
    required = required_staff_level()
    if not required:
        return True
    level = GovbrLink.objects.filter(user=user).values_list("level", flat=True).first()
    return RANK.get(level or "", 0) >= RANK[required]
