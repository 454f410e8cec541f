"""What every report shares: its period, percentiles, rounding, and week and month labels."""

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_
from sqlalchemy.orm import InstrumentedAttribute

from fulfilment.states import CallOutcome

# A call that got nobody on the line: the inquirer is not reached yet.
NOT_REACHED = (CallOutcome.NO_ANSWER.value, CallOutcome.LEFT_MESSAGE.value)
NONE_LABEL = "(none)"


def received_in(column: InstrumentedAttribute[Any], start: date, end: date) -> ColumnElement[bool]:
    """The rows whose time falls on a day from start to end, both included."""
    return and_(column >= day_start(start), column < day_start(end + timedelta(days=1)))


def day_start(day: date) -> datetime:
    return datetime.combine(day, time())


def period_label(start: date, end: date) -> str:
    return f"{start.isoformat()} to {end.isoformat()}"


def quantile(values: Sequence[float], share: float) -> float | None:
    """The value below which `share` of the values lie, interpolated between neighbours."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def days_between(earlier: datetime, later: datetime) -> float:
    """Calendar days, with the fraction the times of day give."""
    return (later - earlier).total_seconds() / 86400


def rounded(value: float | Decimal | None, places: int = 2) -> float | None:
    return None if value is None else round(float(value), places)


def ratio(part: float | Decimal, whole: float | Decimal) -> float | None:
    """part / whole rounded to hundredths; None where there is nothing to divide by."""
    return None if not whole else round(float(part) / float(whole), 2)


def iso_week(at: datetime) -> str:
    year, week, _ = at.isocalendar()
    return f"{year}-W{week:02d}"


def month_of(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def label(text: str | None) -> str:
    return text or NONE_LABEL
