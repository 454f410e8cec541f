"""Output files written whole or not at all: a temp name in the same folder, fsync, rename."""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from fulfilment.errors import LitcenterError


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file to write `path` through; it appears under its name only once the block succeeds."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    with _writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        # os.open with 0o666 lets the umask decide the mode, as a plain open() would.
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with _writing(path):
            os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def atomic_write(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically and return the path."""
    with atomic_file(path) as handle:
        handle.write(data)
    return path


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    # A folder that is a file, a full disk or a missing permission is the user's to fix:
    # one line naming the file, not a traceback.
    try:
        yield
    except OSError as exc:
        raise LitcenterError(
            f"cannot write {path} ({exc.strerror or exc}); check the folder or choose another --out"
        ) from exc


def _sync_folder(folder: Path) -> None:
    # The rename itself survives a power cut only once the folder's entry is on disk.
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
