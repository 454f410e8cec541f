"""A reused drawing written again at another place prints as drawing it there would."""

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from fulfilment.render.grid import draw_grid
from fulfilment.render.reuse import draw_reused
from tests.integration.render.pdf_reading import rasterize

PLACES = [(20.0, 120.0), (150.5, 33.25), (61.3, 90.7)]


def _table(canvas: Canvas) -> None:
    canvas.setFont("Helvetica-Bold", 9)
    canvas.drawString(6, 21, "Shelf  Code  Qty")
    canvas.setFont("Helvetica", 9)
    canvas.drawString(6, 6, "A-10  L-PRICE (2026)  3")
    draw_grid(canvas, 0, 32, widths=[40.0, 60.0, 30.0], heights=[16.0, 16.0], width=130.0)


def _pdf(place: Callable[[Canvas, tuple[float, float]], None]) -> bytes:
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 200))
    for at in PLACES:
        place(canvas, at)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _reused(canvas: Canvas, at: tuple[float, float]) -> None:
    draw_reused(canvas, "table", _table, at=at)


def _direct(canvas: Canvas, at: tuple[float, float]) -> None:
    canvas.saveState()
    canvas.translate(*at)
    _table(canvas)
    canvas.restoreState()


def test_a_drawing_written_again_elsewhere_prints_as_drawn_there(tmp_path: Path) -> None:
    reused = rasterize(_pdf(_reused), tmp_path / "reused", 200)
    direct = rasterize(_pdf(_direct), tmp_path / "direct", 200)

    assert len(reused) == len(direct) == len(PLACES)
    assert [page.read_bytes() for page in reused] == [page.read_bytes() for page in direct]
    assert len({page.read_bytes() for page in reused}) == len(PLACES)
