"""Output files appear whole under their name or not at all, and leave no temp file behind."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fulfilment.batch.atomic import atomic_file, atomic_write


class WriterBroke(Exception):
    """Raised by a test's data source halfway through."""


def _pages() -> Iterator[bytes]:
    yield b"%PDF-1.7\n"
    yield b"1 0 obj\n<< >>\nendobj\n"
    raise WriterBroke("the renderer fell over")


def test_the_file_holds_the_data_and_nothing_else_is_left(tmp_path: Path) -> None:
    written = atomic_write(tmp_path / "letters.pdf", b"%PDF-1.7 whole file")

    assert written == tmp_path / "letters.pdf"
    assert written.read_bytes() == b"%PDF-1.7 whole file"
    assert os.listdir(tmp_path) == ["letters.pdf"]


def test_a_writer_failing_midway_leaves_no_file_and_no_temp(tmp_path: Path) -> None:
    with pytest.raises(WriterBroke), atomic_file(tmp_path / "letters.pdf") as handle:
        for piece in _pages():
            handle.write(piece)

    assert os.listdir(tmp_path) == []


def test_a_writer_failing_midway_keeps_the_previous_file_whole(tmp_path: Path) -> None:
    atomic_write(tmp_path / "letters.pdf", b"yesterday's letters")

    with pytest.raises(WriterBroke), atomic_file(tmp_path / "letters.pdf") as handle:
        for piece in _pages():
            handle.write(piece)

    assert (tmp_path / "letters.pdf").read_bytes() == b"yesterday's letters"
    assert os.listdir(tmp_path) == ["letters.pdf"]


def test_a_second_write_replaces_the_first(tmp_path: Path) -> None:
    atomic_write(tmp_path / "manifest.csv", b"old")
    atomic_write(tmp_path / "manifest.csv", b"new")

    assert (tmp_path / "manifest.csv").read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["manifest.csv"]


def test_missing_folders_are_made(tmp_path: Path) -> None:
    atomic_write(tmp_path / "batch" / "email" / "P1.eml", b"x")

    assert (tmp_path / "batch" / "email" / "P1.eml").read_bytes() == b"x"


def test_the_file_gets_the_mode_a_plain_write_would(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        atomic_write(tmp_path / "labels.pdf", b"x")
        (tmp_path / "plain.pdf").write_bytes(b"x")
    finally:
        os.umask(previous)

    assert (tmp_path / "labels.pdf").stat().st_mode == (tmp_path / "plain.pdf").stat().st_mode
