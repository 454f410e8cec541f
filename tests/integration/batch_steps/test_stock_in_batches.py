"""Stock and the batch: owed items go out when stock arrives; carton stock is fetched first."""

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.views import inquiry_show
from inventory.movements import count, receive
from inventory.reorder import stock_levels
from tests.support.batches import batch_view
from tests.support.steps import run_steps
from tests.support.world import PROFILE, demo_world

FIRST, SECOND = date(2026, 11, 24), date(2026, 11, 25)


def owed(url: str, batch_id: int) -> list[tuple[str, str]]:
    """(packet number, item code) of every printed packet item still backordered."""
    return [
        (packet["number"], item["requested_code"])
        for packet in batch_view(url, batch_id)["packets"]
        for item in packet["items"]
        if item["status"] == "backordered"
    ]


def levels(url: str, code: str) -> tuple[int, int, int]:
    with unit_of_work(url) as uow:
        lines = stock_levels(uow.session, now=local_now(PROFILE.timezone))
    (line,) = [line for line in lines if line.code == code]
    return line.on_hand, line.reserved, line.backordered


def test_stock_that_arrives_goes_out_with_the_next_batch(database_url: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    demo_world(database_url, home)
    first = run_steps(database_url, FIRST, tmp_path / "first", home=home, profile=PROFILE)
    waiting = owed(database_url, first["batch_id"])
    assert waiting, "the demo's stock leaves some packets short"
    code = waiting[0][1]
    due = [number for number, item in waiting if item == code]
    on_hand, _, backordered = levels(database_url, code)
    assert backordered == len(due)
    with unit_of_work(database_url) as uow:
        receive(uow, code, 100, location="shelf", now=local_now(PROFILE.timezone))

    second = run_steps(database_url, SECOND, tmp_path / "second", home=home, profile=PROFILE)

    assert second["separate_cover"] == len(due)
    sent = batch_view(database_url, second["batch_id"])["separate_cover"]
    assert [(s["packet"], s["requested_code"], s["status"]) for s in sent] == [
        (number, code, "picked") for number in sorted(due)
    ]
    assert all(pair[1] != code for pair in owed(database_url, first["batch_id"]))
    assert levels(database_url, code) == (on_hand + 100 - len(due), 0, 0), "picked, not held"
    picklist = " ".join(
        page.extract_text() for page in PdfReader(second["files"]["picklist"]).pages
    )
    assert all(number in picklist for number in due) and code in picklist
    labels = PdfReader(second["files"]["separate_cover_labels"]).pages[0].extract_text()
    first_owed = next(p for p in batch_view(database_url, first["batch_id"])["packets"]
                      if p["number"] == due[0])  # fmt: skip
    with unit_of_work(database_url) as uow:
        inquiry = inquiry_show(uow.session, first_owed["inquiry_id"])
    assert inquiry["name"].upper() in labels.upper()
    timeline = [event["kind"] for event in inquiry["timeline"]]
    assert timeline.count("sent separately") == 1

    again = run_steps(database_url, SECOND, tmp_path / "second", home=home, profile=PROFILE)

    assert again["separate_cover"] == len(due)
    assert levels(database_url, code) == (on_hand + 100 - len(due), 0, 0), "a re-run picks nothing"


def test_a_day_without_arrivals_sends_nothing_separately(database_url: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    demo_world(database_url, home)
    run_steps(database_url, FIRST, tmp_path / "first", home=home, profile=PROFILE)

    second = run_steps(database_url, SECOND, tmp_path / "second", home=home, profile=PROFILE)

    assert second["packets"] == 0 and second["separate_cover"] == 0
    assert set(second["files"]) == {"manifest", "manifest_pdf"}, "no empty printer files listed"


def test_copies_reserved_in_the_cartons_open_the_pick_list(
    database_url: str, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    demo_world(database_url, home)
    on_shelf = levels(database_url, "CAT-2026")[0]
    now = local_now(PROFILE.timezone)
    with unit_of_work(database_url) as uow:
        count(uow, "CAT-2026", 2, location="shelf", now=now)
    with unit_of_work(database_url) as uow:
        receive(uow, "CAT-2026", on_shelf, location="reserve", now=now)

    batch = run_steps(database_url, FIRST, tmp_path / "out", home=home, profile=PROFILE)

    wanted = sum(
        item["qty"]
        for packet in batch_view(database_url, batch["batch_id"])["packets"]
        for item in packet["items"]
        if item["code"] == "CAT-2026" and packet["channel"] == "print"
    )
    assert wanted > 2
    first_page = PdfReader(batch["files"]["picklist"]).pages[0].extract_text()
    refill = first_page.split("Pick list, batch", 1)[0]
    assert "First bring from the reserve cartons" in refill
    assert refill.split()[-1] == str(wanted - 2) and "CAT-2026" in refill
