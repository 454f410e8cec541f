"""Ledger invariants under random sequences of movements, allocations, picks and releases."""

import itertools
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from fulfilment.db import UnitOfWork, unit_of_work
from fulfilment.errors import BadInput
from inventory.allocation import Request, allocate, pick, release
from inventory.ledger import ledger_sums
from inventory.lookup import require_item
from inventory.models import Stock
from inventory.movements import adjust, count, receive, transfer
from tests.integration.inventory.stockroom import NOW, add, level

Location = st.sampled_from(["shelf", "reserve"])
Qty = st.integers(min_value=-3, max_value=12)


def _rows(url: str, code: str) -> dict[str, tuple[int, int]]:
    with unit_of_work(url) as uow:
        item = require_item(uow.session, code)
        rows = uow.session.scalars(select(Stock).where(Stock.item_id == item.id))
        return {row.location: (row.on_hand, row.reserved) for row in rows}


def _machine(url: str, home: Path) -> type[RuleBasedStateMachine]:
    codes = (f"BR-{n}" for n in itertools.count())

    class Stockroom(RuleBasedStateMachine):
        """Staff and batches working on one fresh item; refused steps must change nothing."""

        def __init__(self) -> None:
            super().__init__()
            self.code = next(codes)
            add(url, self.code, home=home)
            self.keys: list[str] = []

        def attempt(self, step: Callable[[UnitOfWork], object]) -> None:
            before = _rows(url, self.code)
            try:
                with unit_of_work(url) as uow:
                    step(uow)
            except BadInput:
                assert _rows(url, self.code) == before

        @rule(qty=Qty, location=Location)
        def receive(self, qty: int, location: str) -> None:
            self.attempt(lambda uow: receive(uow, self.code, qty, location=location, now=NOW))

        @rule(qty=Qty)
        def transfer(self, qty: int) -> None:
            self.attempt(lambda uow: transfer(uow, self.code, qty, now=NOW))

        @rule(delta=Qty, location=Location)
        def adjust(self, delta: int, location: str) -> None:
            self.attempt(
                lambda uow: adjust(uow, self.code, delta, reason="test", location=location, now=NOW)
            )

        @rule(qty=Qty, location=Location)
        def count(self, qty: int, location: str) -> None:
            self.attempt(lambda uow: count(uow, self.code, qty, location=location, now=NOW))

        @rule(qty=st.integers(min_value=1, max_value=4))
        def allocate(self, qty: int) -> None:
            key = f"{self.code}-P{len(self.keys)}"
            self.keys.append(key)
            with unit_of_work(url) as uow:
                allocate(uow.session, [Request(key, self.code, qty)], now=NOW)
                uow.commit()

        @rule(data=st.data())
        def pick(self, data: st.DataObject) -> None:
            if self.keys:
                with unit_of_work(url) as uow:
                    pick(uow.session, [data.draw(st.sampled_from(self.keys))], now=NOW)
                    uow.commit()

        @rule(data=st.data())
        def release(self, data: st.DataObject) -> None:
            if self.keys:
                with unit_of_work(url) as uow:
                    release(uow.session, [data.draw(st.sampled_from(self.keys))], now=NOW)
                    uow.commit()

        @invariant()
        def on_hand_is_the_ledger_and_never_negative(self) -> None:
            with unit_of_work(url) as uow:
                sums = ledger_sums(uow.session)
                item = require_item(uow.session, self.code)
                for row in uow.session.scalars(select(Stock).where(Stock.item_id == item.id)):
                    assert row.on_hand == sums.get(row.id, 0)
                    assert 0 <= row.reserved <= row.on_hand

        @invariant()
        def available_is_on_hand_less_reserved(self) -> None:
            line = level(url, self.code)
            assert line.available == line.on_hand - line.reserved >= 0
            assert line.on_hand == line.on_shelf + line.in_reserve

    return Stockroom


def test_ledger_invariants_hold_for_any_sequence(url: str, home: Path) -> None:
    run_state_machine_as_test(  # type: ignore[no-untyped-call]
        _machine(url, home),
        settings=settings(
            max_examples=25,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
