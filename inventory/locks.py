"""Every stock row lock is taken here, always in primary-key order, so batches cannot deadlock."""

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from inventory.models import Stock


def lock_stock(session: Session, item_ids: Collection[int]) -> dict[int, list[Stock]]:
    """Lock the stock rows of these items; returns them per item, shelf before reserve.

    Must run before the session reads anything it will decide on: on SQLite it starts the
    write transaction (BEGIN IMMEDIATE), on PostgreSQL it takes row locks (FOR UPDATE). A
    transaction takes all its locks in one call; a second call could lock out of order.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        _begin_immediate(session)
        query = select(Stock)
    else:
        query = select(Stock).with_for_update()
    rows = session.scalars(
        query.where(Stock.item_id.in_(sorted(set(item_ids))))
        .order_by(Stock.id)
        .execution_options(populate_existing=True)
    ).all()
    by_item: dict[int, list[Stock]] = {}
    for row in sorted(rows, key=lambda r: (r.item_id, r.location != "shelf")):
        by_item.setdefault(row.item_id, []).append(row)
    return by_item


def _begin_immediate(session: Session) -> None:
    """Take SQLite's write lock now rather than at the first write.

    The driver opens a transaction lazily before the first write, so a batch that read first
    would decide on data another writer could change before it writes. A transaction the driver
    already opened has written, and so already holds the write lock.
    """
    raw = session.connection().connection.driver_connection
    if raw is not None and not raw.in_transaction:
        raw.execute("BEGIN IMMEDIATE")
