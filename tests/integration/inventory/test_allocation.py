"""Allocation on SQLite and PostgreSQL: check then write, substitutes, backorders, idempotency."""

import inspect
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fulfilment.db import unit_of_work
from fulfilment.errors import BadInput
from inventory import allocation
from inventory.allocation import Request, Shortage, allocate, outcomes, pick, release
from inventory.items import retire_item
from inventory.ledger import ledger_sums
from inventory.models import Allocation, AllocationLine, LedgerEntry, Stock
from inventory.movements import receive
from tests.integration.inventory.stockroom import NOW, add, level


def _allocation_count(url: str) -> int:
    with unit_of_work(url) as uow:
        return uow.session.scalar(select(func.count()).select_from(Allocation)) or 0


def test_reserves_without_touching_on_hand(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=5)

    with unit_of_work(url) as uow:
        requests = [Request("P-1", "br-a", 2), Request("P-2", "BR-A", 2)]
        result = allocate(uow.session, requests, now=NOW)
        uow.commit()

    assert [(o.key, o.status, o.filled_code) for o in result.outcomes] == [
        ("P-1", "reserved", "BR-A"),
        ("P-2", "reserved", "BR-A"),
    ]
    line = level(url, "BR-A")
    assert (line.on_hand, line.reserved, line.available) == (5, 4, 1)


def test_shelf_goes_first_then_the_reserve(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=1, reserve_qty=5)

    with unit_of_work(url) as uow:
        allocate(uow.session, [Request("P-1", "BR-A", 3)], now=NOW)
        uow.commit()

    with unit_of_work(url) as uow:
        held = uow.session.execute(
            select(Stock.location, AllocationLine.qty)
            .join(Stock, Stock.id == AllocationLine.stock_id)
            .order_by(AllocationLine.id)
        ).all()
    assert [tuple(row) for row in held] == [("shelf", 1), ("reserve", 2)]


def test_problems_are_all_reported_and_nothing_is_written(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=5)
    add(url, "ENV-10", home=home, kind="supply", products=())

    with unit_of_work(url) as uow, pytest.raises(BadInput) as refused:
        allocate(
            uow.session,
            [
                Request("P-1", "BR-A", 1),
                Request("P-2", "NOPE", 1),
                Request("P-3", "BR-A", 0),
                Request("P-4", "ENV-10", 1),
                Request("", "BR-A", 1),
            ],
            now=NOW,
        )

    message = str(refused.value)
    for fragment in ("'NOPE'", "P-3: BR-A: quantity must be positive", "ENV-10 is a supply",
                     "has no key", "nothing was allocated"):  # fmt: skip
        assert fragment in message
    assert "\n" not in message
    assert _allocation_count(url) == 0
    assert level(url, "BR-A").reserved == 0


def test_without_backorders_one_shortfall_refuses_the_whole_batch(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=5)
    add(url, "BR-B", home=home, shelf_qty=1)
    requests = [Request("P-1", "BR-A", 2), Request("P-2", "BR-B", 1), Request("P-3", "BR-B", 1)]

    with unit_of_work(url) as uow, pytest.raises(Shortage) as short:
        allocate(uow.session, requests, allow_backorder=False, now=NOW)

    assert short.value.shortfalls == [Request("P-3", "BR-B", 1)]
    assert _allocation_count(url) == 0
    assert (level(url, "BR-A").reserved, level(url, "BR-B").reserved) == (0, 0)


