"""Peak memory and time of joining prepared chunk parts, against pypdf's PdfWriter.

`python -m tests.integration.batch_assemble.merge_memory --chunks 200 --pages 100` prints one
JSON line per merger: {"merger", "chunks", "pages", "seconds", "peak_rss_mb", "start_rss_mb",
"merged_mb"}. Each merge runs in a fresh process, so its peak is its own.
"""

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter

from fulfilment.batch.pdf_join import merge_parts, prepare_part
from tests.integration.batch_assemble.pdfs import write_pdf


def make_chunks(folder: Path, *, chunks: int, pages: int) -> list[Path]:
    """`chunks` copies of one chunk of `pages` letter-like pages."""
    folder.mkdir(parents=True, exist_ok=True)
    first = write_pdf(
        folder / "00000-letters.pdf",
        [
            f"Packet P20261123-{page:05d} " + "Dear customer, thank you. " * 8
            for page in range(pages)
        ],
    )
    first.with_suffix(".part").write_bytes(prepare_part(first.read_bytes(), name=first.name))
    for index in range(1, chunks):
        shutil.copyfile(first, folder / f"{index:05d}-letters.pdf")
        shutil.copyfile(first.with_suffix(".part"), folder / f"{index:05d}-letters.part")
    return sorted(folder.glob("*-letters.pdf"))


def measure(folder: Path, *, merger: str) -> dict[str, Any]:
    """Merge every chunk in `folder` in a fresh process and report its peak memory."""
    done = subprocess.run(
        [sys.executable, "-m", __spec__.name, "--measure", str(folder), "--merger", merger],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _merge_with_pdfwriter(parts: list[Path], target: Path) -> int:
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(part))
    with target.open("wb") as handle:
        writer.write(handle)
    return len(writer.pages)


def _measure_here(folder: Path, merger: str) -> dict[str, Any]:
    streamed = merger == "streamed"
    parts = sorted(folder.glob("*-letters.part" if streamed else "*-letters.pdf"))
    target = folder / "merged.pdf"
    start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    pages = (merge_parts if streamed else _merge_with_pdfwriter)(parts, target)
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "merger": merger,
        "chunks": len(parts),
        "pages": pages,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak / 1024, 1),
        "start_rss_mb": round(start / 1024, 1),
        "merged_mb": round(target.stat().st_size / 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=200)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--measure", type=Path)
    parser.add_argument("--merger", choices=("streamed", "pdfwriter"), default="streamed")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure_here(args.measure, args.merger)))
        return
    with tempfile.TemporaryDirectory() as folder:
        make_chunks(Path(folder), chunks=args.chunks, pages=args.pages)
        for merger in ("pdfwriter", "streamed"):
            print(json.dumps(measure(Path(folder), merger=merger)), flush=True)


if __name__ == "__main__":
    main()
