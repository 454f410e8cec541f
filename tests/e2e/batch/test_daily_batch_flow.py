"""The daily batch run through Prefect on the demo center: files, stock, re-runs, mail room."""

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from fulfilment.batch.mailroom import reprint_packet, scan_packets
from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.models import FollowUp, Inquiry
from fulfilment.views import inquiry_show
from inventory.ledger import ledger_sums
from inventory.models import Stock
from tests.support.batches import batch_view
from tests.support.world import PROFILE, center, demo_world

ZONE = PROFILE.timezone
DAY = date(2026, 11, 24)


def stock_state(url: str) -> dict[int, tuple[int, int]]:
    with unit_of_work(url) as uow:
        return {s.id: (s.on_hand, s.reserved) for s in uow.session.scalars(select(Stock))}


def text_of(path: str) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> tuple[str, Path]:
    home = tmp_path / "home"
    demo_world(database_url, home)
    return database_url, home


def test_the_batch_writes_every_file_and_books_every_effect(
    prefect_harness: None, world: tuple[str, Path], tmp_path: Path
) -> None:
    from flows.daily_batch import run_daily_batch

    url, home = world
    out = tmp_path / "out"
    with center(url, home):
        summary = run_daily_batch(DAY, out)

    shown = batch_view(url, summary["batch_id"])
    printed = [p for p in shown["packets"] if p["channel"] == "print"]
    emailed = [p for p in shown["packets"] if p["channel"] == "email"]
    assert summary["packets"] == summary["new_packets"] == len(shown["packets"]) >= 15
    assert summary["inquiries_answered"] == 30, "the demo's 15 contacts ask twice each"
    assert emailed, "the demo has e-mail inquiries whose literature has PDFs"
    assert all(p["status"] == "printed" for p in shown["packets"])
    for name in ("letters", "envelopes", "labels", "picklist", "manifest", "manifest_pdf"):
        assert Path(summary["files"][name]).is_file(), name
    assert not (out / ".chunks").exists()

    letters = text_of(summary["files"]["letters"])
    positions = [letters.find(p["number"]) for p in printed]
    assert -1 not in positions and positions == sorted(positions), "letters in packet order"
    envelopes = PdfReader(summary["files"]["envelopes"])
    assert len(envelopes.pages) == len(printed)
    assert "HERE IS THE INFORMATION YOU REQUESTED" in " ".join(
        envelopes.pages[0].extract_text().split()
    )
    assert (out / "email" / f"{emailed[0]['number']}.eml").is_file()

    rush_first = shown["packets"][0]
    with unit_of_work(url) as uow:
        assert inquiry_show(uow.session, rush_first["inquiry_id"])["urgency"] == "rush"
    statuses = {i["status"] for p in printed for i in p["items"]}
    assert {"picked", "substituted", "backordered"} <= statuses
    assert {stock_id: on_hand for stock_id, (on_hand, _) in stock_state(url).items()} == (
        ledger_sums_by_stock(url)
    )
    assert all(reserved == 0 for _, reserved in stock_state(url).values())
    with unit_of_work(url) as uow:
        terms = uow.session.execute(
            select(Inquiry.id, Inquiry.response, Inquiry.urgency, Inquiry.contact_id)
        ).all()
        calls = uow.session.execute(select(FollowUp.basis, FollowUp.packet_id)).all()
    asked_for_a_call = {i for i, response, _, _ in terms if response in ("call", "both")}
    asking_contacts = {c for _, response, _, c in terms if response in ("call", "both")}
    collecting = {i for i, _, urgency, _ in terms if urgency == "info"}
    owing = [
        p for p in shown["packets"]
        if not set(p["inquiry_ids"]) & asked_for_a_call and not set(p["inquiry_ids"]) <= collecting
    ]  # fmt: skip
    # A call at import for each contact asking for one; one call for each other packet that is
    # not only collecting literature, none twice.
    assert sorted(basis for basis, packet_id in calls if packet_id is None) == (
        ["received"] * len(asking_contacts)
    )
    assert len({packet_id for _, packet_id in calls if packet_id}) == len(owing)
    assert len([packet_id for _, packet_id in calls if packet_id]) == len(owing)

    before = stock_state(url)
    with center(url, home):
        again = run_daily_batch(DAY, out)
    assert again["new_packets"] == 0
    assert again["packets"] == summary["packets"]
    assert stock_state(url) == before, "a re-run moves no stock"

    number = printed[0]["number"]
    with unit_of_work(url) as uow:
        scanned = scan_packets(
            uow, [number.lower(), "P00000000-00000"], profile=PROFILE, now=local_now(ZONE)
        )
    assert scanned == [
        {"number": number, "outcome": "mailed"},
        {"number": "P00000000-00000", "outcome": "unknown packet number"},
    ]
    with unit_of_work(url) as uow:
        timeline = inquiry_show(uow.session, printed[0]["inquiry_id"])["timeline"]
    assert [e["kind"] for e in timeline][-3:] == ["planned", "printed", "mailed"]
    with unit_of_work(url) as uow:
        files = reprint_packet(
            uow, number, out_dir=tmp_path / "reprint", profile=PROFILE, now=local_now(ZONE)
        )
    assert number in text_of(files["letter"])
    assert stock_state(url) == before, "a reprint takes nothing off the shelves"


def ledger_sums_by_stock(url: str) -> dict[int, int]:
    with unit_of_work(url) as uow:
        sums = ledger_sums(uow.session)
        ids = uow.session.scalars(select(Stock.id)).all()
    return {stock_id: sums.get(stock_id, 0) for stock_id in ids}
