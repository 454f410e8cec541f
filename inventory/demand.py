"""How fast items go: picks and uses from the ledger, and inquiries for the products they cover."""

from datetime import datetime, timedelta

from sqlalchemy import column, func, select, table
from sqlalchemy.orm import Session

from inventory import ledger
from inventory.models import LedgerEntry, LiteratureProduct, Stock

WINDOW_DAYS = 30
# Below this many copies picked in the window the pick rate says little; the inquiry rate
# for the item's products, one copy per inquiry, speaks for it.
FEW_PICKS = 10

# The foundation's intake tables, read by name: inventory does not import its models.
inquiries = table("inquiries", column("id"), column("received_at"))
inquiry_products = table("inquiry_products", column("inquiry_id"), column("product_id"))


def daily_demand(session: Session, now: datetime) -> dict[int, float]:
    """Copies a day per item id over the last 30 days; items with no demand are absent."""
    since = now - timedelta(days=WINDOW_DAYS)
    picked = _picked(session, since)
    asked = _asked(session, since)
    rates = {}
    for item_id in picked.keys() | asked.keys():
        copies = picked.get(item_id, 0)
        if copies < FEW_PICKS:
            copies = max(copies, asked.get(item_id, 0))
        if copies:
            rates[item_id] = copies / WINDOW_DAYS
    return rates


def _picked(session: Session, since: datetime) -> dict[int, int]:
    rows = session.execute(
        select(Stock.item_id, -func.sum(LedgerEntry.delta))
        .join(Stock, Stock.id == LedgerEntry.stock_id)
        .where(LedgerEntry.kind.in_((ledger.PICK, ledger.USE)), LedgerEntry.at >= since)
        .group_by(Stock.item_id)
    )
    return {item_id: int(total) for item_id, total in rows}


def _asked(session: Session, since: datetime) -> dict[int, int]:
    rows = session.execute(
        select(LiteratureProduct.item_id, func.count(func.distinct(inquiries.c.id)))
        .join(inquiry_products, inquiry_products.c.product_id == LiteratureProduct.product_id)
        .join(inquiries, inquiries.c.id == inquiry_products.c.inquiry_id)
        .where(inquiries.c.received_at >= since)
        .group_by(LiteratureProduct.item_id)
    )
    return {item_id: int(total) for item_id, total in rows}
