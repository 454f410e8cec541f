"""Lengths and boxes as the stationery data files write them."""

import pytest
from reportlab.lib.units import inch, mm

from fulfilment.errors import BadInput
from fulfilment.render.geometry import Box, Rect, box, length


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("20mm", 20 * mm),
        ("0.875in", 0.875 * inch),
        ("9pt", 9.0),
        (" 1.5 mm ", 1.5 * mm),
        ("-2mm", -2 * mm),
    ],
)
def test_lengths_carry_their_unit(text: str, points: float) -> None:
    assert length(text) == pytest.approx(points)


def test_percent_is_of_the_whole() -> None:
    assert length("40%", 200) == pytest.approx(80)


@pytest.mark.parametrize("text", ["20", "20 cm", "mm", "1,5mm"])
def test_a_figure_without_a_known_unit_is_refused(text: str) -> None:
    with pytest.raises(BadInput, match="not a length"):
        length(text)


def test_box_from_left_and_top_measures_down_from_the_top() -> None:
    rect = Box(left="10pt", width="50pt", top="20pt", height="30pt").resolve(200, 100)

    assert rect == Rect(10, 50, 50, 30)


def test_box_from_right_and_bottom() -> None:
    rect = Box(right="10pt", width="50pt", bottom="5pt", height="30pt").resolve(200, 100)

    assert rect == Rect(140, 5, 50, 30)


def test_box_between_both_edges_and_in_percent() -> None:
    rect = Box(left="10%", right="10%", top="25%", bottom="25%").resolve(200, 100)

    assert rect == Rect(20, 25, 160, 50)


def test_box_needs_two_of_each_trio() -> None:
    with pytest.raises(BadInput, match="exactly two of left/width/right"):
        Box(left="1pt", width="2pt", right="3pt", top="0pt", height="1pt").resolve(10, 10)


def test_box_table_rejects_unknown_keys_and_reads_its_style() -> None:
    with pytest.raises(BadInput, match="unknown box keys"):
        box({"left": "1pt", "colour": "red"})

    parsed = box(
        {
            "left": "1pt",
            "width": "2pt",
            "top": "0pt",
            "height": "1pt",
            "font_size": 9,
            "bold": True,
            "padding": "2mm",
        }
    )
    assert (
        parsed.style.font_size == 9
        and parsed.style.bold
        and parsed.style.padding == pytest.approx(2 * mm)
    )


def test_rect_relations() -> None:
    outer = Rect(0, 0, 100, 50)

    assert outer.contains(Rect(10, 10, 20, 20))
    assert not outer.contains(Rect(90, 10, 20, 20))
    assert outer.intersects(Rect(90, 40, 20, 20))
    assert not outer.intersects(Rect(100, 0, 10, 10))
    assert outer.inset(5) == Rect(5, 5, 90, 40)
    assert outer.moved(1, -1) == Rect(1, -1, 100, 50)
