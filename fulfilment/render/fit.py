"""Setting lines of text inside a box: shrink to fit, then cut, never spill."""

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from fulfilment.render.fonts import font_for
from fulfilment.render.geometry import Rect, TextStyle

ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class FittedText:
    """Lines with their fonts at the one size that fits the box."""

    lines: tuple[str, ...]
    fonts: tuple[str, ...]
    size: float
    leading: float


def _height(count: int, size: float, leading: float) -> float:
    return size * (1 + (count - 1) * leading) if count else 0.0


def _truncate(line: str, font: str, size: float, width: float) -> str:
    if stringWidth(line, font, size) <= width:
        return line
    low, high = 0, len(line)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(line[:middle].rstrip() + ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return line[:low].rstrip() + ELLIPSIS


def fit_lines(lines: list[str], width: float, height: float, style: TextStyle) -> FittedText:
    """The largest size up to the style's that fits; below its minimum, cut lines instead."""
    kept = [line for line in lines if line]
    fonts = [font_for(line, style.bold) for line in kept]
    widest = max((stringWidth(line, font, 1.0) for line, font in zip(kept, fonts)), default=0.0)
    size = style.font_size
    if widest:
        size = min(size, width / widest)
    if kept:
        size = min(size, height / (1 + (len(kept) - 1) * style.leading))
    if size >= style.min_font_size:
        return FittedText(tuple(kept), tuple(fonts), size, size * style.leading)
    size = min(style.min_font_size, height)
    # Lines after the first give way first: the title and company sit there, while
    # the postal lines at the end are what the carrier needs.
    while len(kept) > 1 and _height(len(kept), size, style.leading) > height:
        del kept[1], fonts[1]
    cut = tuple(_truncate(line, font, size, width) for line, font in zip(kept, fonts))
    return FittedText(cut, tuple(fonts), size, size * style.leading)


def draw_fitted(canvas: Canvas, text: FittedText, area: Rect, align: str = "left") -> None:
    """Draw fitted lines from the top of `area`, aligned left, center or right."""
    # One text object for all lines: far cheaper than a drawString per line.
    lines = canvas.beginText()
    baseline = area.top - text.size * 0.8
    if align == "left":
        lines.setTextOrigin(area.x, baseline)
    current = ""
    for line, font in zip(text.lines, text.fonts):
        if font != current:
            lines.setFont(font, text.size, text.leading)
            current = font
        if align == "left":
            # Each line starts under the last: no new origin to compute and write.
            lines.textLine(line)
            continue
        spare = area.width - stringWidth(line, font, text.size)
        lines.setTextOrigin(area.x + (spare / 2 if align == "center" else spare), baseline)
        lines.textOut(line)
        baseline -= text.leading
    canvas.drawText(lines)


def draw_in_box(canvas: Canvas, lines: list[str], area: Rect, style: TextStyle) -> FittedText:
    """Fit `lines` into `area` (less the style's padding) and draw them."""
    inner = area.inset(style.padding)
    fitted = fit_lines(lines, inner.width, inner.height, style)
    draw_fitted(canvas, fitted, inner, style.align)
    return fitted
