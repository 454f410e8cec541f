"""The page-N note stamped onto page 1 of a bulletin PDF."""

from io import BytesIO

from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.lib.colors import Color, black
from reportlab.pdfgen.canvas import Canvas

from fulfilment.render.fit import draw_in_box
from fulfilment.render.stationery import stamp_box

_FILL = Color(1.0, 0.96, 0.7)
_EDGE = Color(0.6, 0.5, 0.1)


def _overlay(width: float, height: float, note: str) -> PdfReader:
    box = stamp_box()
    area = box.resolve(width, height)
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height))
    canvas.setFillColor(_FILL)
    canvas.setStrokeColor(_EDGE)
    canvas.roundRect(area.x, area.y, area.width, area.height, box.style.padding, stroke=1, fill=1)
    canvas.setFillColor(black)
    draw_in_box(canvas, [note], area, box.style)
    canvas.showPage()
    canvas.save()
    return PdfReader(BytesIO(buffer.getvalue()))


def stamp_page_note(pdf_bytes: bytes, note: str) -> bytes:
    """The PDF with `note` in a box at the top right of its first page."""
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf_bytes)))
    first = writer.pages[0]
    if first.rotation:
        first.transfer_rotation_to_content()
    box = first.mediabox
    overlay = _overlay(float(box.width), float(box.height), note).pages[0]
    first.merge_transformed_page(
        overlay, Transformation().translate(float(box.left), float(box.bottom))
    )
    output = BytesIO()
    writer.write(output)
    return output.getvalue()
