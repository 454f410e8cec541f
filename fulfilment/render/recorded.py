"""Drawings that recur within one document: drawn once, then their operators written again."""

import re
from collections.abc import Callable, Hashable, Sequence
from weakref import WeakKeyDictionary

from reportlab.pdfgen.canvas import Canvas

from fulfilment.compat import canvas_operators

# Per document, since the operators name its fonts by the order it first used them. Repeating
# them costs a list append, where a form costs an object and an entry in every page's resources
# that the batch's merge reads back.
_recorded: "WeakKeyDictionary[Canvas, dict[Hashable, str]]" = WeakKeyDictionary()
# A PDF string literal as ReportLab writes it (its parentheses and backslashes escaped): text
# that is drawn, never an operator.
_STRING = re.compile(r"\((?:\\.|[^\\()])*\)")


def draw_recorded(canvas: Canvas, key: Hashable, draw: Callable[[Canvas], object]) -> None:
    """Draw with `draw` the first time `key` is drawn in the canvas's document; after that,
    write the operators it drew again.

    `draw` must leave the graphics state as it found it and place no forms or images: those
    are resources its operators would name without the page listing them. `check_repeatable`
    refuses a recording that breaks the rule.
    """
    kept = _recorded.setdefault(canvas, {})
    found = kept.get(key)
    if found is not None:
        canvas.addLiteral(found)
        return
    code = canvas_operators(canvas)
    start = len(code)
    draw(canvas)
    if canvas_operators(canvas) is code:
        drawn = code[start:]
        check_repeatable(drawn)
        kept[key] = "\n".join(drawn)


def check_repeatable(operators: Sequence[str]) -> None:
    """Refuse a recording that could not be written again as it is.

    It may not place an XObject (`Do`: a form or image is a resource of the page it is on, and a
    later page would name it without listing it) and must restore every graphics state it
    saves (`q` ... `Q`), so the drawing after it starts from the state it would have had.
    """
    depth = 0
    for token in _STRING.sub(" ", " ".join(operators)).split():
        if token == "Do":
            raise ValueError("a recorded drawing places a form or image (Do); draw it directly")
        depth += (token == "q") - (token == "Q")
        if depth < 0:
            break
    if depth != 0:
        raise ValueError("a recorded drawing leaves the graphics state changed (q/Q unbalanced)")
