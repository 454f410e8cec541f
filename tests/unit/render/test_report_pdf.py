"""Reports as PDF: what a reader finds on the pages, tables over pages, charts and their gaps."""

from dataclasses import replace
from datetime import date
from io import BytesIO

from pypdf import PdfReader
from reportlab.graphics.shapes import Group, PolyLine, Shape, String
from reportlab.graphics.widgetbase import Widget
from reportlab.pdfbase.pdfmetrics import stringWidth

from fulfilment.render import render_report
from fulfilment.render.report import chart_drawing
from fulfilment.reports.model import Chart, Report, Series, Table

WEEKS = tuple(f"2026-W{week:02d}" for week in range(1, 53))
USAGE = Table(
    "Literature usage",
    ("Code", "Title", "Copies", "Cost (EUR)", "Last sent"),
    (
        ("L-CAT", "Full product catalogue", 1234, 1050.5, date(2026, 3, 2)),
        ("L-CAT-ZH", "产品总目录", 12, None, date(2026, 3, 9)),
        ("L-X", "<b>Pumps & Co</b> {{ 7*7 }}", 0, 0.0, None),
    ),
)


BASE = Report(
    name="usage",
    title="Literature usage",
    period="March 2026",
    company="Example Industries",
    tables=(USAGE,),
)


def _pages(report: Report) -> list[str]:
    reader = PdfReader(BytesIO(render_report(report)))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


Placed = tuple[Shape, tuple[float, ...]]


def _shapes(node: Shape, transform: tuple[float, ...]) -> list[Placed]:
    """Every shape the drawing draws, each with the transform of the group it sits in."""
    if isinstance(node, Widget):
        return _shapes(node.draw(), transform)
    if isinstance(node, Group):
        return [placed for child in node.contents for placed in _shapes(child, node.transform)]
    return [(node, transform)]


def _drawn(chart: Chart) -> list[Placed]:
    drawing = chart_drawing(chart)
    assert drawing is not None
    return _shapes(drawing, (1, 0, 0, 1, 0, 0))


def test_title_block_headers_and_cells_print_as_given() -> None:
    (page,) = _pages(BASE)

    assert page.startswith("Literature usage Example Industries March 2026")
    assert "Code Title Copies Cost (EUR) Last sent" in page
    assert "L-CAT Full product catalogue 1,234 1,050.50 2026-03-02" in page
    assert "产品总目录" in page.replace(" ", "")
    assert "<b>Pumps & Co</b> {{ 7*7 }} 0 0.00" in page
    assert page.endswith("page 1 of 1")


def test_numbers_line_up_on_the_right_and_text_on_the_left() -> None:
    placed: dict[str, float] = {}

    def seen(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        placed[text.strip()] = cm[4] + tm[4]

    PdfReader(BytesIO(render_report(BASE))).pages[0].extract_text(visitor_text=seen)

    def right(text: str, font: str = "Helvetica") -> float:
        return round(placed[text] + float(stringWidth(text, font, 8)), 1)

    assert right("Copies", "Helvetica-Bold") == right("1,234") == right("12") == right("0")
    assert placed["Title"] == placed["Full product catalogue"] == placed["产品总目录"]


def test_a_long_table_runs_over_pages_with_its_header_on_each() -> None:
    rows = tuple((f"L-{n:03d}", f"Brochure {n}", n, date(2026, 3, 1)) for n in range(200))
    table = Table("Copies sent", ("Code", "Title", "Copies", "Sent on"), rows)

    pages = _pages(replace(BASE, tables=(table,)))

    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert "Code Title Copies Sent on" in page
        assert page.endswith(f"page {number} of {len(pages)}")
    text = " ".join(pages)
    assert all(f"L-{n:03d} Brochure {n} {n} 2026-03-01" in text for n in range(200))


def test_an_empty_table_says_so() -> None:
    table = Table("Backorders", ("Code", "Copies"), ())

    (page,) = _pages(replace(BASE, tables=(table, USAGE)))

    assert "Backorders none in this period Literature usage" in page
    assert "Code Copies" not in page


def test_a_year_of_weeks_with_gaps_prints_thinned_turned_labels_unit_and_legend() -> None:
    chart = Chart(
        "Turnaround per stage",
        "line",
        WEEKS,
        (
            Series("intake to plan", tuple(None if week % 10 == 3 else 1.5 for week in range(52))),
            Series("plan to mail", tuple(float(week % 6) for week in range(52))),
        ),
        unit="days",
    )

    (page,) = _pages(replace(BASE, tables=(), charts=(chart,)))

    assert "Turnaround per stage" in page
    assert "days" in page and "intake to plan" in page and "plan to mail" in page
    labels = [label for label in WEEKS if label in page]
    assert "2026-W01" in labels and 10 <= len(labels) <= 30
    drawn = [(shape, turn) for shape, turn in _drawn(chart) if isinstance(shape, String)]
    weeks = [turn for shape, turn in drawn if shape.text in WEEKS]
    assert len(weeks) == len(labels)
    assert all(abs(turn[1]) > 0.5 for turn in weeks)


def test_missing_values_leave_gaps_in_a_line() -> None:
    def lines(values: tuple[float | None, ...]) -> int:
        chart = Chart("Calls", "line", ("a", "b", "c", "d", "e"), (Series("calls", values),))
        return sum(
            1 for shape, _ in _drawn(chart) if isinstance(shape, PolyLine) and len(shape.points) > 2
        )

    assert lines((1, 2, 3, 4, 5)) == 1
    assert lines((1, 2, None, 4, 5)) == 2
    assert lines((1, None, 3, None, 5)) == 0


def test_a_chart_without_values_says_there_is_nothing_to_chart() -> None:
    empty = Chart("Costs per week", "bar", WEEKS, (Series("cost", (None,) * 52),), unit="EUR")
    blank = Chart("Ratings", "line", (), ())

    (page,) = _pages(replace(BASE, tables=(), charts=(empty, blank)))

    assert "Costs per week nothing to chart in this period" in page
    assert "Ratings nothing to chart in this period" in page
    assert "EUR" not in page


def test_bars_with_a_missing_value_and_chinese_categories_print() -> None:
    chart = Chart(
        "Inquiries by source",
        "bar",
        ("Trade show", "微信", "Website"),
        (Series("2025", (10, None, 30)), Series("2026", (12, 4, None))),
        unit="inquiries",
    )

    (page,) = _pages(replace(BASE, tables=(), charts=(chart,)))

    assert "Trade show" in page and "微信" in page and "Website" in page
    assert "inquiries" in page and "2025" in page and "2026" in page
