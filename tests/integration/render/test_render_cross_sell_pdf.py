"""The cross-sell page as a PDF: asked products, ranked suggestions, the whole range."""

from dataclasses import replace
from io import BytesIO

import pytest
from pypdf import PdfReader

from fulfilment.render import (
    Ranking,
    catalogue,
    letterhead,
    render_cross_sell,
    render_cross_sells,
    render_packets,
)
from tests.integration.render.pdf_reading import forms_per_page, page_count, page_text
from tests.support.calls import count_calls
from tests.support.render_samples import CN_PACKET, PRODUCT_RANGE, US_PACKET


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)]


def test_page_shows_asked_products_then_ranked_suggestions() -> None:
    text = page_text(render_cross_sell(US_PACKET))

    asked = _section(text, "You asked about", "You may also need")
    suggested = _section(text, "You may also need", "Ask Robert Miller")
    assert "Centrifugal pump CP-100" in asked and "Gate valve GV-16" in asked
    names = [
        "Seal kit SK-100",
        "Pump controller PC-1",
        "Check valve CV-25",
        "Variable speed drive VSD-7",
    ]
    assert [suggested.index(name) for name in names] == sorted(
        suggested.index(name) for name in names
    )
    assert "Centrifugal pump CP-100" not in suggested


def test_page_lists_the_whole_range_by_family() -> None:
    text = page_text(render_cross_sell(US_PACKET))

    full_range = text[text.index("Our full range") :]
    for product in PRODUCT_RANGE:
        assert product.name in full_range
    families = ["Controls", "Pumps", "Service", "Tanks", "Valves"]
    assert [full_range.index(family) for family in families] == sorted(
        full_range.index(family) for family in families
    )


def test_no_suggestions_without_links_leaves_the_heading_out() -> None:
    text = page_text(render_cross_sell(replace(US_PACKET, ranking=Ranking())))

    assert "You may also need" not in text
    assert "You asked about" in text


def test_a_large_range_still_fits_one_page() -> None:
    big = tuple(
        replace(product, code=f"{product.code}-{n}", name=f"{product.name} mark {n}")
        for n in range(12)
        for product in PRODUCT_RANGE
    )

    pdf = render_cross_sell(replace(US_PACKET, product_range=big))

    assert page_count(pdf) == 1
    assert "Break tank BT-500 mark 11" in page_text(pdf)


def test_chinese_page_headings_are_extractable() -> None:
    text = page_text(render_cross_sell(CN_PACKET))

    assert "您询问的产品" in text and "您可能还需要" in text and "全部产品" in text


def test_packets_print_letter_then_cross_sell_page_and_share_the_range_drawing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    packets = [replace(US_PACKET, number=f"P2026-11-23-{n:05d}") for n in range(1, 4)]
    ranges = count_calls(monkeypatch, catalogue, "_draw_range")
    letterheads = count_calls(monkeypatch, letterhead, "_draw_head")

    pdf = render_packets(packets)

    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 6
    assert "Dear Jane Doe" in reader.pages[0].extract_text()
    assert "You may also need" in reader.pages[1].extract_text()
    # Letterhead (the letter's and the cross-sell page's) and range are each drawn once and
    # their operators written again: no page places a form.
    assert ranges == [1] and letterheads == [2]
    assert forms_per_page(pdf) == [set()] * 6


def test_a_cross_sell_top_many_packets_share_places_no_form_of_its_own() -> None:
    packets = [replace(US_PACKET, number=f"P2026-11-23-{index:05d}") for index in range(1, 5)]

    pdf = render_cross_sells(packets)

    # The top is drawn on the first page and written again on the others, as are letterhead
    # and range: no page places a form, per paragraph or otherwise.
    assert forms_per_page(pdf) == [set()] * len(packets)
    assert page_text(pdf).count("You may also need") == len(packets)
