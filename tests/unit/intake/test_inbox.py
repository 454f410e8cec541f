"""The inbox folder: which dropped files the intake flow picks up."""

import os
from pathlib import Path

from fulfilment.intake.inbox import waiting_files


def test_spreadsheets_wait_in_the_inbox_with_csv_and_json_oldest_first(tmp_path: Path) -> None:
    names = ["web.csv", "forms.JSON", "trade-show.xlsx", "agency.XLSX", "notes.txt", "old.xls"]
    for age, name in enumerate(reversed(names)):
        (tmp_path / name).write_bytes(b"")
        os.utime(tmp_path / name, (1_000_000 - age, 1_000_000 - age))
    assert [p.name for p in waiting_files(tmp_path)] == [
        "web.csv", "forms.JSON", "trade-show.xlsx", "agency.XLSX",
    ]  # fmt: skip


def test_the_lock_file_of_a_workbook_open_in_excel_is_not_picked_up(tmp_path: Path) -> None:
    (tmp_path / "leads.xlsx").write_bytes(b"")
    (tmp_path / "~$leads.xlsx").write_bytes(b"")
    assert [p.name for p in waiting_files(tmp_path)] == ["leads.xlsx"]
