"""Calls are booked by the rules: at receipt for a call request, after printing for a packet,
counted again from the day it is scanned; the next call is on every inquiry it is about."""

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from fulfilment.batch.mailroom import scan_packets
from fulfilment.calls.calendar import add_business_days
from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.intake.service import import_inquiries
from fulfilment.models import FollowUp, Inquiry, Packet, Rep
from fulfilment.views import inquiry_list, inquiry_show
from tests.support.steps import run_steps
from tests.support.world import PROFILE, reference_world

# Monday 7 December 2026; the packets are committed "now", so their calls count from today.
DAY = date(2026, 12, 7)
HEADER = (
    "external_id,received_at,name,company,address1,city,region,postcode,country,phone,email,"
    "products,response,timeframe,urgency"
)
ADDRESSES = {
    "US": "1 Main St,Modesto,CA,95354,US",
    "GB": "10 Downing St,London,,SW1A 2AA,GB",
}


def row(external_id: str, name: str, *, country: str = "US", response: str = "mail",
        timeframe: str = "", urgency: str = "", received: str = "2026-12-04",
        products: str = "PMP-100") -> str:  # fmt: skip
    return (
        f"{external_id},{received},{name},{name} Co,{ADDRESSES[country]},+1 209 555 0100,"
        f"{name.lower().replace(' ', '.')}@example.com,{products},{response},{timeframe},{urgency}"
    )


def world(
    url: str, home: Path, rows: list[str], *, now: datetime, literature: bool = True
) -> None:
    reference_world(url, home, literature=literature)
    home.mkdir(parents=True, exist_ok=True)
    path = home / "inquiries.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    with unit_of_work(url) as uow:
        summary = import_inquiries(uow, path, profile=PROFILE, now=now)
    assert summary.accepted == len(rows), summary


def calls(url: str) -> dict[str, tuple[date, str, str, str | None]]:
    """Each open call by its inquiry's external id: due, reason, basis, rep."""
    with unit_of_work(url) as uow:
        rows = uow.session.execute(
            select(Inquiry.external_id, FollowUp.due_on, FollowUp.reason, FollowUp.basis, Rep.code)
            .join(Inquiry, Inquiry.id == FollowUp.inquiry_id)
            .outerjoin(Rep, Rep.id == FollowUp.rep_id)
            .where(FollowUp.status == "open")
        ).all()
    return {str(e): (due, reason, basis, rep) for e, due, reason, basis, rep in rows}


def test_a_call_request_is_booked_at_import_and_gets_no_second_call_with_its_packet(
    database_url: str, tmp_path: Path
) -> None:
    world(database_url, tmp_path / "home", [
        row("C-1", "Cal Caller", response="call"),
        row("B-1", "Bo Both", response="both", timeframe="6m"),
    ], now=datetime(2026, 12, 4, 11, 0))  # fmt: skip

    booked = calls(database_url)
    # Received Friday 4 December: one business day later is Monday.
    assert booked == {
        "C-1": (DAY, "asked for a call", "received", "R-WEST"),
        "B-1": (DAY, "asked for a call", "received", "R-WEST"),
    }
    with unit_of_work(database_url) as uow:
        listed = {r["external_id"]: r["next_call_on"] for r in inquiry_list(uow.session)}
    assert listed == {"C-1": "2026-12-07", "B-1": "2026-12-07"}

    run_steps(database_url, DAY, tmp_path / "out", home=tmp_path / "home", profile=PROFILE)
    assert calls(database_url) == booked


def test_a_packet_call_counts_transit_from_printing_then_days_from_the_scan(
    database_url: str, tmp_path: Path
) -> None:
    now = local_now(PROFILE.timezone)
    world(database_url, tmp_path / "home", [
        row("M-3", "Mo Months", timeframe="3 months"),
        row("M-R", "Ray Rush", urgency="rush"),
        row("I-1", "Ida Info", urgency="info only"),
        row("G-1", "Gus Britain", country="GB", timeframe="immediately"),
    ], now=now)  # fmt: skip

    run_steps(database_url, DAY, tmp_path / "out", home=tmp_path / "home", profile=PROFILE)

    today = now.date()
    booked = calls(database_url)
    assert "I-1" not in booked
    assert booked["M-3"] == (
        add_business_days(today, 3 + 5, country="US"), "buying within 3 months", "printed",
        "R-WEST",
    )  # fmt: skip
    assert booked["M-R"][:3] == (add_business_days(today, 3 + 2, country="US"), "rush", "printed")
    # Abroad: the international transit, in the UK rep's calendar.
    assert booked["G-1"] == (
        add_business_days(today, 7 + 2, country="GB"), "buying now", "printed", "R-UK"
    )

    with unit_of_work(database_url) as uow:
        number = uow.session.scalar(
            select(Packet.number).join(Inquiry, Inquiry.id == Packet.inquiry_id)
            .where(Inquiry.external_id == "M-3")
        )  # fmt: skip
        scan_packets(uow, [str(number)], profile=PROFILE, now=datetime(2026, 12, 9, 16, 0))

    rescanned = calls(database_url)
    assert rescanned["M-3"] == (date(2026, 12, 16), "buying within 3 months", "mailed", "R-WEST")
    assert rescanned["M-R"] == booked["M-R"]
    with unit_of_work(database_url) as uow:
        inquiry_id = uow.session.scalar(select(Inquiry.id).where(Inquiry.external_id == "M-3"))
        shown = inquiry_show(uow.session, int(inquiry_id or 0))
    assert shown["next_call"] == {
        "due": "2026-12-16", "rep": "R-WEST", "reason": "buying within 3 months",
    }  # fmt: skip
    assert shown["packet"]["mailed_at"] == "2026-12-09T16:00:00"


def test_a_packet_answering_two_inquiries_has_one_call_on_both(
    database_url: str, tmp_path: Path
) -> None:
    now = local_now(PROFILE.timezone)
    world(database_url, tmp_path / "home", [
        row("T-1", "Tess Twice", timeframe="1 year", received="2026-12-03"),
        row("T-2", "Tess Twice", timeframe="now", products="VLV-20"),
    ], now=now)  # fmt: skip

    run_steps(database_url, DAY, tmp_path / "out", home=tmp_path / "home", profile=PROFILE)

    booked = calls(database_url)
    assert list(booked) == ["T-2"] and booked["T-2"][1] == "buying now"
    with unit_of_work(database_url) as uow:
        by_next_call = inquiry_list(uow.session, by_next_call=True)
        due_by = inquiry_list(uow.session, next_call_by=booked["T-2"][0])
    assert {r["external_id"]: r["next_call_on"] for r in by_next_call} == {
        "T-1": booked["T-2"][0].isoformat(), "T-2": booked["T-2"][0].isoformat(),
    }  # fmt: skip
    assert len(due_by) == 2
