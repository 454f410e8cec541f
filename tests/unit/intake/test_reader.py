"""Reading files: BOMs, header spelling, blank lines, JSON lists and unreadable files."""

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fulfilment.errors import BadInput
from fulfilment.intake.reader import column_lengths, read_reference_rows, read_rows
from fulfilment.models import Product


def test_csv_with_bom_and_loose_headers(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(" Name ,COMPANY,Products\nJane,Acme,PMP-100\n", encoding="utf-8-sig")
    [row] = read_rows(path).rows
    assert row.fields == {"name": "Jane", "company": "Acme", "products": "PMP-100"}
    assert row.number == 2


def test_blank_lines_are_skipped_and_counted_and_row_numbers_stay_true(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text('name,company\nA,X\n\n,\nB,"Y\nsecond line"\nC,Z\n', encoding="utf-8")
    file = read_rows(path)
    assert file.skipped_blank == 2
    assert [(r.number, r.fields["name"]) for r in file.rows] == [(2, "A"), (5, "B"), (7, "C")]
    assert file.rows[1].fields["company"] == "Y\nsecond line"


def test_json_list_of_objects(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text('[{"Name": "Jane", "products": ["PMP-100", "VLV-20"], "rating": 7}, {}]')
    file = read_rows(path)
    assert file.rows[0].fields == {"name": "Jane", "products": "PMP-100;VLV-20", "rating": "7"}
    assert file.skipped_blank == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name\n\xff\xfe bad\n", "not UTF-8 text"),
        (b'[{"name": "x"', "not valid JSON"),
        (b'{"name": "x"}', "expected a JSON list"),
    ],
)
def test_unreadable_files_get_one_clear_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / ("in.json" if content.startswith((b"[", b"{")) else "in.csv")
    path.write_bytes(content)
    with pytest.raises(BadInput, match=message):
        read_rows(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="no such file"):
        read_rows(tmp_path / "nope.csv")


CELL = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))


@given(st.lists(CELL, min_size=1, max_size=5))
def test_any_text_written_by_a_csv_writer_reads_back_exactly(values: list[str]) -> None:
    headers = [f"col{i}" for i in range(len(values))]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerow(values)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
        file = read_rows(path)
    if any(v.strip() for v in values):
        assert list(file.rows[0].fields.values()) == values
    else:
        assert file.skipped_blank == 1


def test_a_field_over_the_csv_size_limit_refuses_the_file_naming_file_and_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("name,comments\nA,short\nB," + "x" * 131_073 + "\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"huge\.csv: line 3: not readable as CSV .*field larger"):
        read_rows(path)


def test_reference_files_are_refused_whole_for_long_or_nul_fields(tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text(f"code,name,family\nA,Alpha,Pumps\nB,{'N' * 201},Pu\x00mps\n")
    with pytest.raises(BadInput) as refused:
        read_reference_rows(path, ("code", "name"), lengths={"code": 40, "name": 200})
    assert str(refused.value) == (
        "products.csv: row 3: name has 201 characters, at most 200 fit; shorten it; "
        "row 3: family contains a NUL character; remove it; nothing was imported"
    )


def test_column_lengths_come_from_the_model() -> None:
    assert column_lengths(Product.__table__) == {"code": 40, "name": 200, "family": 100}
