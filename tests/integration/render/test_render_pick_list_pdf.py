"""The pick list as a PDF: batch totals in shelf order, then each packet's items."""

from dataclasses import replace
from io import BytesIO
from typing import Any

from pypdf import PdfReader

from fulfilment.render import Enclosure, PickPacket, batch_totals, render_pick_list
from tests.integration.render.pdf_reading import page_count, page_text, text_runs
from tests.support.render_samples import sample_packets


def pick_list(picks: list[PickPacket], **options: Any) -> bytes:
    """The list as one PDF: a few packets fit in its first part."""
    (only,) = render_pick_list(picks, totals=batch_totals(picks), **options)
    return only


def test_totals_come_first_in_shelf_order_then_each_packet() -> None:
    packets = sample_packets(6)

    text = page_text(pick_list([packet.pick for packet in packets], batch="2026-11-23"))

    totals = text[: text.index(packets[0].number)].splitlines()
    assert "6 packets" in totals[0]
    cells = totals[totals.index("Qty") + 1 :]
    rows = [cells[index : index + 4] for index in range(0, len(cells), 4)]
    assert rows == [
        ["A-02", "L-CP100", "Centrifugal pumps CP series", "4"],
        ["A-10", "L-PRICE", "Price list 2026", "4"],
        ["B-03", "L-CP100-ZH", "CP系列离心泵", "2"],
    ]
    positions = [text.index(packet.number) for packet in packets]
    assert positions == sorted(positions)


def test_items_under_separate_cover_are_not_picked() -> None:
    text = page_text(pick_list([packet.pick for packet in sample_packets(3)], batch="b1"))

    assert "Full product catalogue" not in text and "L-CAT" not in text
    assert "CP系列离心泵" in text


def test_copies_held_in_the_reserve_cartons_are_fetched_first() -> None:
    picks = [packet.pick for packet in sample_packets(6)]

    text = page_text(pick_list(picks, batch="b1", from_reserve={"L-PRICE": 3}))

    refill, totals = text.split("Pick list, batch b1", 1)
    assert refill.startswith("First bring from the reserve cartons to the shelf")
    cells = refill.splitlines()[refill.splitlines().index("Qty") + 1 :]
    assert cells == ["A-10", "L-PRICE", "Price list 2026", "3"]
    assert "L-PRICE" in totals
    assert "reserve cartons" not in page_text(pick_list(picks, batch="b1"))


def test_a_long_title_wraps_inside_its_column() -> None:
    title = "A very long literature title that needs two lines in its column, or even three of them"
    item = Enclosure(code="L-LONG", title=title, kind="brochure", shelf="A-01")
    packet = replace(sample_packets(1)[0], enclosures=(item,))

    pdf = pick_list([packet.pick], batch="b1")

    # The totals draw the title; the packet's table writes the same operators again.
    runs = [run for run in text_runs(pdf) if run.x > 0]
    lines = [run for run in runs if run.text.strip() and run.text.strip() in title]
    assert len(lines) >= 4
    assert " ".join(run.text.strip() for run in lines) == f"{title} {title}"
    code = next(run for run in runs if run.text.strip() == "L-LONG")
    quantity = next(run for run in runs if run.text.strip() == "Qty")
    assert all(code.right < run.x and run.right < quantity.x for run in lines)


def test_a_packet_too_long_for_a_page_runs_on_under_the_header_again() -> None:
    items = tuple(
        Enclosure(code=f"L-{index:03d}", title=f"Item {index}", kind="brochure", shelf="A-1")
        for index in range(80)
    )
    packet = replace(sample_packets(1)[0], enclosures=items)

    pdf = pick_list([packet.pick], batch="b1")

    assert page_count(pdf) >= 3
    last = page_text(pdf).split(packet.number, 1)[1]
    assert all(f"L-{index:03d}" in last for index in range(80))
    reader = PdfReader(BytesIO(pdf))
    assert all(page.extract_text().count("Qty") >= 1 for page in reader.pages)


def test_a_long_list_comes_in_parts_cut_where_pages_end() -> None:
    picks = [packet.pick for packet in sample_packets(40)]
    whole = pick_list(picks, batch="b1")

    parts = list(render_pick_list(picks, totals=batch_totals(picks), batch="b1", part_pages=2))

    assert page_count(whole) > 4
    assert [page_count(part) for part in parts[:-1]] == [2] * (len(parts) - 1)
    assert 1 <= page_count(parts[-1]) <= 2
    pages = [page.extract_text() for part in parts for page in PdfReader(BytesIO(part)).pages]
    assert pages == [page.extract_text() for page in PdfReader(BytesIO(whole)).pages]
