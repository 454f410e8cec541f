"""The commands staff type, without --json, in a real terminal with Rich's live progress."""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from tests.support.synthetic import write_inquiries
from tests.support.terminal import Terminal, TerminalResult, live_text

BATCH_STEPS = ("plan", "reserve", "render", "assemble", "commit")
PACKET_NUMBER = re.compile(r"\bP\d{8}-\d{5}\b")
BATCH_SUMMARY = re.compile(
    r"^Batch (?P<date>\d{4}-\d\d-\d\d): (?P<packets>\d+) packets \((?P<new>\d+) new\) "
    r"for (?P<inquiries>\d+) inquiries, "
    r"(?P<held>\d+) held, (?P<backordered>\d+) items backordered, [\d.]+ s$",
    re.MULTILINE,
)
PRINTER_FILES = ("letters", "envelopes", "labels", "picklist", "manifest", "manifest_pdf")


@pytest.fixture(scope="module")
def demo_data() -> Iterator[Path]:
    """The packaged sample center: products, reps, literature with PDFs, 33 inquiries."""
    with as_file(files("fulfilment").joinpath("demo_data")) as folder:
        yield folder


def terminal_in(folder: Path) -> Terminal:
    return Terminal(home=folder / "home", database_url=f"sqlite:///{folder / 'litcenter.db'}")


def finished(result: TerminalResult) -> str:
    """The text a person read, once the command is known to have ended well."""
    # The screen as left (each bar's last frame), not every frame the bar drew.
    assert "Traceback" not in result.text, result.screen[-6000:]
    assert result.code == 0, result.screen[-6000:]
    return result.screen


def printed_files(text: str) -> dict[str, Path]:
    """The `name  /path` lines a command prints for the files it wrote."""
    return {
        match["name"]: Path(match["path"])
        for match in re.finditer(r"^(?P<name>\w+) +(?P<path>/\S+)$", text, re.MULTILINE)
    }


@dataclass
class Center:
    """A center set up from the sample data with plain commands, and what its import printed."""

    terminal: Terminal
    imported: TerminalResult


@pytest.fixture(scope="module")
def center(tmp_path_factory: pytest.TempPathFactory, demo_data: Path) -> Center:
    terminal = terminal_in(tmp_path_factory.mktemp("center"))
    finished(terminal("init"))
    assert "10 products: 10 new" in finished(
        terminal("products", "import", str(demo_data / "products.csv"))
    )
    assert "8 reps: 8 new" in finished(terminal("reps", "import", str(demo_data / "reps.csv")))
    assert "17 rows: 17 new" in finished(
        terminal("stock", "import", str(demo_data / "literature.csv"))
    )
    return Center(terminal, terminal("import", str(demo_data / "inquiries.csv")))


@pytest.fixture(scope="module")
def plain_batch(center: Center) -> TerminalResult:
    """Today's batch run as staff type it: `litcenter batch run`, nothing else."""
    return center.terminal("batch", "run")


@pytest.fixture(scope="module")
def shown_batch(center: Center, plain_batch: TerminalResult) -> TerminalResult:
    """`batch show 1` once the day's batch is done.

    Should the plain run have failed, the day is finished with --json, so that the commands
    reading a batch are still tried; the plain run's own test reports its failure.
    """
    if plain_batch.code != 0:
        finished(center.terminal("batch", "run", "--json"))
    return center.terminal("batch", "show", "1")


def test_demo_prints_the_batch_and_where_the_printer_files_are(
    tmp_path: Path,
) -> None:
    demo = terminal_in(tmp_path)("demo")

    text = finished(demo)
    live = live_text(demo.raw)
    shown = [step for step in BATCH_STEPS if re.search(rf": {step}\b", live)]
    assert shown, f"the progress bar named none of the batch's steps:\n{live[-2000:]}"
    assert f"Demo center in {(tmp_path / 'home').resolve()}" in text
    assert "30 inquiries accepted, 3 quarantined" in text
    summary = re.search(
        r"^Batch \d{4}-\d\d-\d\d: (\d+) packets for (\d+) inquiries, (\d+) held", text, re.MULTILINE
    )
    assert summary, text
    assert (int(summary[1]), int(summary[2])) == (15, 30), "each demo contact asks twice"
    files = printed_files(text)
    for name in PRINTER_FILES:
        assert files[name].is_file(), f"{name}: {files.get(name)}"
    assert files["letters"].read_bytes().startswith(b"%PDF")
    assert "Next: litcenter batch show 1" in text


