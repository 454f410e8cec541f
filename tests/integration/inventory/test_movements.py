"""Receipts, transfers, adjustments and counts: every change is a ledger entry, refusals are not."""

from pathlib import Path

import pytest
from sqlalchemy import select

from fulfilment.db import unit_of_work
from fulfilment.errors import BadInput, NotFound
from inventory.allocation import Request, allocate
from inventory.models import LedgerEntry, Stock
from inventory.movements import adjust, count, receive, transfer
from tests.integration.inventory.stockroom import NOW, add, level


def _entries(url: str) -> list[tuple[str, str, int, str]]:
    with unit_of_work(url) as uow:
        rows = uow.session.execute(
            select(Stock.location, LedgerEntry.kind, LedgerEntry.delta, LedgerEntry.note)
            .join(Stock, Stock.id == LedgerEntry.stock_id)
            .order_by(LedgerEntry.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_movements_write_the_ledger(url: str, home: Path) -> None:
    add(url, "BR-A", home=home)

    assert receive(url, "br-a", 50, note="printer 4711", now=NOW).in_reserve == 50
    moved = transfer(url, "BR-A", 20, now=NOW)
    assert (moved.on_shelf, moved.in_reserve, moved.on_hand) == (20, 30, 50)
    assert adjust(url, "BR-A", -2, reason="water damage", now=NOW).on_shelf == 18
    counted = count(url, "BR-A", 17, now=NOW)
    assert (counted.change, counted.on_shelf) == (-1, 17)
    assert count(url, "BR-A", 17, now=NOW).change == 0

    assert _entries(url) == [
        ("reserve", "receipt", 50, "printer 4711"),
        ("reserve", "transfer", -20, "reserve -> shelf"),
        ("shelf", "transfer", 20, "reserve -> shelf"),
        ("shelf", "adjustment", -2, "water damage"),
        ("shelf", "count", -1, "counted 17, books said 18"),
        ("shelf", "count", 0, "counted 17, books said 17"),
    ]


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (lambda url: receive(url, "BR-A", 0, now=NOW), "must be a positive whole number"),
        (lambda url: receive(url, "BR-A", -4, now=NOW), "not -4"),
        (lambda url: receive(url, "BR-A", 4, location="attic", now=NOW), "'attic'"),
        (lambda url: transfer(url, "BR-A", 6, now=NOW), "has 5 unheld copies, not 6"),
        (lambda url: adjust(url, "BR-A", -1, reason=" ", now=NOW), "needs a reason"),
        (lambda url: adjust(url, "BR-A", 0, reason="x", now=NOW), "changes nothing"),
        (lambda url: adjust(url, "BR-A", -3, reason="x", now=NOW), "cannot go down by 3"),
        (lambda url: count(url, "BR-A", 1, now=NOW), "held for packets"),
        (lambda url: count(url, "BR-A", -1, now=NOW), "cannot be negative"),
    ],
)
def test_refused_movements_change_nothing(url: str, home: Path, step, message: str) -> None:  # type: ignore[no-untyped-def]
    add(url, "BR-A", home=home, shelf_qty=2, reserve_qty=5)
    allocate(url, [Request("P-1", "BR-A", 2)], now=NOW)
    before = (_entries(url), level(url, "BR-A"))

    with pytest.raises(BadInput, match=message):
        step(url)

    assert (_entries(url), level(url, "BR-A")) == before


def test_an_unknown_code_is_not_found(url: str) -> None:
    with pytest.raises(NotFound, match="no literature item 'NOPE'"):
        receive(url, "nope", 3, now=NOW)
