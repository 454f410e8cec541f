"""Drawings that recur within one document: drawn once, then their operators written again."""

from collections.abc import Callable, Hashable
from weakref import WeakKeyDictionary

from reportlab.pdfgen.canvas import Canvas

# Per document, since the operators name its fonts by the order it first used them. Repeating
# them costs a list append, where a form costs an object and an entry in every page's resources
# that the batch's merge reads back.
_recorded: "WeakKeyDictionary[Canvas, dict[Hashable, str]]" = WeakKeyDictionary()


def draw_recorded(canvas: Canvas, key: Hashable, draw: Callable[[Canvas], object]) -> None:
    """Draw with `draw` the first time `key` is drawn in the canvas's document; after that,
    write the operators it drew again.

    `draw` must leave the graphics state as it found it and place no forms or images: those
    are resources its operators would name without the page listing them.
    """
    kept = _recorded.setdefault(canvas, {})
    found = kept.get(key)
    if found is not None:
        canvas.addLiteral(found)
        return
    # ReportLab has no public way to read back what was drawn: its operator list is `_code`.
    code: list[str] = canvas._code
    start = len(code)
    draw(canvas)
    if canvas._code is code:
        kept[key] = "\n".join(code[start:])
