"""The stationery data agree with themselves: boxes on the envelope, windows over the address."""

import pytest
from reportlab.lib.units import inch

from fulfilment.render.geometry import Rect
from fulfilment.render.stationery import (
    chinese_layout,
    envelope,
    envelope_codes,
    label_sheet,
    label_sheet_codes,
    page_layout,
    paper,
)

PRINTED = ("return_address", "teaser", "barcode", "imb", "address")


@pytest.mark.parametrize("code", envelope_codes())
def test_every_box_lies_on_the_envelope(code: str) -> None:
    stock = envelope(code)
    whole = Rect(0, 0, stock.width, stock.height)

    for name in PRINTED:
        assert whole.contains(stock.area(name)), name
    for name, spec in chinese_layout().boxes.items():
        assert whole.contains(spec.resolve(stock.width, stock.height)), name


@pytest.mark.parametrize("code", envelope_codes())
def test_boxes_do_not_overlap(code: str) -> None:
    stock = envelope(code)
    areas = [stock.area(name) for name in PRINTED]

    for index, first in enumerate(areas):
        for second in areas[index + 1 :]:
            assert not first.intersects(second), (first, second)


@pytest.mark.parametrize("code", envelope_codes())
def test_chinese_layout_boxes_do_not_overlap(code: str) -> None:
    stock = envelope(code)
    areas = [spec.resolve(stock.width, stock.height) for spec in chinese_layout().boxes.values()]

    for index, first in enumerate(areas):
        for second in areas[index + 1 :]:
            assert not first.intersects(second), (first, second)


@pytest.mark.parametrize("code", [code for code in envelope_codes() if envelope(code).window])
def test_address_sits_in_the_window_and_nothing_else_does(code: str) -> None:
    stock = envelope(code)
    assert stock.window is not None

    assert stock.window.contains(stock.area("address"))
    imb = stock.area("imb")
    assert stock.window.contains(imb) or not stock.window.intersects(imb)
    for name in ("return_address", "teaser", "barcode"):
        assert not stock.window.intersects(stock.area(name)), name


@pytest.mark.parametrize("code", [code for code in envelope_codes() if envelope(code).window])
def test_the_letters_address_field_shows_through_the_window(code: str) -> None:
    stock = envelope(code)
    layout = page_layout(stock.paper)

    window = stock.window_on_letter(layout.paper.height)

    assert window is not None and window.contains(layout.area("address"))


def test_us10_window_and_clear_zone_match_the_published_figures() -> None:
    stock = envelope("us10")

    assert stock.window == Rect(0.875 * inch, 0.5 * inch, 4.5 * inch, 1.125 * inch)
    assert stock.clear_zone == Rect(4.75 * inch, 0, 4.75 * inch, 0.625 * inch)
    for name in PRINTED:
        assert not stock.clear_zone.intersects(stock.area(name)), name


@pytest.mark.parametrize("code", label_sheet_codes())
def test_label_cells_lie_on_the_page_without_overlapping(code: str) -> None:
    sheet = label_sheet(code)
    page = Rect(0, 0, sheet.paper.width, sheet.paper.height)
    cells = [sheet.cell(position) for position in range(1, sheet.per_sheet + 1)]

    assert all(page.contains(cell) for cell in cells)
    for index, first in enumerate(cells):
        assert not any(first.intersects(second) for second in cells[index + 1 :])


def test_avery_5160_follows_glabels() -> None:
    sheet = label_sheet("5160")

    assert sheet.code == "avery-5160" and sheet.per_sheet == 30
    assert sheet.cell(1) == Rect(0.15625 * inch, 10.5 * inch - 1 * inch, 2.625 * inch, 1 * inch)
    assert sheet.cell(3).x == pytest.approx((0.15625 + 2 * 2.78125) * inch)
    assert sheet.cell(4).top == pytest.approx(9.5 * inch)


def test_sheet_codes_are_found_with_or_without_the_brand() -> None:
    assert label_sheet("L7163") == label_sheet("avery-l7163")


def test_paper_fits_turned_either_way() -> None:
    assert paper("dl").fits_within(290, 600)
    assert paper("dl").fits_within(600, 290)
    assert not paper("a4").fits_within(500, 900)
