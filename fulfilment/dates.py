"""Days as people type them: 2026-12-10, today, tomorrow, Dec 10, 10 December 2026."""

import re
from datetime import date, timedelta

from fulfilment.batch.publications import MONTHS
from fulfilment.errors import BadInput

_ISO_SLASHED = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_MONTH_FIRST = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([^\W\d_]+)\.?(?:,?\s+(\d{4}))?$")


def parse_day(text: str, *, today: date, option: str) -> date:
    """A day as typed for `option`; without a year, the such day nearest today."""
    typed = " ".join(text.strip().lower().split())
    relative = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if typed in relative:
        return today + timedelta(days=relative[typed])
    try:
        return date.fromisoformat(typed)
    except ValueError:
        pass
    if found := _ISO_SLASHED.match(typed):
        return _day(option, text, int(found[1]), int(found[2]), int(found[3]))
    named = _MONTH_FIRST.match(typed) or _DAY_FIRST.match(typed)
    if named:
        month_word, day_text = (
            (named[1], named[2]) if named.re is _MONTH_FIRST else (named[2], named[1])
        )
        month = MONTHS.get(month_word)
        if month is not None:
            if named[3]:
                return _day(option, text, int(named[3]), month, int(day_text))
            return _nearest(option, text, today, month, int(day_text))
    raise BadInput(
        f"{option} {text!r} is not a day; write it as 2026-12-10, Dec 10, 10 December 2026 or today"
    )


def _day(option: str, text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise BadInput(f"{option} {text!r} is not a day of the calendar") from None


def _nearest(option: str, text: str, today: date, month: int, day: int) -> date:
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise BadInput(f"{option} {text!r} is not a day of the calendar")
    return min(candidates, key=lambda candidate: abs((candidate - today).days))
