"""Any report as an Excel workbook: a summary sheet, a sheet per table, native charts."""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fulfilment.reports.model import Chart, Report, Table

SUMMARY = "Summary"
CHARTS = "Charts"
# Excel's limits on a sheet's name: its length and the characters it may not hold.
_NAME_LENGTH = 31
_NOT_IN_NAME = re.compile(r"[\[\]:*?/\\]")
# Text starting with these is a formula to Excel (and to openpyxl, for "=").
_FORMULA_START = ("=", "+", "-", "@")
_DATE = "yyyy-mm-dd"
_DATE_TIME = "yyyy-mm-dd hh:mm"
_NARROWEST = 8
_WIDEST = 60
# A chart's place beside its data: its size in cells, and the rows between charts.
_CHART_ROWS = 16
_CHART_WIDTH_CM = 18.0
_CHART_HEIGHT_CM = 7.5
_BOLD = Font(bold=True)


def sheet_name(title: str, taken: Iterable[str]) -> str:
    """A valid sheet name for `title`, unlike any in `taken` (Excel ignores case)."""
    base = " ".join(_NOT_IN_NAME.sub(" ", ILLEGAL_CHARACTERS_RE.sub(" ", title)).split())
    base = base.strip("'").strip() or "Table"
    used = {name.casefold() for name in taken}
    name = base[:_NAME_LENGTH]
    number = 1
    while name.casefold() in used:
        number += 1
        suffix = f" ({number})"
        name = base[: _NAME_LENGTH - len(suffix)].rstrip() + suffix
    return name


def _write(cell: Cell, value: object) -> None:
    """A value as itself: numbers as numbers, dates as dates, text as text, never a formula."""
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, datetime):
        cell.value = value
        cell.number_format = _DATE_TIME
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = _DATE
    elif isinstance(value, bool | int | float) or value is None:
        cell.value = value
    else:
        text = ILLEGAL_CHARACTERS_RE.sub(" ", str(value))
        cell.value = text
        if text.startswith(_FORMULA_START):
            cell.data_type = "s"
            cell.quotePrefix = True


def _shown_width(value: object) -> int:
    """About how many character widths a cell shows; Chinese characters take two."""
    if isinstance(value, datetime):
        return len(_DATE_TIME)
    if isinstance(value, date):
        return len(_DATE)
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _fit_columns(sheet: Worksheet, rows: Sequence[Sequence[Any]]) -> None:
    for index, column in enumerate(zip(*rows), start=1):
        widest = max(_shown_width(value) for value in column) + 2
        width = min(max(widest, _NARROWEST), _WIDEST)
        sheet.column_dimensions[get_column_letter(index)].width = width


def _summary(sheet: Worksheet, report: Report) -> None:
    sheet.title = SUMMARY
    rows: list[tuple[Any, ...]] = [
        (report.title,),
        ("Company", report.company),
        ("Period", report.period),
    ]
    figures = [
        (key, value)
        for key, value in report.figures.items()
        if isinstance(value, int | float | Decimal | str) and not isinstance(value, bool)
    ]
    if figures:
        rows.extend([(), *figures])
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            _write(sheet.cell(row_number, column), value)
        if row:
            sheet.cell(row_number, 1).font = _BOLD
    sheet["A1"].font = Font(bold=True, size=14)
    _fit_columns(sheet, [row for row in rows[1:] if row])


def _table(sheet: Worksheet, table: Table) -> None:
    rows = [table.columns, *table.rows]
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            _write(sheet.cell(row_number, column), value)
    for cell in sheet[1]:
        cell.font = _BOLD
    sheet.freeze_panes = "A2"
    _fit_columns(sheet, rows)


def _chart_block(sheet: Worksheet, chart: Chart, top: int) -> int:
    """The chart's title and data from row `top`, its chart beside them; the rows it takes."""
    _write(sheet.cell(top, 1), chart.title)
    sheet.cell(top, 1).font = _BOLD
    header = top + 1
    _write(sheet.cell(header, 1), chart.unit or None)
    for column, series in enumerate(chart.series, start=2):
        _write(sheet.cell(header, column), series.name)
        sheet.cell(header, column).font = _BOLD
        for offset, value in enumerate(series.values, start=1):
            _write(sheet.cell(header + offset, column), value)
    for offset, category in enumerate(chart.categories, start=1):
        _write(sheet.cell(header + offset, 1), category)
    last = header + len(chart.categories)
    if not any(value is not None for series in chart.series for value in series.values):
        _write(sheet.cell(last + 1, 1), "nothing to chart in this period")
        return last - top + 3
    drawn = BarChart() if chart.kind == "bar" else LineChart()
    drawn.title = chart.title
    drawn.y_axis.title = chart.unit or None
    drawn.x_axis.delete = False
    drawn.y_axis.delete = False
    drawn.width, drawn.height = _CHART_WIDTH_CM, _CHART_HEIGHT_CM
    drawn.display_blanks = "gap"
    data = Reference(sheet, min_col=2, max_col=1 + len(chart.series), min_row=header, max_row=last)
    drawn.add_data(data, titles_from_data=True)
    drawn.set_categories(Reference(sheet, min_col=1, min_row=header + 1, max_row=last))
    if len(chart.series) < 2:
        drawn.legend = None
    sheet.add_chart(drawn, f"{get_column_letter(len(chart.series) + 3)}{top}")
    return max(last - top + 3, _CHART_ROWS)


def _charts(sheet: Worksheet, charts: Sequence[Chart]) -> None:
    top = 1
    for chart in charts:
        top += _chart_block(sheet, chart, top)
    labels = [name for chart in charts for name in chart.categories]
    widest = max((_shown_width(name) for name in labels), default=0) + 2
    sheet.column_dimensions["A"].width = min(max(widest, _NARROWEST), _WIDEST)


def report_workbook(report: Report) -> bytes:
    """The report as .xlsx bytes: "Summary", a sheet per table, then "Charts" if it has any."""
    book = Workbook()
    _summary(book.active, report)
    taken = [SUMMARY, CHARTS]
    for table in report.tables:
        name = sheet_name(table.title, taken)
        taken.append(name)
        _table(book.create_sheet(name), table)
    if report.charts:
        _charts(book.create_sheet(CHARTS), report.charts)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
