"""The label printer commands: which sheets there are, and the alignment sheet with its offsets."""

from pathlib import Path

import pytest
from reportlab.lib.units import mm

from fulfilment.render.stationery import label_sheet
from tests.conftest import Cli
from tests.integration.render.pdf_reading import text_runs


@pytest.fixture(params=["sqlite"])
def blank_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The label commands read only litcenter.toml; one database kind is enough."""
    return f"sqlite:///{tmp_path / 'litcenter.db'}"


def test_sheets_lists_every_sheet_with_its_label_count(cli: Cli) -> None:
    listed = cli("labels", "sheets", "--json")

    assert listed.code == 0, listed.stderr
    assert {row["code"]: row["per_sheet"] for row in listed.json()} == {
        "avery-5160": 30, "avery-5163": 10, "avery-l7160": 21, "avery-l7163": 14,
    }  # fmt: skip


def test_alignment_sheet_uses_the_printer_offsets_from_the_profile(
    cli: Cli, tmp_path: Path
) -> None:
    assert cli("init").code == 0
    profile = cli.home / "litcenter.toml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(
        text.replace('label_sheet = "avery-5160"', 'label_sheet = "avery-l7160"')
        .replace("label_offset_x_mm = 0.0", "label_offset_x_mm = 1.5")
        .replace("label_offset_y_mm = 0.0", "label_offset_y_mm = -2.0"),
        encoding="utf-8",
    )

    made = cli("labels", "align", "--out", str(tmp_path), "--json")

    assert made.code == 0, made.stderr
    result = made.json()
    assert result["sheet"] == "avery-l7160"
    assert (result["offset_x_mm"], result["offset_y_mm"]) == (1.5, -2.0)
    numbers = [run for run in text_runs(Path(result["file"]).read_bytes()) if run.text.isdigit()]
    assert [int(run.text) for run in numbers] == list(range(1, 22))
    sheet = label_sheet("avery-l7160")
    for run in numbers:
        cell = sheet.cell(int(run.text)).moved(1.5 * mm, 2.0 * mm)
        middle = run.extent.x + run.extent.width / 2
        assert middle == pytest.approx(cell.x + cell.width / 2, abs=0.5 * mm), run.text
        assert cell.contains(run.extent)


def test_unknown_sheet_is_one_line_naming_the_known_ones(cli: Cli, tmp_path: Path) -> None:
    refused = cli("labels", "align", "--sheet", "9999", "--out", str(tmp_path / "a.pdf"))

    assert refused.code == 1
    assert refused.stderr.startswith("error: unknown label sheet") and "avery-l7163" in refused.stderr
    assert refused.stderr.count("\n") == 1
    assert not (tmp_path / "a.pdf").exists()
