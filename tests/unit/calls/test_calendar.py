"""Business days where the rep works: weekends, public holidays, and China's make-up workdays."""

from datetime import date

import pytest

from fulfilment.calls.calendar import add_business_days, known_region


@pytest.mark.parametrize(
    ("start", "days", "country", "region", "due"),
    [
        # Thanksgiving, Thursday 26 November 2026; California also keeps the day after.
        (date(2026, 11, 25), 1, "US", "", date(2026, 11, 27)),
        (date(2026, 11, 25), 1, "US", "CA", date(2026, 11, 30)),
        (date(2026, 11, 25), 2, "US", "", date(2026, 11, 30)),
        # Christmas Friday 25 December 2026, Boxing Day kept on Monday 28th in England.
        (date(2026, 12, 24), 1, "GB", "", date(2026, 12, 29)),
        # Scotland also stops on 2 January (4 January 2027 in lieu).
        (date(2026, 12, 31), 1, "GB", "SCT", date(2027, 1, 5)),
        (date(2026, 12, 31), 1, "GB", "ENG", date(2027, 1, 4)),
        # China's National Day week, and Saturday 10 October 2026 worked in its place.
        (date(2026, 9, 30), 1, "CN", "", date(2026, 10, 8)),
        (date(2026, 10, 9), 1, "CN", "", date(2026, 10, 10)),
        # A plain week, and a weekend skipped.
        (date(2026, 12, 3), 1, "US", "", date(2026, 12, 4)),
        (date(2026, 12, 4), 1, "US", "", date(2026, 12, 7)),
    ],
)
def test_business_days_across_holidays(
    start: date, days: int, country: str, region: str, due: date
) -> None:
    assert add_business_days(start, days, country=country, region=region) == due


def test_zero_days_is_the_next_working_day_on_or_after() -> None:
    assert add_business_days(date(2026, 12, 7), 0, country="US") == date(2026, 12, 7)
    assert add_business_days(date(2026, 12, 25), 0, country="US") == date(2026, 12, 28)


def test_a_country_without_a_holiday_calendar_skips_weekends_only() -> None:
    # Ascension Island: an address format, but no calendar in the holidays package.
    assert add_business_days(date(2026, 12, 24), 1, country="AC") == date(2026, 12, 25)
    assert add_business_days(date(2026, 12, 25), 1, country="AC") == date(2026, 12, 28)


def test_an_unknown_region_falls_back_to_the_country() -> None:
    assert not known_region("US", "ZZ")
    assert known_region("us", "ca")
    assert add_business_days(date(2026, 11, 25), 1, country="US", region="ZZ") == date(
        2026, 11, 27
    )
