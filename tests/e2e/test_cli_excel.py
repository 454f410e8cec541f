"""`litcenter import leads.xlsx` as a trade show's lead list arrives: rows, quarantine, errors."""

from datetime import date, datetime
from pathlib import Path

import pytest

from tests.conftest import Cli, assert_one_line_error
from tests.support.samples import CHINESE, GOOD, reference_files, write_csv
from tests.support.workbooks import ENCRYPTED_XLSX, lead_rows, write_xlsx

# The sample leads as Excel holds them: dates as date cells, postcodes and pages as numbers.
GOOD_CELLS = {**GOOD, "received_at": datetime(2026, 11, 20, 9, 30), "postcode": 94607}
GOOD_CELLS |= {"source_page": 12.0}
CHINESE_CELLS = {**CHINESE, "received_at": date(2026, 11, 21), "postcode": 200120}
BAD_CELLS = {**GOOD_CELLS, "external_id": "T-BAD", "email": "x@", "received_at": "someday"}


@pytest.fixture
def ready_cli(cli: Cli, tmp_path: Path) -> Cli:
    products, reps = reference_files(tmp_path)
    assert cli("init").code == 0
    assert cli("products", "import", str(products)).code == 0
    assert cli("reps", "import", str(reps)).code == 0
    return cli


def test_a_lead_workbook_imports_like_csv_and_again_adds_nothing(
    ready_cli: Cli, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "leads.xlsx", lead_rows([GOOD_CELLS, CHINESE_CELLS, BAD_CELLS]))
    summary = ready_cli("import", str(path), "--json").json()
    assert (summary["rows"], summary["accepted"], summary["quarantined"]) == (3, 2, 1)
    assert summary["unknown_columns"] == []

    [held] = ready_cli("quarantine", "list", "--json").json()
    assert (held["source"], held["row_number"], held["external_id"]) == ("leads.xlsx", 4, "T-BAD")
    assert len(held["reasons"]) == 2, held["reasons"]

    listed = ready_cli("inquiry", "list", "--json").json()
    assert [row["external_id"] for row in listed] == ["W-1", "W-CN"]
    shown = ready_cli("inquiry", "show", str(listed[0]["id"]), "--json").json()
    assert (shown["received_at"], shown["source_page"]) == ("2026-11-20T09:30:00", "12")
    assert shown["contact"]["address"]["postcode"] == "94607"
    chinese = ready_cli("inquiry", "show", str(listed[1]["id"]), "--json").json()
    assert chinese["contact"]["address_lines"][:2] == ["200120", "上海市浦东新区"]
    assert chinese["rep"]["code"] == "R-CN"

    again = ready_cli("import", str(path), "--json").json()
    assert (again["accepted"], again["quarantined"], again["duplicates"]) == (0, 0, 3)
    assert len(ready_cli("inquiry", "list", "--json").json()) == 2
    assert len(ready_cli("quarantine", "list", "--json").json()) == 1

    human = ready_cli("import", str(path))
    assert human.code == 0 and "3 already imported" in human.stdout


def test_the_same_leads_sent_as_csv_and_as_a_workbook_are_one_set(
    ready_cli: Cli, tmp_path: Path
) -> None:
    csv_file = write_csv(tmp_path / "leads.csv", [{**GOOD, "source_page": "12"}, CHINESE])
    assert ready_cli("import", str(csv_file), "--json").json()["accepted"] == 2
    workbook = write_xlsx(tmp_path / "leads.xlsx", lead_rows([GOOD_CELLS, CHINESE_CELLS]))
    assert ready_cli("import", str(workbook), "--json").json()["duplicates"] == 2


def test_a_workbook_that_cannot_be_read_is_one_line_and_imports_nothing(
    ready_cli: Cli, tmp_path: Path
) -> None:
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip archive")
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(ENCRYPTED_XLSX)
    empty = write_xlsx(tmp_path / "empty.xlsx", [])
    header_only = write_xlsx(tmp_path / "header.xlsx", lead_rows([GOOD_CELLS])[:1])

    assert_one_line_error(
        ready_cli("import", str(corrupt)), "corrupt.xlsx", "not a readable Excel workbook"
    )
    assert_one_line_error(
        ready_cli("import", str(encrypted), "--json"), "locked.xlsx", "password-protected"
    )
    assert_one_line_error(ready_cli("import", str(empty)), "empty.xlsx", "first sheet is empty")
    assert_one_line_error(
        ready_cli("import", str(header_only)), "header.xlsx", "header row but no leads"
    )
    assert ready_cli("inquiry", "list", "--json").json() == []
    assert ready_cli("quarantine", "list", "--json").json() == []
