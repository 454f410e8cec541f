"""Stock arithmetic, the only code that changes stock counters: in SQL, on locked rows."""

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import Table, exists, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from inventory.models import LedgerEntry, Stock

RECEIPT = "receipt"
PICK = "pick"
TRANSFER = "transfer"
ADJUSTMENT = "adjustment"
COUNT = "count"
USE = "use"
# Core statements take a Table; the ORM types a mapped class's __table__ as a FromClause.
_LEDGER_ENTRY_TABLE = cast(Table, LedgerEntry.__table__)


def post(
    session: Session,
    stock: Stock,
    delta: int,
    *,
    kind: str,
    at: datetime,
    note: str = "",
    ref: str | None = None,
) -> None:
    """Write a ledger entry and move on hand by the same amount, in one statement pair."""
    session.add(LedgerEntry(stock_id=stock.id, delta=delta, kind=kind, note=note, ref=ref, at=at))
    _change(session, stock, on_hand=delta)


def reserve(session: Session, stock: Stock, qty: int) -> None:
    """Hold units for a packet; on hand does not move until they are picked."""
    _change(session, stock, reserved=qty)


def unreserve(session: Session, stock: Stock, qty: int) -> None:
    """Give held units back to the available stock."""
    _change(session, stock, reserved=-qty)


def pick(session: Session, stock: Stock, takes: Sequence[tuple[str, int]], *, at: datetime) -> None:
    """Held units leave this stock row: one ledger entry per (reference, qty), one update."""
    session.execute(
        insert(_LEDGER_ENTRY_TABLE),
        [
            {"stock_id": stock.id, "delta": -qty, "kind": PICK, "note": "", "ref": ref, "at": at}
            for ref, qty in takes
        ],
    )
    total = sum(qty for _, qty in takes)
    _change(session, stock, on_hand=-total, reserved=-total)


def available(stock: Stock) -> int:
    """Units on hand that nobody holds."""
    return stock.on_hand - stock.reserved


def has_entry(session: Session, stock_ids: list[int], *, kind: str, ref: str) -> bool:
    """Whether one of these stock rows already has an entry of this kind for this reference."""
    return bool(
        session.scalar(
            select(
                exists().where(
                    LedgerEntry.stock_id.in_(stock_ids),
                    LedgerEntry.kind == kind,
                    LedgerEntry.ref == ref,
                )
            )
        )
    )


def ever_moved(session: Session, stock_ids: list[int]) -> bool:
    """Whether anyone ever received, counted or otherwise recorded these stock rows."""
    return bool(session.scalar(select(exists().where(LedgerEntry.stock_id.in_(stock_ids)))))


def ledger_sums(session: Session) -> dict[int, int]:
    """The sum of the ledger per stock row: what on hand must always equal."""
    rows = session.execute(
        select(LedgerEntry.stock_id, func.sum(LedgerEntry.delta)).group_by(LedgerEntry.stock_id)
    )
    return {stock_id: int(total) for stock_id, total in rows}


def _change(session: Session, stock: Stock, *, on_hand: int = 0, reserved: int = 0) -> None:
    new_on_hand, new_reserved = session.execute(
        update(Stock)
        .where(Stock.id == stock.id)
        .values(on_hand=Stock.on_hand + on_hand, reserved=Stock.reserved + reserved)
        .returning(Stock.on_hand, Stock.reserved)
        .execution_options(synchronize_session=False)
    ).one()
    # The database's figures become the object's committed state, so no later flush
    # writes them back as plain values over someone else's change.
    set_committed_value(stock, "on_hand", new_on_hand)
    set_committed_value(stock, "reserved", new_reserved)
