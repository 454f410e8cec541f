"""Business days where a rep works: weekends and public holidays of the `holidays` package."""

from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=256)
def _calendar(country: str, region: str) -> holidays.HolidayBase:
    try:
        return holidays.country_holidays(country, subdiv=region or None)
    except NotImplementedError:
        if region:
            # A region the package does not know: the country's own holidays still count.
            return _calendar(country, "")
        # A country the package has no calendar for: Saturday and Sunday only.
        return holidays.HolidayBase()


def add_business_days(start: date, days: int, *, country: str, region: str = "") -> date:
    """The date `days` business days after start, in that country and region; 0 is the next
    business day on or after start."""
    calendar = _calendar(country.upper(), region.upper())
    if days == 0:
        return start if calendar.is_working_day(start) else calendar.get_nth_working_day(start, 1)
    return calendar.get_nth_working_day(start, days)


def known_region(country: str, region: str) -> bool:
    """Whether the holiday calendar of the country has this subdivision."""
    try:
        holidays.country_holidays(country.upper(), subdiv=region.upper())
    except NotImplementedError:
        return False
    return True