def test_a_short_item_goes_out_as_its_substitute_that_has_stock(url: str, home: Path) -> None:
    add(url, "BR-NEW", home=home, shelf_qty=0)
    add(url, "BR-EMPTY", home=home, shelf_qty=1)
    add(url, "BR-OLD", home=home, shelf_qty=3)
    add(url, "BR-A", home=home, shelf_qty=1, substitutes=("BR-EMPTY", "BR-OLD"))

    with unit_of_work(url) as uow:
        requests = [Request("P-1", "BR-A", 1), Request("P-2", "BR-A", 2), Request("P-3", "BR-A", 1)]
        result = allocate(uow.session, requests, now=NOW)
        uow.commit()

    assert [(o.key, o.status, o.filled_code, o.substituted) for o in result.outcomes] == [
        ("P-1", "reserved", "BR-A", False),
        ("P-2", "reserved", "BR-OLD", True),
        ("P-3", "reserved", "BR-EMPTY", True),
    ]
    assert [o.key for o in result.substituted] == ["P-2", "P-3"]
    assert level(url, "BR-OLD").reserved == 2
    assert level(url, "BR-A").reserved == 1


def test_backorders_are_filled_first_in_order_when_stock_arrives(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=1)

    with unit_of_work(url) as uow:
        first = allocate(
            uow.session, [Request("P-1", "BR-A", 1), Request("P-2", "BR-A", 1)], now=NOW
        )
        uow.commit()
    assert [o.status for o in first.outcomes] == ["reserved", "backordered"]
    assert [o.key for o in first.backordered] == ["P-2"]
    assert first.backordered[0].filled_code is None
    with unit_of_work(url) as uow:
        allocate(uow.session, [Request("P-3", "BR-A", 1)], now=NOW)
        uow.commit()

    with unit_of_work(url) as uow:
        receive(uow, "BR-A", 1, location="shelf", now=NOW)
    with unit_of_work(url) as uow:
        later = allocate(uow.session, [Request("P-4", "BR-A", 1)], now=NOW)
        uow.commit()

    assert [(o.key, o.status) for o in later.backorders_filled] == [("P-2", "reserved")]
    assert [(o.key, o.status) for o in later.outcomes] == [("P-4", "backordered")]
    with unit_of_work(url) as uow:
        standing = outcomes(uow.session, ["P-2", "P-3"])
    assert [o.status for o in standing] == ["reserved", "backordered"]


def test_a_backorder_may_be_filled_by_a_substitute_once_one_is_set(url: str, home: Path) -> None:
    add(url, "BR-OLD", home=home, shelf_qty=2)
    add(url, "BR-A", home=home)
    with unit_of_work(url) as uow:
        allocate(uow.session, [Request("P-1", "BR-A", 1)], now=NOW)
        uow.commit()

    with unit_of_work(url) as uow:
        retire_item(uow, "BR-A", now=NOW)
    with unit_of_work(url) as uow:
        from inventory.items import set_substitutes
        from inventory.lookup import require_item

        set_substitutes(uow.session, require_item(uow.session, "BR-A"), ["BR-OLD"])
        uow.commit()
    with unit_of_work(url) as uow:
        filled = allocate(uow.session, [], now=NOW).backorders_filled
        uow.commit()

    assert [(o.key, o.code, o.filled_code) for o in filled] == [("P-1", "BR-A", "BR-OLD")]


def test_allocating_the_same_request_again_changes_nothing(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=3)
    requests = [Request("P-1", "BR-A", 2), Request("P-2", "BR-A", 2)]
    with unit_of_work(url) as uow:
        first = allocate(uow.session, requests, now=NOW)
        uow.commit()

    with unit_of_work(url) as uow:
        again = allocate(uow.session, [*requests, Request("P-1", "BR-A", 2)], now=NOW)
        uow.commit()

    assert again.outcomes == first.outcomes
    assert _allocation_count(url) == 2
    assert level(url, "BR-A").reserved == 2
    with (
        unit_of_work(url) as uow,
        pytest.raises(BadInput, match="P-1: BR-A was allocated 2, not 1"),
    ):
        allocate(uow.session, [Request("P-1", "BR-A", 1)], now=NOW)
    with unit_of_work(url) as uow, pytest.raises(BadInput, match="asked for twice"):
        allocate(uow.session, [Request("P-9", "BR-A", 1), Request("P-9", "BR-A", 2)], now=NOW)


