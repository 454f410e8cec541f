"""A recorded drawing is written again only when it can stand on its own on a later page."""

from io import BytesIO

import pytest
from reportlab.pdfgen.canvas import Canvas

from fulfilment.compat import canvas_operators
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
