"""Reading gov.br's trust level, and the staff requirement's switch."""

import pytest

from shared.accounts.govbr.levels import (
    level_from_claims,
    level_from_ids,
    meets_staff_level,
    required_staff_level,
)
from shared.accounts.models import GovbrLink
from tests.factories import UserFactory


@pytest.mark.parametrize(
    ("claims", "level"),
    [
        ({"reliability_info": {"level": "gold", "reliabilities": [{"id": "801"}]}}, "gold"),
        ({"reliability_info": {"level": "silver"}}, "silver"),
        ({"reliability_info": {"level": "bronze"}}, "bronze"),
        ({"reliability_info": {"level": "platinum"}}, ""),
        ({"reliability_info": "gold"}, ""),
        ({"amr": ["passwd", "mfa"]}, ""),
        ({}, ""),
    ],
)
def test_the_level_is_read_from_the_id_tokens_reliability_info(claims, level):
    assert level_from_claims(claims) == level


@pytest.mark.parametrize(
    ("rows", "level"),
    [
        ([{"id": "1"}, {"id": "2", "dataAtualizacao": "2026-01-02 03:04:05"}], "silver"),
        ([{"id": "3 (Ouro)"}], "gold"),
        ([{"id": "1"}], "bronze"),
        ([{"id": "9"}], ""),
        ([], ""),
        ({"id": "3"}, ""),
    ],
)
def test_the_levels_api_answer_gives_its_highest_level(rows, level):
    assert level_from_ids(rows) == level


def test_the_staff_level_is_required_only_while_govbr_is_configured(settings, db):
    user = UserFactory()
    settings.GOVBR_STAFF_MIN_LEVEL = "silver"
    assert required_staff_level() == "silver"
    assert not meets_staff_level(user)

    settings.GOVBR_CLIENT_ID = ""

    assert required_staff_level() == ""
    assert meets_staff_level(user)


def test_an_unknown_required_level_requires_nothing(settings, db):
    settings.GOVBR_STAFF_MIN_LEVEL = "platina"

    assert meets_staff_level(UserFactory())


def test_the_last_reported_level_is_what_counts(settings, db):
    settings.GOVBR_STAFF_MIN_LEVEL = "gold"
    user = UserFactory()
    link = GovbrLink.objects.create(user=user, cpf="90123456185", level="gold")
    assert meets_staff_level(user)

    link.level = "silver"
    link.save()

    assert not meets_staff_level(user)
