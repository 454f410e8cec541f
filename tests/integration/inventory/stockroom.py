"""Helpers that set up items and stock the way staff would, for the inventory tests."""

from datetime import datetime
from pathlib import Path

from fulfilment.db import unit_of_work
from inventory.items import ItemDraft, add_item
from inventory.movements import receive
from inventory.reorder import StockLine, stock_levels

NOW = datetime(2026, 11, 25, 10, 0)


def add(
    url: str,
    code: str,
    *,
    home: Path,
    kind: str = "brochure",
    products: tuple[str, ...] = ("PMP-100",),
    substitutes: tuple[str, ...] = (),
    reorder_point: int = 0,
    reorder_qty: int = 0,
    shelf_qty: int = 0,
    reserve_qty: int = 0,
) -> None:
    draft = ItemDraft(
        code=code,
        title=f"Title of {code}",
        kind=kind,
        products=list(products),
        substitutes=list(substitutes),
        reorder_point=reorder_point,
        reorder_qty=reorder_qty,
    )
    with unit_of_work(url) as uow:
        add_item(uow, draft, home=home, now=NOW)
    for location, qty in (("shelf", shelf_qty), ("reserve", reserve_qty)):
        if qty:
            with unit_of_work(url) as uow:
                receive(uow, code, qty, location=location, now=NOW)


def level(url: str, code: str) -> StockLine:
    with unit_of_work(url) as uow:
        lines = stock_levels(uow.session, include_retired=True, now=NOW)
    [line] = [line for line in lines if line.code == code]
    return line