def test_import_prints_how_many_rows_were_accepted_and_quarantined(center: Center) -> None:
    text = finished(center.imported)

    assert "33 rows: 30 accepted, 3 quarantined, 0 already imported" in text
    assert "See them with: litcenter quarantine list" in text


def test_import_of_a_large_file_shows_a_progress_bar(tmp_path: Path, demo_data: Path) -> None:
    terminal = terminal_in(tmp_path)
    finished(terminal("init"))
    finished(terminal("products", "import", str(demo_data / "products.csv")))
    leads = tmp_path / "leads.csv"
    write_inquiries(leads, 1400, seed=3)
    assert leads.stat().st_size > 200_000, "large enough for the command to show its bar"

    imported = terminal("import", str(leads))

    text = finished(imported)
    assert "1400 rows: 1400 accepted, 0 quarantined" in text
    assert "Importing leads.csv" in live_text(imported.raw)
    assert "1400/1400" in text, "the bar ends showing every row done"


def test_batch_run_shows_its_steps_then_the_day_and_its_files(plain_batch: TerminalResult) -> None:
    text = finished(plain_batch)

    live = live_text(plain_batch.raw)
    shown = [step for step in BATCH_STEPS if re.search(rf"Batch [\d-]+: {step}\b", live)]
    assert shown, f"the progress bar named none of the batch's steps:\n{live[-2000:]}"
    summary = BATCH_SUMMARY.search(text)
    assert summary, text
    assert int(summary["packets"]) == int(summary["new"]) == 15
    assert summary["inquiries"] == "30", "one packet answers both inquiries of each contact"
    assert summary["held"] == "0"
    files = printed_files(text)
    for name in PRINTER_FILES:
        assert files[name].is_file(), f"{name}: {files.get(name)}"
        assert summary["date"] in str(files[name])
    assert files["letters"].read_bytes().startswith(b"%PDF")


def test_batch_show_lists_the_packets_with_their_numbers(shown_batch: TerminalResult) -> None:
    text = finished(shown_batch)

    assert re.search(r"^Batch \d{4}-\d\d-\d\d \(committed\), files in /", text, re.MULTILINE)
    assert "Packets" in text
    numbers = PACKET_NUMBER.findall(text)
    assert len(set(numbers)) == 15, text
    assert "printed" in text


def test_scan_says_mailed_and_batch_show_then_shows_it(
    center: Center, shown_batch: TerminalResult
) -> None:
    printed = [
        line for line in finished(shown_batch).splitlines()
        if PACKET_NUMBER.search(line) and {"print", "printed"} <= set(line.replace("│", " ").split())
    ]  # fmt: skip
    assert printed, shown_batch.screen
    number = PACKET_NUMBER.findall(printed[0])[0]

    scanned = center.terminal("scan", number)

    assert re.search(rf"^{number} +mailed$", finished(scanned), re.MULTILINE), scanned.screen
    again = finished(center.terminal("batch", "show", "1"))
    row = next(line for line in again.splitlines() if number in line)
    assert "mailed" in row and "printed" not in row


def test_preview_prints_the_files_it_wrote(center: Center, tmp_path: Path) -> None:
    proofs = tmp_path / "proofs"

    preview = center.terminal("preview", "1", "--out", str(proofs))

    files = printed_files(finished(preview))
    assert {"letter", "envelope", "label"} <= set(files), preview.screen
    for path in files.values():
        assert path.parent == proofs.resolve()
        assert path.read_bytes().startswith(b"%PDF")


def test_stock_show_lists_every_literature_code(center: Center, demo_data: Path) -> None:
    with (demo_data / "literature.csv").open(newline="", encoding="utf-8") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]

    text = finished(center.terminal("stock", "show"))

    assert "Stock" in text
    listed = {line.split("│")[1].strip() for line in text.splitlines() if line.count("│") > 2}
    assert set(codes) <= listed, text


def test_labels_align_writes_the_sheet_and_says_how_to_use_it(
    center: Center, tmp_path: Path
) -> None:
    out = tmp_path / "align.pdf"

    text = finished(center.terminal("labels", "align", "--out", str(out)))

    assert printed_files(text)["file"] == out.resolve()
    assert out.read_bytes().startswith(b"%PDF")
    assert re.search(r"^sheet +avery-5160$", text, re.MULTILINE), text
    assert "Print it at actual size" in text
