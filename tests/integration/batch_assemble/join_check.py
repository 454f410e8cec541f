"""Run as a script: join two labelled PDFs with whatever pypdf is first on the path, print JSON.

The JSON names the pypdf version that ran and each joined page's text, read back with it.
"""

import json
import sys
from io import BytesIO
from pathlib import Path

import pypdf
from pypdf import PdfReader

from fulfilment.batch.pdf_join import join_pdfs, merge_parts, prepare_part
from tests.integration.batch_assemble.pdfs import labelled_pdf


def main(folder: Path) -> None:
    """Prepare two chunks as parts, merge them, join two PDFs, and report what came out."""
    parts = []
    for index, labels in enumerate((["Packet 1", "Packet 2"], ["Packet 3"])):
        part = folder / f"{index}.part"
        part.write_bytes(prepare_part(labelled_pdf(labels), name=part.name))
        parts.append(part)
    merged = merge_parts(parts, folder / "merged.pdf")
    joined = join_pdfs(
        [labelled_pdf(["Pick 1"]), labelled_pdf(["Pick 2"])],
        folder / "joined.pdf",
        title="Pick list",
    )
    read = {
        name: [
            page.extract_text().strip()
            for page in PdfReader(BytesIO((folder / name).read_bytes())).pages
        ]
        for name in ("merged.pdf", "joined.pdf")
    }
    print(json.dumps({"pypdf": pypdf.__version__, "counts": [merged, joined], "pages": read}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
