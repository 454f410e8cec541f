"""Address labels on Avery-style sheets, and the alignment sheet that checks a printer."""

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from fulfilment.errors import BadInput
from fulfilment.render.address import postal_lines
from fulfilment.render.barcodes import draw_code128
from fulfilment.render.fit import draw_in_box
from fulfilment.render.fonts import LATIN
from fulfilment.render.geometry import Rect
from fulfilment.render.packet import PacketData
from fulfilment.render.pdfsettings import PrintCanvas
from fulfilment.render.stationery import LabelSheet, label_sheet

_OUTLINE = Color(0.6, 0.6, 0.6)


@dataclass(frozen=True)
class LabelAddress:
    """What one label carries: postal lines and the packet number for its barcode."""

    lines: tuple[str, ...]
    packet_number: str = ""


def label_address(packet: PacketData) -> LabelAddress:
    """A packet's label: its recipient in postal form and its packet number."""
    return LabelAddress(tuple(postal_lines(packet.recipient)), packet.number)


def check_start_position(sheet: str, start_position: int) -> int:
    """The position of the first label to print, if that label is on the sheet."""
    stock = label_sheet(sheet)
    if not 1 <= start_position <= stock.per_sheet:
        raise BadInput(
            f"start position {start_position} is not on the {stock.code} sheet; "
            f"use 1 to {stock.per_sheet}"
        )
    return start_position


def _shift(offset_x_mm: float, offset_y_mm: float) -> tuple[float, float]:
    # Offsets nudge right and down, as a ruler on the printed sheet reads them.
    return offset_x_mm * mm, -offset_y_mm * mm


def _draw_label(canvas: Canvas, sheet: LabelSheet, cell: Rect, label: LabelAddress) -> None:
    inner = cell.inset(sheet.padding)
    text = inner
    if label.packet_number:
        barcode = Rect(cell.x, inner.y, cell.width, sheet.barcode_height)
        draw_code128(canvas, label.packet_number, barcode)
        lift = sheet.barcode_height + sheet.barcode_gap
        text = Rect(inner.x, inner.y + lift, inner.width, inner.height - lift)
    draw_in_box(canvas, list(label.lines), text, sheet.style)


def render_labels(
    addresses: Sequence[LabelAddress],
    sheet: str,
    *,
    start_position: int = 1,
    offset_x_mm: float = 0.0,
    offset_y_mm: float = 0.0,
) -> bytes:
    """Labels in order from `start_position` on the first sheet, as many sheets as needed."""
    stock = label_sheet(sheet)
    position = check_start_position(sheet, start_position)
    dx, dy = _shift(offset_x_mm, offset_y_mm)
    if not addresses:
        raise ValueError("no labels to render")
    buffer = BytesIO()
    canvas = PrintCanvas(buffer, pagesize=(stock.paper.width, stock.paper.height), title="Labels")
    for label in addresses:
        if position > stock.per_sheet:
            canvas.showPage()
            position = 1
        _draw_label(canvas, stock, stock.cell(position).moved(dx, dy), label)
        position += 1
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_alignment_sheet(
    sheet: str, *, offset_x_mm: float = 0.0, offset_y_mm: float = 0.0
) -> bytes:
    """Every label's outline and number, to hold against a blank sheet before a run."""
    stock = label_sheet(sheet)
    dx, dy = _shift(offset_x_mm, offset_y_mm)
    buffer = BytesIO()
    canvas = PrintCanvas(
        buffer, pagesize=(stock.paper.width, stock.paper.height), title="Label alignment"
    )
    canvas.setStrokeColor(_OUTLINE)
    canvas.setLineWidth(0.5)
    size = min(stock.label_height / 3, stock.style.font_size * 2)
    for position in range(1, stock.per_sheet + 1):
        cell = stock.cell(position).moved(dx, dy)
        canvas.roundRect(cell.x, cell.y, cell.width, cell.height, stock.corner_radius)
        canvas.setFont(LATIN, size)
        canvas.drawCentredString(
            cell.x + cell.width / 2, cell.y + (cell.height - size * 0.7) / 2, str(position)
        )
    caption = f"{stock.name} \u00b7 offset x {offset_x_mm:+.1f} mm, y {offset_y_mm:+.1f} mm"
    canvas.setFont(LATIN, 7)
    canvas.drawCentredString(stock.paper.width / 2, stock.paper.height - stock.top / 2, caption)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
