"""Reference rows (products, reps) matched to what is stored by their code, else added."""

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

Row = TypeVar("Row")


def stored_or_added(
    session: Session, stored: dict[str, Row], code: str, make: Callable[..., Row]
) -> tuple[Row, bool]:
    """The stored row with `code`, else `make(code=code)` added to the session; whether new."""
    found = stored.get(code)
    if found is not None:
        return found, False
    added = stored[code] = make(code=code)
    session.add(added)
    return added, True
