"""Table rules drawn straight on the canvas, as ReportLab's tables drew their GRID."""

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

GRID = Color(0.75, 0.75, 0.75)


def draw_grid(
    canvas: Canvas,
    x: float,
    top: float,
    *,
    widths: Sequence[float],
    heights: Sequence[float],
    width: float,
    one_path: bool = False,
) -> None:
    """Thin grey rules along every row and column edge of the table whose top left corner is
    (`x`, `top`), the rows `width` wide.

    The row rules and the column rules are stroked apart, as ReportLab's tables stroked each
    rule alone, so where they cross their edges blend as on those tables; `one_path` strokes
    all of them at once, as the pick list has printed its grid since it left those tables.
    """
    canvas.saveState()
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.4)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    rows = canvas.beginPath()
    right = x + width
    rule = top
    for height in heights:
        rows.moveTo(x, rule)
        rows.lineTo(right, rule)
        rule -= height
    rows.moveTo(x, rule)
    rows.lineTo(right, rule)
    columns = rows if one_path else canvas.beginPath()
    left = x
    for column in (0.0, *widths):
        left += column
        columns.moveTo(left, top)
        columns.lineTo(left, rule)
    canvas.drawPath(rows, stroke=1, fill=0)
    if columns is not rows:
        canvas.drawPath(columns, stroke=1, fill=0)
    canvas.restoreState()
