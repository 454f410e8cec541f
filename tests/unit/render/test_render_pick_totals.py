"""Pick list arithmetic: shelf order and batch totals."""

from dataclasses import replace

from fulfilment.render import Enclosure
from fulfilment.render.pick_list import batch_totals, shelf_order
from tests.support.render_samples import US_PACKET


def test_shelves_sort_by_their_numbers_with_unshelved_last() -> None:
    shelves = ["B-1", "A-10", "", "A-2", "a-3", "A-2-b"]

    assert sorted(shelves, key=shelf_order) == ["A-2", "A-2-b", "a-3", "A-10", "B-1", ""]


def test_totals_add_quantities_of_enclosed_items_only() -> None:
    items = (
        Enclosure(code="L-1", title="One", kind="brochure", shelf="B-2", quantity=2),
        Enclosure(code="L-2", title="Two", kind="brochure", shelf="A-9"),
        Enclosure(code="L-3", title="Three", kind="catalogue", enclosed=False, shelf="A-1"),
    )
    packets = [replace(US_PACKET, enclosures=items).pick] * 3

    totals = batch_totals(packets)

    assert totals.packets == 3
    assert [(item.code, count) for item, count in totals.items] == [("L-2", 3), ("L-1", 6)]
