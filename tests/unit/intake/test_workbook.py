"""Reading Excel workbooks: cells as the text people meant, Excel's row numbers, bad files."""

import subprocess
import sys
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest

from fulfilment.errors import BadInput
from fulfilment.intake.reader import read_reference_rows, read_rows
from fulfilment.intake.workbook import cell_text
from tests.support.workbooks import ENCRYPTED_XLSX, write_xlsx

HEADERS = [" External_ID ", "Received_At", "Name", "Address1", "City", "Postcode", "Country"]
HEADERS += ["Phone", "Source_Page", "Products"]


def test_a_lead_list_reads_as_the_text_people_typed(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "leads.xlsx",
        [
            HEADERS,
            ["T-1", datetime(2026, 11, 20, 9, 30), "Jane Cooper", "1200 Harbor Blvd", "Oakland",
             94607, "US", 4155550134, 12.0, "PMP-250;VLV-20"],
            ["T-2", datetime(2026, 11, 21), "王伟", "世纪大道100号", "浦东新区",
             200120, "CN", None, None, "PMP-250"],
            [],
            ["T-3", "2026/11/22", "Sean Murphy", "1 Main St", "Boston", 2101, "US", "", 3.5],
        ],
        formats={"F5": "00000"},
    )  # fmt: skip
    file = read_rows(path)
    assert [row.number for row in file.rows] == [2, 3, 5], "numbered as Excel shows them"
    assert file.skipped_blank == 1
    first, chinese, boston = (row.fields for row in file.rows)
    assert first == {
        "external_id": "T-1",
        "received_at": "2026-11-20T09:30:00",
        "name": "Jane Cooper",
        "address1": "1200 Harbor Blvd",
        "city": "Oakland",
        "postcode": "94607",
        "country": "US",
        "phone": "4155550134",
        "source_page": "12",
        "products": "PMP-250;VLV-20",
    }
    assert (chinese["received_at"], chinese["postcode"]) == ("2026-11-21", "200120")
    assert (chinese["name"], chinese["address1"], chinese["city"]) == (
        "王伟",
        "世纪大道100号",
        "浦东新区",
    )
    assert (chinese["phone"], chinese["source_page"]) == ("", "")
    assert boston["received_at"] == "2026/11/22"
    assert boston["postcode"] == "02101", "a Zip Code cell keeps the zero Excel shows"
    assert (boston["source_page"], boston["products"]) == ("3.5", "")


def test_trailing_empty_rows_and_cells_are_not_data(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "leads.xlsx",
        [["name", "company"], ["Jane", "Acme"], [], [None, ""], []],
        formats={"C2": "0.00", "A9": "0", "D12": "General"},
    )
    file = read_rows(path)
    assert [(row.number, row.fields) for row in file.rows] == [
        (2, {"name": "Jane", "company": "Acme"})
    ]
    assert file.skipped_blank == 0


def test_only_the_first_sheet_is_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["name"])
    workbook.active.append(["Jane"])
    workbook.create_sheet("Notes").append(["name", "not a lead"])
    workbook.save(tmp_path / "leads.xlsx")
    assert [row.fields for row in read_rows(tmp_path / "leads.xlsx").rows] == [{"name": "Jane"}]


def test_products_can_come_as_a_workbook(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "products.xlsx", [["Code", "Name"], ["PMP-100", "Pump"]])
    [row] = read_reference_rows(path, ("code", "name"), lengths={"code": 40})
    assert row.fields == {"code": "PMP-100", "name": "Pump"}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("  kept as typed ", "  kept as typed "),
        (12.0, "12"),
        (12, "12"),
        (2.5, "2.5"),
        (0.1 + 0.2, "0.3"),
        (1e20, "100000000000000000000"),
        (0.00001, "0.00001"),
        (-3, "-3"),
        (True, "true"),
        (False, "false"),
        (datetime(2026, 11, 20), "2026-11-20"),
        (datetime(2026, 11, 20, 9, 30, 15), "2026-11-20T09:30:15"),
        (date(2026, 11, 20), "2026-11-20"),
        (time(9, 30), "09:30:00"),
    ],
)
def test_cell_values_become_the_text_people_meant(value: object, text: str) -> None:
    assert cell_text(value) == text


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (2101, "00000", "02101"),
        (2101.0, "00000", "02101"),
        (94607, "00000", "94607"),
        (2101, "General", "2101"),
        (2101, "0.00", "2101"),
        (-5, "000", "-5"),
    ],
)
def test_a_zero_format_keeps_the_leading_zeros_excel_shows(
    value: object, number_format: str, text: str
) -> None:
    assert cell_text(value, number_format) == text


def _not_a_workbook_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")


@pytest.mark.parametrize(
    ("write", "message"),
    [
        (lambda p: p.write_bytes(b"name,company\nJane,Acme\n"), "not a readable Excel workbook"),
        (lambda p: p.write_bytes(b""), "not a readable Excel workbook"),
        (_not_a_workbook_zip, r"workbook \(There is no item named '\[Content_Types\]\.xml' in"),
        (lambda p: p.write_bytes(ENCRYPTED_XLSX), "password-protected"),
        (lambda p: write_xlsx(p, []), "the first sheet is empty"),
        (lambda p: write_xlsx(p, [[], [None, "  "]]), "the first sheet is empty"),
        (lambda p: write_xlsx(p, [HEADERS]), "a header row but no leads"),
        (lambda p: write_xlsx(p, [[], HEADERS, [], []]), "a header row but no leads"),
    ],
    ids=["csv-text", "no-bytes", "zip-of-other-things", "encrypted", "empty", "blank", "header",
         "header-and-blanks"],
)  # fmt: skip
def test_a_workbook_that_cannot_be_used_is_one_clear_line(
    tmp_path: Path, write: object, message: str
) -> None:
    path = tmp_path / "leads.xlsx"
    write(path)  # type: ignore[operator]
    with pytest.raises(BadInput, match=message) as raised:
        read_rows(path)
    text = str(raised.value)
    assert "\n" not in text
    assert str(path) in text
    assert any(fix in text for fix in ("as an Excel Workbook (.xlsx)", "lead per row"))


def test_a_damaged_sheet_inside_a_sound_zip_is_one_clear_line(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", [["name"], ["Jane"]])
    damaged = tmp_path / "leads.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    with pytest.raises(BadInput, match="not a readable Excel workbook"):
        read_rows(damaged)


def test_reading_csv_does_not_load_openpyxl(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("name\nJane\n", encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from fulfilment.intake.reader import read_rows; "
        f"read_rows(Path({str(path)!r})); print('openpyxl' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
