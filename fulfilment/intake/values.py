"""Parsers for the coded inquiry fields: dates, product lists, response, timeframe, urgency."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

RESPONSES = ("mail", "call", "both", "email")
TIMEFRAMES = {
    "immediate": "immediate",
    "immediately": "immediate",
    "now": "immediate",
    "3m": "3m",
    "3 months": "3m",
    "6m": "6m",
    "6 months": "6m",
    "1y": "1y",
    "1 year": "1y",
    "unknown": "unknown",
    "": "unknown",
}
URGENCIES = {"rush": "rush", "normal": "normal", "info": "info", "info only": "info", "": "normal"}

_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_PRODUCT_SEPARATORS = re.compile(r"[;|,]")


def parse_received_at(text: str, timezone: str) -> datetime:
    """ISO date or datetime, YYYY/MM/DD or DD.MM.YYYY; zoned times move to the center's zone."""
    value = text.strip()
    if match := _SLASHED.match(value):
        year, month, day = match.groups()
        return datetime(int(year), int(month), int(day))
    if match := _DOTTED.match(value):
        day, month, year = match.groups()
        return datetime(int(year), int(month), int(day))
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)
    return parsed


def split_products(text: str) -> list[str]:
    """Product codes separated by ';', '|' or ',' in the order given, without repeats."""
    codes = (code.strip().upper() for code in _PRODUCT_SEPARATORS.split(text))
    return list(dict.fromkeys(code for code in codes if code))


def choose(text: str, table: dict[str, str]) -> str:
    """Look a coded value up case-insensitively; the error names the accepted values."""
    key = " ".join(text.strip().lower().split())
    if key not in table:
        accepted = ", ".join(sorted({name for name in table if name}))
        raise ValueError(f"{text.strip()!r} is not one of: {accepted}")
    return table[key]
