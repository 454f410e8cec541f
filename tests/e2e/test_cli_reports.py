"""litcenter report and litcenter sources costs as staff run them; bad dates are one line."""

import json
from datetime import date
from pathlib import Path

import pytest

from fulfilment.cli.reports import default_period
from tests.conftest import Cli, assert_one_line_error
from tests.support.report_world import build
from tests.support.samples import write_csv


def test_report_sources_json_on_the_demo(cli: Cli, tmp_path: Path) -> None:
    demo = cli("demo", "--json")
    assert demo.code == 0, demo.stderr
    loaded = demo.json()
    costs = write_csv(tmp_path / "costs.csv", [
        {"source": "Trade show", "detail": "", "month": "Nov 2026", "cost": "1,250.00"},
    ])  # fmt: skip
    assert cli("sources", "costs", "import", str(costs), "--json").json() == {
        "rows": 1, "created": 1, "replaced": 0,
    }  # fmt: skip

    result = cli("report", "sources", "--from", "2026-01-01", "--to", "2099-12-31", "--json")

    assert result.code == 0, result.stderr
    document = result.json()
    # The period ends today at the latest: nothing later has happened.
    assert (document["report"], document["start"]) == ("sources", "2026-01-01")
    assert document["end"] == loaded["batch"]["date"]
    by_source = document["figures"]["by_source"]
    assert sum(s["inquiries"] for s in by_source.values()) == loaded["inquiries"]["accepted"]
    assert sum(s["packets"] for s in by_source.values()) == loaded["batch"]["packets"]
    show = by_source["Trade show"]
    assert show["source_cost"] == 1250.0
    # The demo's literature has no unit costs: its packets cost their postage.
    assert show["packet_cost"] > 0
    assert show["cost"] == round(1250 + show["packet_cost"], 2)
    assert show["cost_per_inquiry"] == round(show["cost"] / show["inquiries"], 2)
    assert document["figures"]["postage_classes_without_price"] == []
    listed = cli("sources", "costs", "list", "--json").json()
    assert [(row["source"], row["month"], row["cost"]) for row in listed] == [
        ("Trade show", "2026-11", "1250.00")
    ]


@pytest.fixture
def world_cli(cli: Cli) -> Cli:
    assert cli("init").code == 0
    build(cli.database_url)
    return cli


@pytest.mark.parametrize("name", ["turnaround", "sources", "calls", "literature"])
def test_each_report_prints_its_tables(world_cli: Cli, name: str) -> None:
    result = world_cli("report", name, "--from", "2026-11-02", "--to", "2026-11-29")

    assert result.code == 0, result.stderr
    assert "2026-11-02 to 2026-11-29" in result.stdout
    document = world_cli("report", name, "--from", "2026-11-02", "--to", "2026-11-29", "--json")
    assert document.json()["report"] == name


def test_plain_output_shows_the_figures(world_cli: Cli) -> None:
    result = world_cli("report", "calls", "--from", "2026-11-02", "--to", "2026-11-29")

    assert "Open calls due before 2026-11-29" in result.stdout
    assert "Rep B" in result.stdout and "Max" in result.stdout


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("--from", "2026-11-31"), ("--from '2026-11-31' is not a day", "2026-12-10")),
        (("--to", "29/11/2026"), ("--to '29/11/2026' is not a day",)),
        (("--from", "2026-12-01", "--to", "2026-11-01"),
         ("--from 2026-12-01 is after --to 2026-11-01", "earlier day")),
    ],
)  # fmt: skip
def test_bad_and_reversed_dates_are_one_line(
    world_cli: Cli, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    assert_one_line_error(world_cli("report", "turnaround", *args), *fragments)


def test_a_bad_cost_file_is_one_line_and_stores_nothing(world_cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "costs.csv", [
        {"source": "Radio", "detail": "", "month": "someday", "cost": "1"},
    ])  # fmt: skip

    refused = world_cli("sources", "costs", "import", str(path))

    assert_one_line_error(refused, "row 2: month 'someday' is not a month", "nothing was imported")
    listed = world_cli("sources", "costs", "list", "--json").json()
    assert {row["source"] for row in listed} == {"Trade show", "Magazine ad", "Radio"}


def test_the_default_period_is_the_last_four_full_weeks() -> None:
    assert default_period(date(2026, 12, 4)) == (date(2026, 11, 2), date(2026, 11, 29))
    assert default_period(date(2026, 11, 30)) == (date(2026, 11, 2), date(2026, 11, 29))
    assert default_period(date(2026, 11, 29)) == (date(2026, 10, 26), date(2026, 11, 22))


def test_pdf_and_workbook_hold_the_report(world_cli: Cli, tmp_path: Path) -> None:
    pytest.importorskip("fulfilment.render.report")
    pytest.importorskip("fulfilment.reports.workbook")
    from openpyxl import load_workbook
    from pypdf import PdfReader

    pdf, xlsx = tmp_path / "out" / "literature.pdf", tmp_path / "out" / "literature.xlsx"
    result = world_cli("report", "literature", "--from", "2026-11-02", "--to", "2026-11-29",
                       "--pdf", str(pdf), "--xlsx", str(xlsx), "--json")  # fmt: skip

    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["files"] == {"pdf": str(pdf), "xlsx": str(xlsx)}
    assert pdf.read_bytes().startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Literature: waiting inquiries" in text
    cells = {
        cell
        for sheet in load_workbook(xlsx).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    }
    assert {"BR-A", "BR-B", "CAT", "VLV-9", "Max", "Oli"} <= cells
    assert not list((tmp_path / "out").glob(".*.tmp"))
