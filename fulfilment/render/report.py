"""Any report as a PDF: its title block, each chart drawn as vectors, each table on pages."""

import math
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from io import BytesIO
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fulfilment.render.fonts import LATIN, LATIN_BOLD, font_for, markup, needs_cjk, one_line
from fulfilment.render.pdfsettings import PrintCanvas
from fulfilment.reports.model import Chart, Report, Series
from fulfilment.reports.model import Table as ReportTable

_MARGIN = 18 * mm
_WIDTH = A4[0] - 2 * _MARGIN
_PALETTE = (
    colors.HexColor("#1f77b4"),
    colors.HexColor("#ff7f0e"),
    colors.HexColor("#2ca02c"),
    colors.HexColor("#d62728"),
    colors.HexColor("#9467bd"),
    colors.HexColor("#8c564b"),
    colors.HexColor("#e377c2"),
    colors.HexColor("#7f7f7f"),
)
_ZEBRA = colors.HexColor("#f1f3f6")
_HEADER_FILL = colors.HexColor("#dde3ea")
_RULE = colors.HexColor("#9aa5b1")
# The chart's plot area inside its drawing, and the room its axis labels take.
_PLOT_LEFT = 58.0
_PLOT_RIGHT = 12.0
_PLOT_HEIGHT = 170.0
_LABEL_SIZE = 7.0
_LABEL_GAP = 13.0
_LABEL_CHARS = 22
_LEGEND_ROW = 12.0
# Column widths follow the longest text of each column, within these bounds (characters),
# and leave each heading's longest word whole.
_NARROWEST = 4
_WIDEST = 40
# A table starts on a new page unless its title, header and a few rows fit here.
_TABLE_START = 90.0

_TEXT = ParagraphStyle("report-cell", fontName=LATIN, fontSize=8, leading=10)
_NUMBER = ParagraphStyle("report-number", parent=_TEXT, alignment=TA_RIGHT)
_HEADER = ParagraphStyle("report-header", parent=_TEXT, fontName=LATIN_BOLD)
_HEADER_NUMBER = ParagraphStyle("report-header-number", parent=_HEADER, alignment=TA_RIGHT)
_TITLE = ParagraphStyle("report-title", fontName=LATIN_BOLD, fontSize=18, leading=22, spaceAfter=4)
_SUBTITLE = ParagraphStyle("report-subtitle", fontName=LATIN, fontSize=10, leading=13)
_HEADING = ParagraphStyle(
    "report-heading",
    fontName=LATIN_BOLD,
    fontSize=12,
    leading=15,
    spaceBefore=14,
    spaceAfter=6,
)
_NOTE = ParagraphStyle("report-note", fontName=LATIN, fontSize=9, leading=12, textColor=_RULE)


class _NumberedCanvas(PrintCanvas):
    """A canvas that keeps its pages until the end, to print "page N of M" on each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._kept.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._kept)
        for state in self._kept:
            self.__dict__.update(state)
            self._footer(total)
            super().showPage()
        super().save()

    def _footer(self, total: int) -> None:
        self.setFont(LATIN, 8)
        self.setFillColor(colors.grey)
        self.drawRightString(
            A4[0] - _MARGIN, _MARGIN / 2, f"page {self.getPageNumber()} of {total}"
        )


@cache
def _cjk(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")


def _styled(text: object, style: ParagraphStyle) -> Paragraph:
    """User text as a paragraph that prints it literally, breaking Chinese between characters."""
    plain = one_line("" if text is None else str(text))
    return Paragraph(markup(plain), _cjk(style) if needs_cjk(plain) else style)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _cell_text(value: object) -> str:
    """A cell as printed: grouped digits, two decimals for fractions, ISO dates, yes or no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float | Decimal):
        return f"{value:,.2f}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _numeric_columns(table: ReportTable) -> list[bool]:
    """Columns whose filled cells are all numbers: they are right-aligned."""
    return [
        any(_is_number(cell) for cell in column)
        and all(cell is None or _is_number(cell) for cell in column)
        for column in zip(*table.rows, strict=True)
    ]


