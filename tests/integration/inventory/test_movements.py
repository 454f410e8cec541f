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

    with unit_of_work(url) as uow:
        assert receive(uow, "br-a", 50, note="printer 4711", now=NOW).in_reserve == 50
    with unit_of_work(url) as uow:
        moved = transfer(uow, "BR-A", 20, now=NOW)
    assert (moved.on_shelf, moved.in_reserve, moved.on_hand) == (20, 30, 50)
    with unit_of_work(url) as uow:
        assert adjust(uow, "BR-A", -2, reason="water damage", now=NOW).on_shelf == 18
    with unit_of_work(url) as uow:
        counted = count(uow, "BR-A", 17, now=NOW)
    assert (counted.change, counted.on_shelf) == (-1, 17)
    with unit_of_work(url) as uow:
        assert count(uow, "BR-A", 17, now=NOW).change == 0

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
        (lambda uow: receive(uow, "BR-A", 0, now=NOW), "must be a positive whole number"),
        (lambda uow: receive(uow, "BR-A", -4, now=NOW), "not -4"),
        (lambda uow: receive(uow, "BR-A", 4, location="attic", now=NOW), "'attic'"),
        (lambda uow: transfer(uow, "BR-A", 6, now=NOW), "has 5 unheld copies, not 6"),
        (lambda uow: adjust(uow, "BR-A", -1, reason=" ", now=NOW), "needs a reason"),
        (lambda uow: adjust(uow, "BR-A", 0, reason="x", now=NOW), "changes nothing"),
        (lambda uow: adjust(uow, "BR-A", -3, reason="x", now=NOW), "cannot go down by 3"),
        (lambda uow: count(uow, "BR-A", 1, now=NOW), "held for packets"),
        (lambda uow: count(uow, "BR-A", -1, now=NOW), "cannot be negative"),
    ],
)
def test_refused_movements_change_nothing(url: str, home: Path, step, message: str) -> None:  # type: ignore[no-untyped-def]
    add(url, "BR-A", home=home, shelf_qty=2, reserve_qty=5)
    with unit_of_work(url) as uow:
        allocate(uow.session, [Request("P-1", "BR-A", 2)], now=NOW)
        uow.commit()
    before = (_entries(url), level(url, "BR-A"))

    with unit_of_work(url) as uow, pytest.raises(BadInput, match=message):
        step(uow)

    assert (_entries(url), level(url, "BR-A")) == before


def test_an_unknown_code_is_not_found(url: str) -> None:
    with unit_of_work(url) as uow, pytest.raises(NotFound, match="no literature item 'NOPE'"):
        receive(uow, "nope", 3, now=NOW)
