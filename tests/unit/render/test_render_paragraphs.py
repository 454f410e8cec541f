"""Shared paragraphs: in place on first use in a document, then the same operators again."""

import re
from collections.abc import Callable
from io import BytesIO

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame

from fulfilment.compat import canvas_operators
from fulfilment.render.fonts import CJK, register_cjk
from fulfilment.render.paragraphs import paragraph, plain_lines

STYLE = ParagraphStyle("test-shared", fontName="Helvetica", fontSize=10, leading=12)


def _draw_twice(
    canvas: Canvas, text: str, make: Callable[[str, ParagraphStyle], Flowable] = paragraph
) -> None:
    frame = Frame(0, 0, 300, 400)
    frame.addFromList([make(text, STYLE), make(text, STYLE)], canvas)


def _forms(canvas: Canvas) -> list[str]:
    return [name for name in canvas._doc.idToObject if name.startswith("FormXob")]


def test_first_use_draws_in_place_and_a_repeat_writes_it_again_as_one_literal() -> None:
    canvas = Canvas(BytesIO())
    _draw_twice(canvas, "Centrifugal pumps CP series")
    operators = canvas_operators(canvas)
    before = len(operators)

    _draw_twice(canvas, "Centrifugal pumps CP series")

    # Each repeat is the frame's move to the paragraph, the recording, and the move back.
    literals = [code for code in operators[before:] if "BT" in code]
    assert len(literals) == 2 and literals[0] == literals[1]
    assert _forms(canvas) == []


def test_a_new_document_starts_again_in_place() -> None:
    _draw_twice(Canvas(BytesIO()), "Price list 2026")
    fresh = Canvas(BytesIO())

    Frame(0, 0, 300, 400).addFromList([paragraph("Price list 2026", STYLE)], fresh)

    assert len(_text_objects(fresh)) == 1 and "(Price list 2026)" in _text_objects(fresh)[0]
    assert _forms(fresh) == []


def _text_objects(canvas: Canvas) -> list[str]:
    code = "\n".join(canvas._code)
    return [part.split("ET")[0] for part in code.split("BT")[1:]]


def test_a_repeat_writes_the_first_drawing_again_and_makes_no_form() -> None:
    canvas = Canvas(BytesIO())
    _draw_twice(canvas, "Centrifugal pumps CP series")
    _draw_twice(canvas, "Centrifugal pumps CP series")

    drawn = _text_objects(canvas)
    assert len(drawn) == 4 and len(set(drawn)) == 1
    assert _forms(canvas) == []


def test_a_new_document_draws_again_in_its_own_fonts() -> None:
    chinese = f'<font name="{register_cjk()}">编号</font>'
    first = Canvas(BytesIO())
    Frame(0, 0, 300, 400).addFromList([paragraph("<b>Bold</b>", STYLE)], first)
    _draw_twice(first, chinese)
    fresh = Canvas(BytesIO())

    Frame(0, 0, 300, 400).addFromList([paragraph(chinese, STYLE)], fresh)

    # Each document names its fonts in the order it first used them.
    named = set(re.findall(r"/F\d+", "".join(_text_objects(fresh))))
    assert named and named <= set(fresh._doc.fontMapping.values())
    assert first._doc.fontMapping[CJK] != fresh._doc.fontMapping[CJK]


def test_chinese_text_breaks_between_characters() -> None:
    flowable = paragraph("感谢您对我们的产品的关注" * 6, STYLE)

    width, height = flowable.wrap(100, 1000)

    assert width == 100 and height > 3 * STYLE.leading


def test_plain_lines_keep_their_fonts_and_drop_the_spaces_line_breaks_leave() -> None:
    text = 'Date: 1 May<br/> <b>Our</b> ref &amp; <font name="STSong-Light">编号</font>'

    assert plain_lines(text, "Helvetica") == [
        (("Date: 1 May", "Helvetica"),),
        (("Our", "Helvetica-Bold"), (" ref & ", "Helvetica"), ("编号", "STSong-Light")),
    ]


def test_markup_beyond_the_letters_own_is_left_to_the_paragraph() -> None:
    for text in ("<i>x</i>", "a  b", "a<br/><br/>b", "&nbsp;x", "<b>open", "a < b"):
        assert plain_lines(text, "Helvetica") is None, text
    assert plain_lines("编号<br/>  x", "Helvetica", strip=False) is None


def test_character_wise_lines_keep_the_spaces_line_breaks_leave() -> None:
    assert plain_lines("编号<br/> x ", "Helvetica", strip=False) == [
        (("编号", "Helvetica"),),
        ((" x ", "Helvetica"),),
    ]


def test_a_plain_line_too_wide_for_its_column_still_wraps() -> None:
    text = "Maximilian Alexander Bartholomew Featherstonehaugh-Smythe<br/>Acme"

    width, height = paragraph(text, STYLE).wrap(120, 1000)

    assert width == 120 and height > 2 * STYLE.leading
    assert paragraph(text, STYLE).wrap(400, 1000)[1] == 2 * STYLE.leading


def test_a_split_leaves_the_shared_paragraph_as_it_was() -> None:
    text = "<br/>".join(f"Line {number} of the price list" for number in range(12))
    shown = paragraph(text, STYLE)
    shown.wrap(300, 1000)
    seen = shown.seen
    wrapped, lines = seen.wrapped, seen.lines

    other = paragraph(text, STYLE)
    other.wrap(300, 1000)
    parts = other.split(300, 5 * STYLE.leading)

    assert other.seen is seen and len(parts) == 2
    assert seen.wrapped == wrapped and seen.lines is lines and lines is not None
    assert shown.wrap(300, 1000) == (300, 12 * STYLE.leading)
