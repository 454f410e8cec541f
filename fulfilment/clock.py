"""The literature center's wall clock: naive local times in the profile's time zone."""

from datetime import datetime
from zoneinfo import ZoneInfo


def local_now(timezone: str) -> datetime:
    """Now, in the center's zone, without tzinfo, as every stored time is."""
    return datetime.now(ZoneInfo(timezone)).replace(tzinfo=None)
