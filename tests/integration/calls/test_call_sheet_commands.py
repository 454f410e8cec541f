"""The sheet and ics commands on a small app of their own: files written, one line printed."""

import json
from pathlib import Path

import pytest
import typer
from icalendar import Calendar
from pypdf import PdfReader
from typer.testing import CliRunner, Result

from fulfilment.cli.call_sheets import ics, sheet
from fulfilment.errors import BadInput, NotFound
from tests.support.call_world import CallWorld, call_world
from tests.support.world import write_profile

app = typer.Typer()
app.command("sheet")(sheet)
app.command("ics")(ics)


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> CallWorld:
    made = call_world(database_url, tmp_path / "home", tmp_path / "out")
    write_profile(made.home)
    return made


def run(world: CallWorld, *args: str) -> Result:
    env = {"LITCENTER_HOME": str(world.home), "LITCENTER_DATABASE_URL": world.url}
    return CliRunner().invoke(app, list(args), env=env)


def test_sheet_writes_the_pdf_and_says_how_many_calls(world: CallWorld, tmp_path: Path) -> None:
    out = tmp_path / "maria.pdf"
    result = run(world, "sheet", "--rep", "R-WEST", "--date", "2026-11-30", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Call sheet for R-WEST, 2026-11-30: 2 calls -> {out}"
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Jane Cooper" in text and "Jenny Wilson" in text


def test_sheet_as_json(world: CallWorld, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    result = run(world, "sheet", "--date", "2026-11-26", "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document == {"file": str(out), "calls": document["calls"], "rep": None,
                        "date": "2026-11-26"}  # fmt: skip
    assert document["calls"] >= 3
    assert out.is_file()


def test_ics_writes_the_calendar(world: CallWorld, tmp_path: Path) -> None:
    out = tmp_path / "maria.ics"
    result = run(world, "ics", "--rep", "R-WEST", "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"file": str(out), "calls": 3, "rep": "R-WEST"}
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 3


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        (("sheet", "--date", "30/11/2026"), BadInput, "2026-12-10, Dec 10"),
        (("sheet", "--rep", "R-NOBODY"), NotFound, "R-WEST"),
        (("ics", "--rep", "R-NOBODY"), NotFound, "R-NOBODY"),
    ],
)
def test_a_bad_value_is_one_line_and_no_file(
    world: CallWorld, tmp_path: Path, args: tuple[str, ...], error: type, fragment: str
) -> None:
    out = tmp_path / "calls.out"
    result = run(world, *args, "--out", str(out))
    assert isinstance(result.exception, error)
    assert fragment in str(result.exception) and "\n" not in str(result.exception)
    assert not out.exists()


def test_a_missing_folder_is_named(world: CallWorld, tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "calls.pdf"
    result = run(world, "sheet", "--rep", "R-WEST", "--out", str(out))
    assert isinstance(result.exception, BadInput)
    assert str(out.parent) in str(result.exception)
    assert not out.parent.exists()
