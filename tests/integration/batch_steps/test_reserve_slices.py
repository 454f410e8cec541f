"""Reserving a large batch slice by slice gives every packet what one pass over it would."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from fulfilment.batch.steps import reserve
from fulfilment.batch.steps.reserve import ReserveResult, reserve_stock
from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.models import Packet, PacketItem
from fulfilment.schema import migrate
from inventory.models import LiteratureItem, Stock
from tests.support.batches import planned
from tests.support.world import PROFILE, demo_world

DAY = date(2026, 11, 24)
Outcome = tuple[ReserveResult, list[tuple[str, str, str, str]], list[tuple[str, str, int, int]]]


def reserved(url: str, home: Path) -> Outcome:
    """Plan and reserve the demo day; what each packet item got and where the stock stands."""
    demo_world(url, home)
    batch_id = planned(url, DAY, profile=PROFILE).batch_id
    with unit_of_work(url) as uow:
        result = reserve_stock(uow, batch_id, now=local_now(PROFILE.timezone))
    with unit_of_work(url) as uow:
        items = uow.session.execute(
            select(Packet.number, PacketItem.requested_code, PacketItem.status, PacketItem.code)
            .join(Packet, PacketItem.packet_id == Packet.id)
            .order_by(Packet.number, PacketItem.requested_code)
        ).all()
        stock = uow.session.execute(
            select(LiteratureItem.code, Stock.location, Stock.on_hand, Stock.reserved)
            .join(Stock, Stock.item_id == LiteratureItem.id)
            .order_by(LiteratureItem.code, Stock.location)
        ).all()
    return result, [tuple(row) for row in items], [tuple(row) for row in stock]


def test_slices_of_two_packets_reserve_as_one_pass_does(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = f"sqlite:///{tmp_path / 'whole.db'}"
    migrate(whole)
    expected = reserved(whole, tmp_path / "whole-home")

    monkeypatch.setattr(reserve, "_SLICE_PACKETS", 2)
    result, items, stock = reserved(database_url, tmp_path / "home")

    assert (result, items, stock) == expected
    statuses = {status for _, _, status, _ in items}
    assert {"reserved", "substituted", "backordered", "attached"} <= statuses, (
        "the demo day substitutes, backorders and e-mails, so the slices meet every case"
    )
