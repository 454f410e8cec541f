"""The pick list as a PDF: batch totals in shelf order, then each packet's items."""

from fulfilment.render import render_pick_list
from fulfilment.render.sample import sample_packets
from tests.integration.render.pdf_reading import page_text


def test_totals_come_first_in_shelf_order_then_each_packet() -> None:
    packets = sample_packets(6)

    text = page_text(render_pick_list(packets, batch="2026-11-23"))

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
    text = page_text(render_pick_list(sample_packets(3), batch="b1"))

    assert "Full product catalogue" not in text and "L-CAT" not in text
    assert "CP系列离心泵" in text


def test_copies_held_in_the_reserve_cartons_are_fetched_first() -> None:
    packets = sample_packets(6)

    text = page_text(render_pick_list(packets, batch="b1", from_reserve={"L-PRICE": 3}))

    refill, totals = text.split("Pick list, batch b1", 1)
    assert refill.startswith("First bring from the reserve cartons to the shelf")
    cells = refill.splitlines()[refill.splitlines().index("Qty") + 1 :]
    assert cells == ["A-10", "L-PRICE", "Price list 2026", "3"]
    assert "L-PRICE" in totals
    assert "reserve cartons" not in page_text(render_pick_list(packets, batch="b1"))
