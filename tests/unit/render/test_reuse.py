"""A reused drawing is written again only when it can stand on its own on a later page."""

from io import BytesIO

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from fulfilment.compat import canvas_operators
from fulfilment.render import reuse
from fulfilment.render.reuse import check_repeatable, draw_reused


def test_text_that_reads_like_an_operator_is_not_taken_for_one() -> None:
    check_repeatable(["q 1 0 0 1 9 9 cm", "BT /F1 12 Tf (Do you need a q\\) or Q?) Tj ET", "Q"])


@pytest.mark.parametrize(
    ("operators", "problem"),
    [(["q", "/Form1 Do", "Q"], "form or image"), (["q 1 0 0 1 9 9 cm"], "q/Q unbalanced"),
     (["Q", "q"], "q/Q unbalanced")],
)  # fmt: skip
def test_a_recording_that_would_break_a_later_page_is_refused(
    operators: list[str], problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        check_repeatable(operators)


def test_a_drawing_that_leaves_its_state_changed_is_refused_when_first_drawn() -> None:
    canvas = Canvas(BytesIO())
    with pytest.raises(ValueError, match="unbalanced"):
        draw_reused(canvas, "leaky", lambda c: c.saveState())


def test_a_kept_drawing_is_written_again_as_it_was_drawn() -> None:
    canvas = Canvas(BytesIO())

    def box(c: Canvas) -> None:
        c.saveState()
        c.rect(10, 10, 50, 20)
        c.restoreState()

    operators = canvas_operators(canvas)
    before = len(operators)
    draw_reused(canvas, "box", box)
    drawn = operators[before:]
    draw_reused(canvas, "box", box)
    assert operators[before + len(drawn) :] == ["\n".join(drawn)]


def test_a_drawing_that_places_an_image_is_refused() -> None:
    canvas = Canvas(BytesIO())
    logo = ImageReader(Image.new("RGB", (4, 4), "navy"))

    with pytest.raises(ValueError, match="form or image"):
        draw_reused(canvas, "logo", lambda c: c.drawImage(logo, 10, 10, 20, 20))


def _table(canvas: Canvas) -> None:
    canvas.setFont("Helvetica", 9)
    canvas.drawString(2, 3, "Price list (2026) \\ q Do")
    canvas.setLineWidth(0.5)
    canvas.rect(0, 0, 120, 14)


def test_a_drawing_placed_elsewhere_writes_what_drawing_it_there_writes() -> None:
    reused = Canvas(BytesIO())
    draw_reused(reused, "table", _table, at=(40, 700))
    operators = canvas_operators(reused)
    before = len(operators)
    draw_reused(reused, "table", _table, at=(72.5, 300.25))
    direct = Canvas(BytesIO())
    draw_reused(direct, "table", _table, at=(40, 700))
    start = len(canvas_operators(direct))

    direct.saveState()
    direct.translate(72.5, 300.25)
    _table(direct)
    direct.restoreState()

    assert "\n".join(operators[before:]) == "\n".join(canvas_operators(direct)[start:])


def test_the_least_recently_drawn_is_dropped_and_drawn_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reuse, "_KEPT_PER_DOCUMENT", 2)
    canvas = Canvas(BytesIO())
    drawn: list[str] = []

    def draw(key: str) -> None:
        draw_reused(canvas, key, lambda c: (drawn.append(key), c.rect(0, 0, 1, 1)))

    for key in ("a", "b", "a", "c", "a", "b"):
        draw(key)

    # "a" was drawn again before "c" came, so "b" was the one dropped.
    assert drawn == ["a", "b", "c", "b"]
