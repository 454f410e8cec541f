"""An output file that cannot be written is one line naming it, and leaves nothing behind."""

from pathlib import Path

import pytest

from fulfilment.batch.atomic import atomic_write
from fulfilment.errors import LitcenterError


def test_a_file_where_the_folder_should_be_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "batch").write_text("not a folder")
    target = tmp_path / "batch" / "letters.pdf"
    with pytest.raises(LitcenterError) as refused:
        atomic_write(target, b"%PDF")
    assert str(refused.value).startswith(f"cannot write {target} (")
    assert str(refused.value).endswith("; check the folder or choose another --out")


def test_a_folder_where_the_file_should_be_is_one_line_and_leaves_no_temp(
    tmp_path: Path,
) -> None:
    (tmp_path / "letters.pdf").mkdir()
    with pytest.raises(LitcenterError, match="cannot write .*letters.pdf"):
        atomic_write(tmp_path / "letters.pdf", b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letters.pdf"]
