"""The page-N stamp merged onto a bulletin's first page."""

from io import BytesIO

from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen.canvas import Canvas

from fulfilment.render import stamp_page_note
from fulfilment.render.stationery import stamp_box
from tests.integration.render.pdf_reading import text_lines

NOTE = "See page 17: Centrifugal pump CP-100"


def _bulletin(pages: int, rotate: int = 0) -> bytes:
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    for number in range(1, pages + 1):
        canvas.drawString(72, 420, f"Bulletin page {number}")
        canvas.showPage()
    canvas.save()
    if not rotate:
        return buffer.getvalue()
    writer = PdfWriter(clone_from=PdfReader(BytesIO(buffer.getvalue())))
    writer.pages[0].rotate(rotate)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def test_note_lands_on_page_one_only_inside_its_box() -> None:
    stamped = stamp_page_note(_bulletin(3), NOTE)

    reader = PdfReader(BytesIO(stamped))
    assert len(reader.pages) == 3
    assert "Bulletin page 1" in reader.pages[0].extract_text()
    assert all(NOTE not in page.extract_text() for page in reader.pages[1:])
    (line,) = [line for line in text_lines(stamped) if line.text == NOTE]
    assert stamp_box().resolve(595, 842).contains(line.extent)


def test_note_reads_upright_on_a_rotated_page() -> None:
    stamped = stamp_page_note(_bulletin(1, rotate=90), NOTE)

    page = PdfReader(BytesIO(stamped)).pages[0]
    assert page.rotation == 0
    assert NOTE in page.extract_text()
    assert float(page.mediabox.width) > float(page.mediabox.height)


def test_note_prints_literally() -> None:
    stamped = stamp_page_note(_bulletin(1), "<b>{{ 7*7 }}</b> & more")

    assert "<b>{{ 7*7 }}</b> & more" in PdfReader(BytesIO(stamped)).pages[0].extract_text()
