"""Uploaded PDFs: checked as hostile in a capped child process, kept by content hash."""

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fulfilment.errors import BadInput

MAX_FILE_BYTES = 200_000_000
MEMORY_BYTES = 1_000_000_000
TIMEOUT_SECONDS = 20.0
FOLDER = "literature"
NOT_JUDGED = "the file was not judged, so report this line to whoever looks after litcenter"


@dataclass(frozen=True)
class CheckedPdf:
    """A PDF that passed every check, staged in a private copy until it is kept."""

    staged: Path
    name: str
    sha256: str
    pages: int
    paper_size: str

    @property
    def stored_as(self) -> str:
        """Where it lives under the litcenter home, relative to it."""
        return stored_path(self.sha256)


def stored_path(sha256: str) -> str:
    """The path of a kept PDF relative to the litcenter home."""
    return f"{FOLDER}/{sha256}.pdf"


@contextmanager
def checked_pdf(path: Path, *, timeout: float = TIMEOUT_SECONDS) -> Iterator[CheckedPdf]:
    """Copy the upload aside, check the copy, and yield it; BadInput says why it was refused.

    Checking a private copy means the file that was checked is the file that is kept.
    """
    if not path.is_file():
        raise BadInput(f"{path}: no such file; check the path")
    size = path.stat().st_size
    if size == 0:
        raise BadInput(f"{path.name} is empty (0 bytes); export the PDF again and upload that")
    if size > MAX_FILE_BYTES:
        raise BadInput(
            f"{path.name} is {size // 1_000_000} MB, over the {MAX_FILE_BYTES // 1_000_000} MB "
            "limit; reduce its images and upload it again"
        )
    with tempfile.TemporaryDirectory(prefix="litcenter-upload-") as folder:
        staged = Path(folder) / "upload.pdf"
        shutil.copyfile(path, staged)
        facts = _probe(staged, path.name, timeout=timeout)
        yield CheckedPdf(
            staged=staged,
            name=path.name,
            sha256=_sha256(staged),
            pages=int(facts["pages"]),
            paper_size=str(facts["paper_size"]),
        )


def keep(pdf: CheckedPdf, home: Path) -> Path:
    """Move a checked PDF under the home by its hash; the same content is kept once."""
    target = home / pdf.stored_as
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    shutil.copyfile(pdf.staged, partial)
    os.replace(partial, target)
    return target


def _probe(path: Path, name: str, *, timeout: float) -> dict[str, Any]:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "inventory.pdfprobe", str(path), str(MEMORY_BYTES)],
            capture_output=True,
            check=False,
            timeout=timeout,
            text=True,
            # A hostile file's bytes can reach the child's error output; they must not
            # stop the parent from reading it.
            errors="replace",
        )
    except subprocess.TimeoutExpired as exc:
        raise BadInput(
            f"{name} took longer than {timeout:g} s to read; it is damaged or built to stall "
            "readers, so it was refused"
        ) from exc
    return probe_facts(done, name)


def probe_facts(done: subprocess.CompletedProcess[str], name: str) -> dict[str, Any]:
    """The page count and paper size the check found, or BadInput saying in one line why not.

    A refusal is the file's fault; running out of memory is taken as the file's fault too,
    since the cap is far above what a brochure needs; any other failure says what broke and
    that the file was not judged, so nobody re-exports a good PDF over litcenter's fault.
    """
    if done.returncode != 0:
        if _out_of_memory(done):
            raise BadInput(
                f"{name} could not be read within {MEMORY_BYTES // 1_000_000} MB of memory; "
                "it is damaged or a decompression bomb, so it was refused"
            )
        raise BadInput(
            f"{name} was not accepted because the PDF check itself failed "
            f"({_how_it_ended(done.returncode)}: {_last_line(done.stderr) or 'no error output'})"
            f"; {NOT_JUDGED}"
        )
    answer = _last_line(done.stdout)
    try:
        facts = json.loads(answer)
    except json.JSONDecodeError:
        facts = None
    if isinstance(facts, dict) and isinstance(facts.get("refused"), str):
        raise BadInput(f"{name} {facts['refused']}")
    if not (
        isinstance(facts, dict)
        and isinstance(facts.get("pages"), int)
        and isinstance(facts.get("paper_size"), str)
    ):
        raise BadInput(
            f"{name} was not accepted because the PDF check gave no result it could read "
            f"({repr(answer) if answer else 'no output'}); {NOT_JUDGED}"
        )
    return facts


def _out_of_memory(done: subprocess.CompletedProcess[str]) -> bool:
    # The kernel ends a process that runs out of memory with SIGKILL (a timeout never gets
    # here: run() raises first). Under the address-space cap, Python raises MemoryError and
    # C code reports ENOMEM, which the loader words as "failed to map segment".
    if done.returncode == -signal.SIGKILL:
        return True
    last = _last_line(done.stderr)
    return last.startswith("MemoryError") or any(
        words in last for words in ("Cannot allocate memory", "failed to map segment")
    )


def _how_it_ended(returncode: int) -> str:
    if returncode > 0:
        return f"exit status {returncode}"
    try:
        return f"killed by {signal.Signals(-returncode).name}"
    except ValueError:
        return f"killed by signal {-returncode}"


def _last_line(text: str) -> str:
    """The last line with something on it, shortened to fit an error line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