def test_pick_takes_held_copies_off_the_shelf_once(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=4)
    with unit_of_work(url) as uow:
        allocate(uow.session, [Request("P-1", "BR-A", 2), Request("P-2", "BR-A", 1)], now=NOW)
        uow.commit()

    with unit_of_work(url) as uow:
        picked = pick(uow.session, ["P-1"], now=NOW)
        uow.commit()
    assert [(o.key, o.status) for o in picked] == [("P-1", "picked")]
    with unit_of_work(url) as uow:
        assert pick(uow.session, ["P-1"], now=NOW) == picked
        uow.commit()

    line = level(url, "BR-A")
    assert (line.on_hand, line.reserved, line.available) == (2, 1, 1)
    with unit_of_work(url) as uow:
        entries = uow.session.execute(
            select(LedgerEntry.kind, LedgerEntry.delta, LedgerEntry.ref).where(
                LedgerEntry.kind == "pick"
            )
        ).all()
    assert [tuple(e) for e in entries] == [("pick", -2, "P-1")]


def test_release_returns_held_copies_and_cancels_backorders(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=1)
    with unit_of_work(url) as uow:
        allocate(uow.session, [Request("P-1", "BR-A", 1), Request("P-2", "BR-A", 1)], now=NOW)
        uow.commit()
    with unit_of_work(url) as uow:
        pick(uow.session, ["P-1"], now=NOW)
        uow.commit()
    with unit_of_work(url) as uow:
        allocate(uow.session, [Request("P-3", "BR-A", 1)], now=NOW)
        uow.commit()

    with unit_of_work(url) as uow:
        released = release(uow.session, ["P-1", "P-2", "P-3"], now=NOW)
        uow.commit()

    assert [(o.key, o.status) for o in released] == [
        ("P-1", "picked"),
        ("P-2", "released"),
        ("P-3", "released"),
    ]
    with unit_of_work(url) as uow:
        receive(uow, "BR-A", 5, location="shelf", now=NOW)
    with unit_of_work(url) as uow:
        assert allocate(uow.session, [], now=NOW).backorders_filled == []
        uow.commit()
    assert level(url, "BR-A").reserved == 0

    add(url, "BR-B", home=home, shelf_qty=2)
    with unit_of_work(url) as uow:
        allocate(uow.session, [Request("P-5", "BR-B", 2)], now=NOW)
        uow.commit()
    with unit_of_work(url) as uow:
        assert [o.status for o in release(uow.session, ["P-5"], now=NOW)] == ["released"]
        uow.commit()
    assert level(url, "BR-B").available == 2
    with unit_of_work(url) as uow:
        assert release(uow.session, ["P-5"], now=NOW)[0].status == "released"
        uow.commit()


def test_a_retired_item_cannot_be_asked_for(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=1)
    with unit_of_work(url) as uow:
        retire_item(uow, "BR-A", now=NOW)

    with unit_of_work(url) as uow, pytest.raises(BadInput, match="BR-A is retired"):
        allocate(uow.session, [Request("P-1", "BR-A", 1)], now=NOW)


def test_on_hand_always_equals_the_ledger(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=4, reserve_qty=3)
    with unit_of_work(url) as uow:
        allocate(uow.session, [Request(f"P-{n}", "BR-A", 1) for n in range(6)], now=NOW)
        uow.commit()
    with unit_of_work(url) as uow:
        pick(uow.session, ["P-0", "P-1", "P-5"], now=NOW)
        uow.commit()
    with unit_of_work(url) as uow:
        release(uow.session, ["P-2"], now=NOW)
        uow.commit()

    with unit_of_work(url) as uow:
        sums = ledger_sums(uow.session)
        for stock in uow.session.scalars(select(Stock)):
            assert stock.on_hand == sums.get(stock.id, 0)
            assert 0 <= stock.reserved <= stock.on_hand


def test_the_module_exposes_what_the_batch_calls() -> None:
    for name in ("allocate", "pick", "release", "outcomes"):
        operation = getattr(allocation, name)
        assert callable(operation)
        assert next(iter(inspect.signature(operation).parameters)) == "session"
