"""Drawings that recur within one document: drawn once, then their operators written again."""

import re
from collections.abc import Callable, Hashable, Sequence
from weakref import WeakKeyDictionary

from reportlab.pdfgen.canvas import Canvas

from fulfilment.compat import canvas_operators
from fulfilment.render.lru import LRU

# Per document, since the operators name its fonts by the order it first used them; a drawing
# no longer kept is drawn again. Writing operators again costs a list append, where a form
# would cost an object and an entry in every page's resources that the batch's join reads back.
_KEPT_PER_DOCUMENT = 4096
_kept: "WeakKeyDictionary[Canvas, LRU[Hashable, str]]" = WeakKeyDictionary()
# A PDF string literal as ReportLab writes it (its parentheses and backslashes escaped): text
# that is drawn, never an operator.
_STRING = re.compile(r"\((?:\\.|[^\\()])*\)")


def draw_reused(
    canvas: Canvas,
    key: Hashable,
    draw: Callable[[Canvas], object],
    *,
    at: tuple[float, float] | None = None,
) -> None:
    """Draw with `draw` the first time `key` is drawn in the canvas's document; after that,
    write the operators it drew again.

    With `at`, `draw` draws at the origin and each use is moved to `at`, inside its own saved
    graphics state: one recording serves every position. `draw` must leave the graphics
    state as it found it and place no forms or images, which are resources of the page they
    are on; `check_repeatable` refuses a recording that breaks the rule (tests/unit/render/
    test_reuse.py).
    """
    if at is not None:
        canvas.saveState()
        canvas.translate(*at)
    kept = _kept.get(canvas)
    if kept is None:
        kept = _kept[canvas] = LRU(_KEPT_PER_DOCUMENT)
    found = kept.get(key)
    if found is not None:
        canvas.addLiteral(found)
    else:
        code = canvas_operators(canvas)
        start = len(code)
        draw(canvas)
        # A drawing that ran onto a new page is not one drawing: it is not kept.
        if canvas_operators(canvas) is code:
            drawn = code[start:]
            check_repeatable(drawn)
            kept.put(key, "\n".join(drawn))
    if at is not None:
        canvas.restoreState()


def check_repeatable(operators: Sequence[str]) -> None:
    """Refuse a recording that could not be written again as it is.

    It may not place an XObject (`Do`: a form or image is a resource of the page it is on, and a
    later page would name it without listing it) and must restore every graphics state it
    saves (`q` ... `Q`), so the drawing after it starts from the state it would have had.
    """
    depth = 0
    for token in _STRING.sub(" ", " ".join(operators)).split():
        if token == "Do":
            raise ValueError("a reused drawing places a form or image (Do); draw it directly")
        depth += (token == "q") - (token == "Q")
        if depth < 0:
            break
    if depth != 0:
        raise ValueError("a reused drawing leaves the graphics state changed (q/Q unbalanced)")
