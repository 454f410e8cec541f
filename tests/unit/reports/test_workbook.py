"""Reports as workbooks: the sheets Excel shows, values as their types, no formulas from text."""

import zipfile
from dataclasses import replace
from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook, load_workbook

from fulfilment.reports.model import Chart, Report, Series, Table
from fulfilment.reports.workbook import report_workbook, sheet_name

LINK = '=HYPERLINK("https://evil.example/x","click")'
USAGE = Table(
    "Literature usage",
    ("Code", "Title", "Copies", "Cost (EUR)", "Last sent", "Note"),
    (
        ("L-CAT", "Full product catalogue", 1234, 1050.5, date(2026, 3, 2), LINK),
        ("L-CAT-ZH", "产品总目录", 12, None, datetime(2026, 3, 9, 14, 30), "-2+3"),
        ("L-X", "@SUM(A1:A9)", 0, 0.0, None, "+44 20 7946 0000"),
    ),
)
SOURCES = Chart(
    "Inquiries by source",
    "bar",
    ("Trade show", "Website", "Referral"),
    (Series("2025", (10, None, 3)), Series("2026", (12, 40, None))),
    unit="inquiries",
)


BASE = Report(
    name="usage",
    title="Literature usage",
    period="March 2026",
    company="Example Industries",
    tables=(USAGE,),
    charts=(SOURCES,),
    figures={"packets": 1200, "late_share": 0.25, "busiest": "Website", "by_week": {}},
)


def _book(report: Report) -> Workbook:
    return load_workbook(BytesIO(report_workbook(report)))


def test_summary_then_a_sheet_per_table_then_charts() -> None:
    book = _book(BASE)

    assert book.sheetnames == ["Summary", "Literature usage", "Charts"]
    rows = [row for row in book["Summary"].iter_rows(values_only=True) if any(row)]
    assert rows == [
        ("Literature usage", None),
        ("Company", "Example Industries"),
        ("Period", "March 2026"),
        ("packets", 1200),
        ("late_share", 0.25),
        ("busiest", "Website"),
    ]


def test_cells_keep_their_types_under_a_bold_frozen_header() -> None:
    sheet = _book(BASE)["Literature usage"]

    assert [cell.value for cell in sheet[1]] == list(USAGE.columns)
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet["C2"].value == 1234 and sheet["D2"].value == 1050.5
    assert sheet["D3"].value is None
    assert sheet["E2"].is_date and sheet["E2"].value == datetime(2026, 3, 2)
    assert sheet["E3"].is_date and sheet["E3"].value == datetime(2026, 3, 9, 14, 30)
    assert sheet["B3"].value == "产品总目录"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["C"].width


def test_text_that_looks_like_a_formula_stays_text() -> None:
    data = report_workbook(BASE)
    sheet = load_workbook(BytesIO(data))["Literature usage"]

    typed = (("F2", LINK), ("F3", "-2+3"), ("B4", "@SUM(A1:A9)"), ("F4", "+44 20 7946 0000"))
    for cell, text in typed:
        assert sheet[cell].value == text and sheet[cell].data_type == "s"
        assert sheet[cell].quotePrefix
    with zipfile.ZipFile(BytesIO(data)) as archive:
        xml = " ".join(
            archive.read(name).decode() for name in archive.namelist() if "worksheets" in name
        )
    assert "<f>" not in xml and "<f " not in xml


def test_each_chart_is_a_native_chart_beside_its_data() -> None:
    trend = Chart("Calls per week", "line", ("W01", "W02"), (Series("calls", (4, None)),))
    data = report_workbook(replace(BASE, charts=(SOURCES, trend)))

    sheet = load_workbook(BytesIO(data))["Charts"]

    rows = list(sheet.iter_rows(min_row=1, max_row=5, max_col=3, values_only=True))
    assert rows == [
        ("Inquiries by source", None, None),
        ("inquiries", "2025", "2026"),
        ("Trade show", 10, 12),
        ("Website", None, 40),
        ("Referral", 3, None),
    ]
    with zipfile.ZipFile(BytesIO(data)) as archive:
        charts = [archive.read(name).decode() for name in archive.namelist() if "/charts/" in name]
    assert len(charts) == 2
    bars, line = charts
    assert "<barChart>" in bars and "<lineChart>" in line
    assert all("<f>'Charts'!" in chart for chart in charts)


def test_a_chart_without_values_is_noted_not_drawn() -> None:
    empty = Chart("Costs", "line", ("W01", "W02"), (Series("cost", (None, None)),))
    data = report_workbook(replace(BASE, charts=(empty,)))

    sheet = load_workbook(BytesIO(data))["Charts"]

    assert "nothing to chart in this period" in [cell.value for cell in sheet["A"]]
    with zipfile.ZipFile(BytesIO(data)) as archive:
        assert not [name for name in archive.namelist() if "/charts/" in name]


def test_a_report_without_charts_has_no_charts_sheet() -> None:
    assert _book(replace(BASE, charts=())).sheetnames == ["Summary", "Literature usage"]


def test_sheet_names_are_valid_short_and_unique() -> None:
    long = "Literature usage per product line and region, all of 2026"
    tables = (
        Table("Costs: per source [EUR]/month?", ("Source",), (("Website",),)),
        Table(long, ("Code",), ()),
        Table(long, ("Code",), ()),
        Table("summary", ("Code",), ()),
        Table("Charts", ("Code",), ()),
        Table("***", ("Code",), ()),
    )

    names = _book(replace(BASE, tables=tables)).sheetnames

    assert names == [
        "Summary",
        "Costs per source EUR month",
        "Literature usage per product li",
        "Literature usage per produc (2)",
        "summary (2)",
        "Charts (2)",
        "Table",
        "Charts",
    ]
    assert all(len(name) <= 31 for name in names)


def test_numbered_names_count_up_past_existing_ones() -> None:
    assert sheet_name("Usage", ["Usage", "usage (2)"]) == "Usage (3)"
