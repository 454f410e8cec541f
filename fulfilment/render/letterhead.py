"""The letterhead, drawn once per document and written again on every page that has it."""

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from fulfilment.render.fit import draw_fitted, draw_in_box, fit_lines
from fulfilment.render.packet import CompanyProfile
from fulfilment.render.reuse import draw_reused
from fulfilment.render.stationery import PageLayout

_RULE = Color(0.55, 0.55, 0.55)


def _draw(canvas: Canvas, company: CompanyProfile, layout: PageLayout) -> None:
    name_area, details_area = layout.area("letterhead"), layout.area("letterhead_details")
    draw_in_box(canvas, [company.name], name_area, layout.style("letterhead"))
    details = [*company.return_address, company.phone]
    draw_in_box(canvas, details, details_area, layout.style("letterhead_details"))
    canvas.setStrokeColor(_RULE)
    canvas.setLineWidth(0.5)
    canvas.line(name_area.x, name_area.y, details_area.right, name_area.y)


def _draw_letter_extras(canvas: Canvas, company: CompanyProfile, layout: PageLayout) -> None:
    _draw(canvas, company, layout)
    if "sender_line" in layout.boxes:
        _draw_sender_line(canvas, company, layout)
    _draw_marks(canvas, layout)


def _draw_sender_line(canvas: Canvas, company: CompanyProfile, layout: PageLayout) -> None:
    # DIN 5008's return line shows through the window above the recipient.
    area = layout.area("sender_line")
    line = " \u00b7 ".join(company.return_address)
    fitted = fit_lines([line], area.width, area.height, layout.style("sender_line"))
    draw_fitted(canvas, fitted, area)
    canvas.setLineWidth(0.3)
    canvas.line(area.x, area.y, area.right, area.y)


def _draw_marks(canvas: Canvas, layout: PageLayout) -> None:
    height = layout.paper.height
    canvas.setLineWidth(0.4)
    for mark in layout.fold_marks:
        canvas.line(0, height - mark, layout.mark_length, height - mark)
    if layout.punch_mark is not None:
        punch = height - layout.punch_mark
        canvas.line(0, punch, layout.punch_mark_length, punch)


def draw_letterhead(
    canvas: Canvas,
    company: CompanyProfile,
    layout: PageLayout,
    *,
    letter: bool,
) -> None:
    """Draw the letterhead, on a letter with return line and fold marks."""
    key = (
        "letterhead",
        letter,
        company.name,
        company.return_address,
        company.phone,
        layout.paper.code,
    )
    draw_reused(canvas, key, lambda canvas: _draw_head(canvas, company, layout, letter))


def _draw_head(canvas: Canvas, company: CompanyProfile, layout: PageLayout, letter: bool) -> None:
    # In its own graphics state, so the page's drawing after it starts from the state before.
    canvas.saveState()
    (_draw_letter_extras if letter else _draw)(canvas, company, layout)
    canvas.restoreState()
