"""The letters' own quick paths print as ReportLab's paragraphs and frames print them."""

from io import BytesIO
from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
)

from fulfilment.render.fonts import markup, register_cjk
from fulfilment.render.paragraphs import paragraph, plain_lines
from fulfilment.render.stack import Stack
from tests.integration.render.pdf_reading import page_count, rasterize, text_runs

STYLE = ParagraphStyle("test-pixels", fontName="Helvetica", fontSize=9, leading=10.8)
CJK_STYLE = ParagraphStyle("test-pixels-cjk", parent=STYLE, wordWrap="CJK")


def _pdf(flowable: Flowable) -> bytes:
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 200))
    Frame(20, 20, 260, 160, 0, 0, 0, 0).addFromList([flowable], canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _pixels(pdf: bytes, folder: Path) -> bytes:
    return rasterize(pdf, folder, 200)[0].read_bytes()


@pytest.mark.parametrize(
    "text",
    [
        # The lines a Chinese letter's info box is made of: a space left at each line break.
        (
            f"{markup('日期：2026年11月23日')}<br/> {markup('编号：P2026-11-23-00044')}<br/> "
            f"{markup('电话：+86 21 5555 0100')} "
        ),
        f"abc {markup('日期')}<br/> x y <br/>z ",
    ],
)
def test_chinese_lines_with_spaces_at_their_ends_print_as_the_paragraph(
    text: str, tmp_path: Path
) -> None:
    register_cjk()
    assert plain_lines(text, "Helvetica", strip=False) is not None

    quick = _pixels(_pdf(paragraph(text, STYLE)), tmp_path / "quick")
    reportlab = _pixels(_pdf(Paragraph(text, CJK_STYLE)), tmp_path / "reportlab")

    assert quick == reportlab


def _story(stacked: bool) -> list[Flowable]:
    body = ParagraphStyle("test-body", parent=STYLE, spaceBefore=4, spaceAfter=3)
    bullet = ParagraphStyle("test-bullet", parent=body, leftIndent=12, spaceBefore=0)
    texts = [f"Paragraph {n} " + "with words that wrap " * (n % 4 + 1) for n in range(9)]
    run = [
        paragraph(text, bullet if n % 3 else body, "\u2022" if n % 3 else None)
        for n, text in enumerate(texts)
    ]
    closing = [paragraph("Sincerely,", body), Spacer(0, 20)]
    closing.append(paragraph("<b>Example</b><br/>Literature Center", body))
    if stacked:
        return [Stack(run), Stack(closing, together=True)]
    return [*run, KeepTogether(closing)]


def _placed(pdf: bytes, page: int) -> list[tuple[str, float, float, str]]:
    # A thousandth of a point: the sums run in another order, far below any printer's dot.
    return [
        (run.text, round(run.x, 3), round(run.y, 3), run.font) for run in text_runs(pdf, page)
    ]


@pytest.mark.parametrize("height", [60, 95, 130, 170, 240, 330])
def test_a_stack_breaks_pages_where_its_flowables_would(height: float) -> None:
    def pdf(stacked: bool) -> bytes:
        buffer = BytesIO()
        frame = Frame(20, 20, 200, height, 0, 0, 0, 0)
        document = BaseDocTemplate(buffer, pageTemplates=[PageTemplate("page", [frame])])
        document.build(_story(stacked))
        return buffer.getvalue()

    stacked, single = pdf(True), pdf(False)

    pages = page_count(single)
    assert page_count(stacked) == pages
    for page in range(pages):
        assert _placed(stacked, page) == _placed(single, page)
