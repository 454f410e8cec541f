"""Coded fields: the date formats staff send, product lists, timeframes and urgencies."""

from datetime import datetime

import pytest

from fulfilment.intake.values import (
    TIMEFRAMES,
    URGENCIES,
    choose,
    parse_received_at,
    split_products,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", datetime(2026, 11, 20)),
        ("2026-11-20T09:30:00", datetime(2026, 11, 20, 9, 30)),
        ("2026-11-20 09:30", datetime(2026, 11, 20, 9, 30)),
        ("2026/11/20", datetime(2026, 11, 20)),
        ("20.11.2026", datetime(2026, 11, 20)),
        ("5.1.2026", datetime(2026, 1, 5)),
    ],
)
def test_received_at_formats(text: str, expected: datetime) -> None:
    assert parse_received_at(text, "UTC") == expected


def test_zoned_times_move_to_the_centers_zone() -> None:
    assert parse_received_at("2026-11-20T09:00:00+00:00", "Asia/Shanghai") == datetime(
        2026, 11, 20, 17, 0
    )


@pytest.mark.parametrize(
    "text", ["yesterday", "20/11/2026", "2026-13-01", "31.02.2026", "11-20-2026"]
)
def test_other_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_received_at(text, "UTC")


def test_products_split_on_any_separator_keep_order_and_drop_repeats() -> None:
    assert split_products(" pmp-250 ; VLV-20|sns-p1, PMP-250 ,") == ["PMP-250", "VLV-20", "SNS-P1"]


@pytest.mark.parametrize(
    ("text", "code"),
    [("Now", "immediate"), ("immediately", "immediate"), ("3 Months", "3m"), ("6m", "6m"),
     ("1 year", "1y"), ("", "unknown")],
)  # fmt: skip
def test_timeframe_synonyms(text: str, code: str) -> None:
    assert choose(text, TIMEFRAMES) == code


def test_urgency_accepts_info_only_in_any_case() -> None:
    assert choose("INFO ONLY", URGENCIES) == "info"
    assert choose("", URGENCIES) == "normal"


def test_unknown_value_names_the_accepted_ones() -> None:
    with pytest.raises(ValueError, match="normal, rush"):
        choose("asap", URGENCIES)
