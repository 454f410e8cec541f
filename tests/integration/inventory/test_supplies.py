"""Supplies a batch uses: booked out once per key, warned about, never holding a packet back."""

from pathlib import Path

import pytest

from fulfilment.db import unit_of_work
from fulfilment.errors import BadInput
from inventory.movements import count, receive
from inventory.supplies import SupplyUse, use_supplies
from tests.integration.inventory.stockroom import NOW, add, level


def test_an_uncounted_supply_is_skipped_with_a_warning(url: str, home: Path) -> None:
    add(url, "ENV-10", home=home, kind="supply", products=())

    with unit_of_work(url) as uow:
        [outcome] = use_supplies(uow.session, [SupplyUse("2026-11-25", "ENV-10", 40)], now=NOW)
        uow.commit()

    assert (outcome.status, outcome.used) == ("uncounted", 0)
    assert outcome.warning is not None and "never counted" in outcome.warning
    assert level(url, "ENV-10").counted is False


def test_a_counted_supply_is_booked_out_once_per_key(url: str, home: Path) -> None:
    add(url, "ENV-10", home=home, kind="supply", products=(), reorder_point=100)
    with unit_of_work(url) as uow:
        count(uow, "ENV-10", 0, now=NOW)
    with unit_of_work(url) as uow:
        receive(uow, "ENV-10", 500, location="shelf", now=NOW)

    use = [SupplyUse("2026-11-25", "ENV-10", 420)]
    with unit_of_work(url) as uow:
        [used] = use_supplies(uow.session, use, now=NOW)
        uow.commit()
    with unit_of_work(url) as uow:
        [again] = use_supplies(uow.session, use, now=NOW)
        uow.commit()

    assert (used.status, used.used, used.available) == ("used", 420, 80)
    assert used.warning == "ENV-10 is low: 80 left, reorder point 100"
    assert (again.status, again.used, again.available) == ("already", 0, 80)
    assert level(url, "ENV-10").on_hand == 80


def test_a_supply_that_runs_out_goes_to_zero_and_warns(url: str, home: Path) -> None:
    add(url, "LBL-5160", home=home, kind="supply", products=())
    with unit_of_work(url) as uow:
        count(uow, "LBL-5160", 3, location="reserve", now=NOW)

    with unit_of_work(url) as uow:
        [short] = use_supplies(uow.session, [SupplyUse("B-1", "LBL-5160", 5)], now=NOW)
        uow.commit()

    assert (short.status, short.used, short.available) == ("short", 3, 0)
    assert short.warning is not None and "ran out: 2 more used" in short.warning


def test_only_supplies_are_used(url: str, home: Path) -> None:
    add(url, "BR-A", home=home, shelf_qty=4)

    uses = [SupplyUse("B-1", "BR-A", 1), SupplyUse("B-1", "NOPE", 1)]
    with (
        unit_of_work(url) as uow,
        pytest.raises(BadInput, match="BR-A is literature, not a supply.*NOPE: no such supply"),
    ):
        use_supplies(uow.session, uses, now=NOW)
