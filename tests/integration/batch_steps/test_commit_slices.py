"""Committing and writing e-mail a slice at a time leaves exactly what one pass would."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from fulfilment.batch.steps import assemble, commit
from fulfilment.db import unit_of_work
from fulfilment.models import Event, FollowUp, Inquiry, Packet
from fulfilment.schema import migrate
from inventory.models import Allocation, LedgerEntry, LiteratureItem, Stock
from tests.support.steps import run_steps
from tests.support.world import PROFILE, demo_world

DAY = date(2026, 11, 24)


def committed(url: str, home: Path, out_dir: Path) -> dict[str, Any]:
    """Run the demo day; the stock, allocations, timelines and calls it leaves, without times."""
    demo_world(url, home)
    summary = run_steps(url, DAY, out_dir, home=home, profile=PROFILE)
    with unit_of_work(url) as uow:
        session = uow.session
        inquiry = select(Inquiry.external_id).where(Inquiry.id == Event.inquiry_id)
        ledger = (
            select(LiteratureItem.code, Stock.location, LedgerEntry.delta, LedgerEntry.kind,
                   LedgerEntry.ref)
            .join(Stock, Stock.id == LedgerEntry.stock_id)
            .join(LiteratureItem, LiteratureItem.id == Stock.item_id)
        )  # fmt: skip
        return {
            "packets": summary["packets"],
            "stock": session.execute(
                select(LiteratureItem.code, Stock.location, Stock.on_hand, Stock.reserved)
                .join(Stock, Stock.item_id == LiteratureItem.id)
                .order_by(LiteratureItem.code, Stock.location)
            ).all(),
            "ledger": sorted(session.execute(ledger).all()),
            "allocations": sorted(
                session.execute(select(Allocation.request_key, Allocation.status)).all()
            ),
            "events": sorted(
                session.execute(select(inquiry.scalar_subquery(), Event.kind, Event.detail)).all()
            ),
            "calls": sorted(
                session.execute(
                    select(Inquiry.external_id, Packet.number, FollowUp.due_on, FollowUp.rep_id)
                    .join(Inquiry, Inquiry.id == FollowUp.inquiry_id)
                    .join(Packet, Packet.id == FollowUp.packet_id)
                ).all()
            ),
            "email": sorted(path.name for path in (out_dir / "email").iterdir()),
        }


def test_slices_of_two_packets_commit_and_write_as_one_pass_does(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = f"sqlite:///{tmp_path / 'whole.db'}"
    migrate(whole)
    expected = committed(whole, tmp_path / "whole-home", tmp_path / "whole-out")

    monkeypatch.setattr(commit, "_SLICE_PACKETS", 2)
    monkeypatch.setattr(assemble, "_EMAIL_SLICE", 1)
    found = committed(database_url, tmp_path / "home", tmp_path / "out")

    assert found == expected
    assert found["packets"] > 4 and len(found["email"]) > 2, "the day needs several slices"
    assert {kind for _, _, _, kind, _ in found["ledger"]} >= {"pick"}
    assert {status for _, status in found["allocations"]} >= {"picked", "backordered"}