def _shown_width(text: str) -> int:
    """About how many Latin characters wide `text` prints; Chinese characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _column_widths(table: ReportTable) -> list[float]:
    lengths = [
        max(_shown_width(_cell_text(cell)) for cell in (heading, *column))
        for heading, column in zip(table.columns, zip(*table.rows, strict=True), strict=True)
    ]
    words = [
        max(_shown_width(word) for word in f"{heading} ".split(" ")) + 2
        for heading in table.columns
    ]
    weights = [
        max(min(length, _WIDEST), _NARROWEST, word)
        for length, word in zip(lengths, words, strict=True)
    ]
    return [_WIDTH * weight / sum(weights) for weight in weights]


def _table(table: ReportTable) -> list[Flowable]:
    heading = _styled(table.title, _HEADING)
    if not table.rows:
        return [KeepTogether([heading, _styled("none in this period", _NOTE)])]
    numeric = _numeric_columns(table)
    header = [
        _styled(name, _HEADER_NUMBER if number else _HEADER)
        for name, number in zip(table.columns, numeric, strict=True)
    ]
    body = [
        [
            _styled(_cell_text(cell), _NUMBER if number else _TEXT)
            for cell, number in zip(row, numeric, strict=True)
        ]
        for row in table.rows
    ]
    grid = Table([header, *body], colWidths=_column_widths(table), repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), _HEADER_FILL),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, _ZEBRA]),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, _RULE),
                ("BOX", (0, 0), (-1, -1), 0.5, _RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [CondPageBreak(_TABLE_START), heading, grid]


def _has_values(chart: Chart) -> bool:
    return bool(chart.categories) and any(
        value is not None for series in chart.series for value in series.values
    )


def _axis_number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _short(label: str) -> str:
    label = one_line(label)
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "\u2026"


class _Labels:
    """The category labels a chart prints: every step-th one, turned when they would touch."""

    def __init__(self, categories: Sequence[str], plot_width: float) -> None:
        self.fonts = [font_for(name) for name in categories]
        slot = plot_width / len(categories)
        self.step = max(1, math.ceil(_LABEL_GAP / slot))
        self.names = [
            _short(name) if index % self.step == 0 else "" for index, name in enumerate(categories)
        ]
        widest = max(
            stringWidth(name, font, _LABEL_SIZE)
            for name, font in zip(self.names, self.fonts, strict=True)
        )
        self.turned = widest > slot * self.step * 0.9
        self.height = (widest * 0.71 if self.turned else 0) + _LABEL_SIZE + 6


def _fit_axis(chart: VerticalBarChart | HorizontalLineChart, labels: _Labels) -> None:
    axis = chart.categoryAxis
    axis.categoryNames = labels.names
    axis.labels.fontSize = _LABEL_SIZE
    for index, font in enumerate(labels.fonts):
        axis.labels[index].fontName = font
    axis.labels.dy = -3
    if labels.turned:
        axis.labels.angle = 45
        axis.labels.boxAnchor = "ne"
    else:
        axis.labels.boxAnchor = "n"
    values = chart.valueAxis
    values.labels.fontName = LATIN
    values.labels.fontSize = _LABEL_SIZE
    values.labelTextFormat = _axis_number
    values.rangeRound = "ceiling"
    values.visibleGrid = 1
    values.gridStrokeColor = colors.HexColor("#e3e7ec")


def _value_floor(chart: Chart) -> tuple[float, float | None]:
    """The value axis starts at zero or below; a chart of only zeros still has a scale."""
    values = [value for series in chart.series for value in series.values if value is not None]
    low, high = min(0.0, *values), max(0.0, *values)
    return low, (None if high > low else low + 1)


def _runs(series: Series) -> list[list[float | None]]:
    """The series cut at its gaps: one row per unbroken run, None elsewhere."""
    rows: list[list[float | None]] = []
    current: list[float | None] | None = None
    for index, value in enumerate(series.values):
        if value is None:
            current = None
            continue
        if current is None:
            current = [None] * len(series.values)
            rows.append(current)
        current[index] = value
    return rows


def _bars(chart: Chart) -> VerticalBarChart:
    bars = VerticalBarChart()
    bars.data = [list(series.values) for series in chart.series]
    bars.barSpacing = 0.5
    bars.groupSpacing = 3 if len(chart.categories) > 20 else 6
    for index in range(len(chart.series)):
        bars.bars[index].fillColor = _PALETTE[index % len(_PALETTE)]
        bars.bars[index].strokeColor = None
    return bars


def _lines(chart: Chart) -> HorizontalLineChart:
    lines = HorizontalLineChart()
    rows: list[list[float | None]] = []
    for index, series in enumerate(chart.series):
        color = _PALETTE[index % len(_PALETTE)]
        for row in _runs(series):
            style = lines.lines[len(rows)]
            style.strokeColor = color
            style.strokeWidth = 1.5
            # A run of one value is a dot: a line needs two points to show.
            style.symbol = makeMarker("FilledCircle", size=3.5, fillColor=color)
            style.symbol.strokeColor = color
            rows.append(row)
    lines.data = rows
    return lines


def _unit_title(unit: str, y: float) -> Group:
    title = Group(
        String(0, 0, one_line(unit), fontName=font_for(unit), fontSize=8, textAnchor="middle")
    )
    title.translate(10, y)
    title.rotate(90)
    return title


def _legend(chart: Chart, width: float, rows: int) -> Legend:
    legend = Legend()
    legend.colorNamePairs = [
        (_PALETTE[index % len(_PALETTE)], _short(series.name))
        for index, series in enumerate(chart.series)
    ]
    legend.fontName = font_for("".join(series.name for series in chart.series))
    legend.fontSize = 8
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.columnMaximum = rows
    legend.dx = legend.dy = 7
    legend.deltax = width / math.ceil(len(chart.series) / rows)
    legend.subCols.minWidth = 0
    return legend


def chart_drawing(chart: Chart) -> Drawing | None:
    """The chart drawn as wide as the page's text, or None when it has no value to show."""
    if not _has_values(chart):
        return None
    plot_width = _WIDTH - _PLOT_LEFT - _PLOT_RIGHT
    labels = _Labels(chart.categories, plot_width)
    several = len(chart.series) > 1
    legend_rows = math.ceil(len(chart.series) / 4) if several else 0
    bottom = labels.height + legend_rows * _LEGEND_ROW + 8
    drawing = Drawing(_WIDTH, bottom + _PLOT_HEIGHT + 10)
    plot = _bars(chart) if chart.kind == "bar" else _lines(chart)
    plot.x, plot.y = _PLOT_LEFT, bottom
    plot.width, plot.height = plot_width, _PLOT_HEIGHT
    plot.valueAxis.valueMin, plot.valueAxis.valueMax = _value_floor(chart)
    _fit_axis(plot, labels)
    drawing.add(plot)
    if chart.unit:
        drawing.add(_unit_title(chart.unit, bottom + _PLOT_HEIGHT / 2))
    if several:
        legend = _legend(chart, plot_width, legend_rows)
        legend.x, legend.y = _PLOT_LEFT, legend_rows * _LEGEND_ROW + 2
        drawing.add(legend)
    return drawing


def _chart(chart: Chart) -> list[Flowable]:
    heading = _styled(chart.title, _HEADING)
    drawing = chart_drawing(chart)
    if drawing is None:
        return [KeepTogether([heading, _styled("nothing to chart in this period", _NOTE)])]
    return [KeepTogether([heading, drawing])]


def _title_block(report: Report) -> list[Flowable]:
    return [
        _styled(report.title, _TITLE),
        _styled(report.company, _SUBTITLE),
        _styled(report.period, _SUBTITLE),
        Spacer(1, 6),
    ]


def render_report(report: Report) -> bytes:
    """The report as a PDF: title block, then its charts, then its tables."""
    story = _title_block(report)
    for chart in report.charts:
        story.extend(_chart(chart))
    for table in report.tables:
        story.extend(_table(table))
    out = BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN,
        title=one_line(report.title),
        author=one_line(report.company),
    )
    document.build(story, canvasmaker=_NumberedCanvas)
    return out.getvalue()
