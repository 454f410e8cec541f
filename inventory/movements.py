"""Stock movements staff record: receipts, transfers from reserve, adjustments, cycle counts."""

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput
from inventory import ledger
from inventory.kinds import LOCATIONS
from inventory.locks import lock_stock
from inventory.lookup import normal_code, require_item
from inventory.models import Stock


@dataclass(frozen=True)
class Movement:
    """An item's stock after a movement, per location and in total."""

    code: str
    change: int
    on_shelf: int
    in_reserve: int
    on_hand: int
    reserved: int
    available: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def receive(
    uow: UnitOfWork,
    code: str,
    qty: int,
    *,
    location: str = "reserve",
    note: str = "",
    now: datetime,
) -> Movement:
    """Book printed copies or supplies in; printers deliver cartons to the reserve by default."""
    _positive(qty, "quantity received")
    _location(location)
    rows = _locked(uow.session, code)
    ledger.post(uow.session, rows[location], qty, kind=ledger.RECEIPT, at=now, note=note)
    uow.commit()
    return _movement(code, qty, rows)


def transfer(uow: UnitOfWork, code: str, qty: int, *, now: datetime) -> Movement:
    """Move copies from the reserve cartons to the shelf; held copies stay where they are."""
    _positive(qty, "quantity to transfer")
    rows = _locked(uow.session, code)
    free = ledger.available(rows["reserve"])
    if qty > free:
        raise BadInput(
            f"the reserve of {normal_code(code)} has {free} unheld "
            f"copies, not {qty}; count it if the figure is wrong"
        )
    note = "reserve -> shelf"
    ledger.post(uow.session, rows["reserve"], -qty, kind=ledger.TRANSFER, at=now, note=note)
    ledger.post(uow.session, rows["shelf"], qty, kind=ledger.TRANSFER, at=now, note=note)
    uow.commit()
    return _movement(code, qty, rows)


def adjust(
    uow: UnitOfWork,
    code: str,
    delta: int,
    *,
    reason: str,
    location: str = "shelf",
    now: datetime,
) -> Movement:
    """Correct stock by a signed amount (damaged, found, given away); the reason is kept."""
    if delta == 0:
        raise BadInput("an adjustment of 0 changes nothing; give a positive or negative amount")
    if not reason.strip():
        raise BadInput("an adjustment needs a reason (--reason), e.g. 'water damage'")
    _location(location)
    rows = _locked(uow.session, code)
    stock = rows[location]
    if stock.on_hand + delta < stock.reserved:
        raise BadInput(
            f"{normal_code(code)} has {stock.on_hand} on the {location}, {stock.reserved} of them "
            f"held for packets; it cannot go down by {-delta}"
        )
    ledger.post(uow.session, stock, delta, kind=ledger.ADJUSTMENT, at=now, note=reason.strip())
    uow.commit()
    return _movement(code, delta, rows)


def count(
    uow: UnitOfWork, code: str, qty: int, *, location: str = "shelf", now: datetime
) -> Movement:
    """Record a cycle count: the difference from the books goes in the ledger as an entry."""
    if qty < 0:
        raise BadInput(f"a count cannot be negative, not {qty}")
    _location(location)
    rows = _locked(uow.session, code)
    stock = rows[location]
    if qty < stock.reserved:
        raise BadInput(
            f"{stock.reserved} copies of {normal_code(code)} on the {location} are held for "
            f"packets, more than the {qty} counted; release or pick those packets first"
        )
    delta = qty - stock.on_hand
    note = f"counted {qty}, books said {stock.on_hand}"
    ledger.post(uow.session, stock, delta, kind=ledger.COUNT, at=now, note=note)
    uow.commit()
    return _movement(code, delta, rows)


def _locked(session: Session, code: str) -> dict[str, Stock]:
    item = require_item(session, code)
    return {row.location: row for row in lock_stock(session, [item.id])[item.id]}


def _movement(code: str, change: int, rows: dict[str, Stock]) -> Movement:
    shelf, reserve = rows["shelf"], rows["reserve"]
    on_hand, reserved = shelf.on_hand + reserve.on_hand, shelf.reserved + reserve.reserved
    return Movement(
        code=normal_code(code),
        change=change,
        on_shelf=shelf.on_hand,
        in_reserve=reserve.on_hand,
        on_hand=on_hand,
        reserved=reserved,
        available=on_hand - reserved,
    )


def _positive(qty: int, what: str) -> None:
    if qty <= 0:
        raise BadInput(f"{what} must be a positive whole number, not {qty}")


def _location(location: str) -> None:
    if location not in LOCATIONS:
        raise BadInput(f"location {location!r} is not one of: {', '.join(LOCATIONS)}")
