"""Days typed the way people type them, refused in one line when they are not days."""

from datetime import date

import pytest

from fulfilment.dates import parse_day
from fulfilment.errors import BadInput

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-12-10", date(2026, 12, 10)),
        ("2026/12/1", date(2026, 12, 1)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 12, 5)),
        ("Dec 10", date(2026, 12, 10)),
        ("dec. 10", date(2026, 12, 10)),
        ("10 December 2026", date(2026, 12, 10)),
        ("December 10, 2026", date(2026, 12, 10)),
        ("5th Jan", date(2027, 1, 5)),
        ("Nov 30", date(2026, 11, 30)),
        ("Sept 3", date(2026, 9, 3)),
    ],
)
def test_days_as_typed(typed: str, day: date) -> None:
    assert parse_day(typed, today=TODAY, option="--next") == day


@pytest.mark.parametrize("typed", ["next week", "Smarch 3", "2026-02-30", "Feb 30", "31/12"])
def test_what_is_not_a_day_is_one_line_naming_the_option(typed: str) -> None:
    with pytest.raises(BadInput, match="^--next ") as refused:
        parse_day(typed, today=TODAY, option="--next")
    assert "\n" not in str(refused.value)
