"""A message's states: provider reports move it forward only; numbers as people type them."""

import pytest

from tenants.textmessages.lifecycle import MessageStatus, moves_forward, retry_delay
from tenants.textmessages.phones import masked, to_e164

S = MessageStatus


@pytest.mark.parametrize(
    ("current", "reported", "moves"),
    [
        (S.QUEUED, S.SENT, True),
        (S.QUEUED, S.DELIVERED, True),
        (S.SENT, S.DELIVERED, True),
        (S.SENT, S.UNDELIVERABLE, True),
        (S.SENT, S.FAILED, True),
        (S.SENT, S.SENT, False),
        (S.DELIVERED, S.SENT, False),
        (S.DELIVERED, S.FAILED, False),
        (S.UNDELIVERABLE, S.DELIVERED, False),
        (S.FAILED, S.DELIVERED, False),
        (S.CANCELLED, S.SENT, False),
    ],
)
def test_a_report_moves_a_message_forward_only(current, reported, moves: bool) -> None:
    assert moves_forward(current, reported) is moves


def test_retries_back_off_then_stop() -> None:
    assert [retry_delay(n) for n in range(1, 7)] == [15, 60, 300, 1800, 10800, None]


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("(13) 99123-4567", "+5513991234567"),
        ("13 99123 4567", "+5513991234567"),
        ("013991234567", "+5513991234567"),
        ("5513991234567", "+5513991234567"),
        ("+55 (13) 99123-4567", "+5513991234567"),
        ("(11) 3123-4567", "+551131234567"),
        ("+14155550100", "+14155550100"),
        ("12345", None),
        ("+0123456789", None),
        ("99123-abcd", None),
        ("+55139912345678901", None),
        ("", None),
    ],
)
def test_numbers_as_people_type_them(typed: str, e164: str | None) -> None:
    assert to_e164(typed) == e164


def test_a_masked_number_keeps_the_country_area_and_last_digits() -> None:
    assert masked("+5513991234567") == "+5513•••••4567"
