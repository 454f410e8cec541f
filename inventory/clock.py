"""The time stock movements are stamped with, when the caller does not give one."""

from datetime import datetime

from fulfilment.clock import local_now
from fulfilment.settings import Settings


def stamp(now: datetime | None) -> datetime:
    """The given time, else now in the center's time zone, as every stored time is."""
    return now if now is not None else local_now(Settings().profile.timezone)
