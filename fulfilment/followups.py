"""When a rep should call: once the packet has had time to arrive, sooner for rush inquiries."""

from collections.abc import Sequence
from datetime import date, timedelta

RUSH_DAYS = 2
DOMESTIC_DAYS = 3
INTERNATIONAL_DAYS = 7


def add_business_days(start: date, days: int) -> date:
    """The date `days` working days (Monday to Friday) after start."""
    current = start
    while days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def call_due(mailed_on: date, *, rush: bool, domestic: bool) -> date:
    """The day the follow-up call is due for a packet mailed on `mailed_on`."""
    if rush:
        return add_business_days(mailed_on, RUSH_DAYS)
    return add_business_days(mailed_on, DOMESTIC_DAYS if domestic else INTERNATIONAL_DAYS)


def most_urgent(urgencies: Sequence[str]) -> int:
    """Which of a packet's inquiries (in the order received) its call follows: the first rush
    one, else the first."""
    return next((n for n, urgency in enumerate(urgencies) if urgency == "rush"), 0)
