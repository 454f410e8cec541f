"""Which products the active literature covers, and those asked about that none covers."""

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fulfilment.models import Inquiry, Product, UncoveredProduct
from inventory.lookup import product_codes
from inventory.models import LiteratureItem, LiteratureProduct, Substitute


def active_items(session: Session) -> list[LiteratureItem]:
    """Every active item that can go in a packet, oldest first."""
    return list(
        session.scalars(
            select(LiteratureItem)
            .where(LiteratureItem.status == "active", LiteratureItem.kind != "supply")
            .order_by(LiteratureItem.id)
        )
    )


def products_by_item(session: Session, active: set[int]) -> dict[int, list[str]]:
    """The product codes each item lists, with retired items' products handed to successors."""
    links = session.execute(
        select(LiteratureProduct.item_id, LiteratureProduct.product_id).order_by(
            LiteratureProduct.item_id, LiteratureProduct.position
        )
    ).all()
    codes = product_codes(session, {product_id for _, product_id in links})
    covered: dict[int, list[str]] = {}
    for item_id, product_id in links:
        covered.setdefault(item_id, []).append(codes[product_id])
    _hand_over_retired(session, covered, active=active)
    return covered


def _hand_over_retired(
    session: Session, covered: dict[int, list[str]], *, active: set[int]
) -> None:
    """A retired item's products go to its best active substitute, so requests still find it."""
    pairs = session.execute(
        select(Substitute.item_id, Substitute.substitute_id)
        .join(LiteratureItem, LiteratureItem.id == Substitute.item_id)
        .where(LiteratureItem.status == "retired")
        .order_by(Substitute.item_id, Substitute.rank)
    ).all()
    handed: set[int] = set()
    for retired, substitute in pairs:
        if retired in handed or substitute not in active:
            continue
        handed.add(retired)
        products = covered.setdefault(substitute, [])
        products += [code for code in covered.get(retired, []) if code not in products]


def literature_gaps(session: Session) -> list[dict[str, Any]]:
    """Products batches found no literature for and that none covers yet, most asked first.

    Each with the number of inquiries that went without it (or were held for it) and when
    the oldest of them came in.
    """
    active = {item.id for item in active_items(session)}
    covered = {
        code
        for item_id, codes in products_by_item(session, active).items()
        if item_id in active
        for code in codes
    }
    rows = session.execute(
        select(
            Product.code,
            Product.name,
            func.count(func.distinct(UncoveredProduct.inquiry_id)),
            func.min(Inquiry.received_at),
        )
        .select_from(UncoveredProduct)
        .join(Product, Product.id == UncoveredProduct.product_id)
        .join(Inquiry, Inquiry.id == UncoveredProduct.inquiry_id)
        .group_by(Product.code, Product.name)
    ).all()
    gaps = [
        {"code": code, "name": name, "inquiries": count, "oldest": _day(oldest)}
        for code, name, count, oldest in rows
        if code not in covered
    ]
    return sorted(gaps, key=lambda gap: (-gap["inquiries"], gap["oldest"], gap["code"]))


def _day(at: datetime) -> str:
    return at.date().isoformat()
