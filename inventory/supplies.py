"""Supplies a batch uses (envelopes, label sheets): booked out, warned about, never a hold-up."""

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from fulfilment.errors import BadInput
from inventory import ledger
from inventory.locks import lock_stock
from inventory.lookup import items_by_code, normal_code
from inventory.models import LiteratureItem, Stock


@dataclass(frozen=True)
class SupplyUse:
    """A batch's use of one supply: the batch's key (e.g. its date), the supply code, how many."""

    key: str
    code: str
    qty: int


@dataclass(frozen=True)
class SupplyOutcome:
    """What was booked out for a use, what could not be, and whether to warn about it."""

    code: str
    asked: int
    used: int
    available: int
    status: str
    warning: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def use_supplies(
    session: Session, uses: Sequence[SupplyUse], *, now: datetime
) -> list[SupplyOutcome]:
    """Book supplies out inside the caller's transaction; the same key again changes nothing.

    The caller commits. A supply nobody counted is skipped with a warning: its books say 0,
    not the truth. A supply that runs out is booked down to 0 and warned about; the packets
    go out all the same.
    """
    items = items_by_code(session, [u.code for u in uses])
    problems = [p for p in (_problem(u, items) for u in uses) if p]
    if problems:
        raise BadInput("; ".join(problems) + "; no supplies were booked out")
    stocks = lock_stock(session, [item.id for item in items.values()])
    outcomes = []
    for use in uses:
        item = items[normal_code(use.code)]
        rows = stocks[item.id]
        ids = [row.id for row in rows]
        if not ledger.ever_moved(session, ids):
            outcomes.append(_outcome(item.code, use.qty, 0, rows, "uncounted", item.reorder_point))
            continue
        if ledger.has_entry(session, ids, kind=ledger.USE, ref=use.key):
            outcomes.append(_outcome(item.code, use.qty, 0, rows, "already", item.reorder_point))
            continue
        needed = use.qty
        for row in rows:
            n = min(needed, ledger.available(row))
            if n:
                ledger.post(session, row, -n, kind=ledger.USE, at=now, ref=use.key)
                needed -= n
        status = "short" if needed else "used"
        outcomes.append(
            _outcome(item.code, use.qty, use.qty - needed, rows, status, item.reorder_point)
        )
    return outcomes


def _problem(use: SupplyUse, items: dict[str, LiteratureItem]) -> str | None:
    item = items.get(normal_code(use.code))
    if item is None:
        return f"{use.code}: no such supply"
    if item.kind != "supply":
        return f"{use.code} is literature, not a supply; allocate it instead"
    if use.qty <= 0:
        return f"{use.code}: quantity must be positive, not {use.qty}"
    return None


def _outcome(
    code: str, asked: int, used: int, rows: list[Stock], status: str, reorder_point: int
) -> SupplyOutcome:
    available = sum(ledger.available(row) for row in rows)
    warning = {
        "uncounted": f"{code} was never counted, so none was booked out; count it",
        "short": f"{code} ran out: {asked - used} more used than the books hold; count it",
    }.get(status)
    if warning is None and available <= reorder_point:
        warning = f"{code} is low: {available} left, reorder point {reorder_point}"
    return SupplyOutcome(
        code=code, asked=asked, used=used, available=available, status=status, warning=warning
    )
