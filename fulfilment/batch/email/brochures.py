"""E-mailed packets as one PDF each: the letter, then brochures read once for the whole batch."""

import logging
from collections.abc import Iterable, Sequence
from io import BytesIO
from pathlib import Path

from pypdf import PasswordType, PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from fulfilment import render
from fulfilment.batch.outputs import Attachment
from fulfilment.errors import BadInput

_log = logging.getLogger(__name__)


class Brochures:
    """Each brochure PDF parsed once, and its stamped first page made once per note.

    Appending pages from one shared reader is what keeps a batch of e-mailed packets fast:
    re-opening the file per packet parses it again every time.
    """

    def __init__(self) -> None:
        self._readers: dict[Path, PdfReader] = {}
        self._stamped: dict[tuple[Path, str], PdfReader] = {}
        self.packets_made = 0

    @property
    def files_read(self) -> int:
        return len(self._readers)

    @property
    def stamps_made(self) -> int:
        return len(self._stamped)

    def open_all(self, attachments: Iterable[Attachment]) -> None:
        """Read every brochure named; BadInput lists each one that cannot be used."""
        problems = []
        for attachment in attachments:
            if attachment.pdf in self._readers:
                continue
            if not attachment.pdf.is_file():
                problems.append(f"{attachment.code} ({attachment.pdf} is missing)")
                continue
            try:
                self._readers[attachment.pdf] = _open(attachment.pdf)
            except (OSError, PyPdfError, ValueError) as exc:
                problems.append(f"{attachment.code} ({attachment.pdf}: {exc})")
        if problems:
            raise BadInput(
                f"{len(problems)} brochure PDF(s) cannot be sent: {'; '.join(problems)}; "
                "upload each again with 'litcenter literature upload CODE FILE'"
            )

    def log_use(self) -> None:
        """Say in the log how many packets the brochures went into, read how often."""
        _log.info(
            "wrote %d e-mailed packets from %d brochure PDFs, each read once, and %d stamped pages",
            self.packets_made,
            self.files_read,
            self.stamps_made,
        )

    def packet_pdf(self, letter_pdf: bytes, attachments: Sequence[Attachment]) -> bytes:
        """The letter followed by each brochure, a bulletin's first page carrying its note."""
        self.open_all(attachments)
        self.packets_made += 1
        writer = PdfWriter()
        writer.append(PdfReader(BytesIO(letter_pdf)), import_outline=False)
        for attachment in attachments:
            reader = self._readers[attachment.pdf]
            if attachment.page_note is None:
                writer.append(reader, import_outline=False)
                continue
            stamped = self._stamped_first_page(attachment.pdf, attachment.page_note)
            writer.append(stamped, import_outline=False)
            if len(reader.pages) > 1:
                writer.append(reader, pages=(1, len(reader.pages)), import_outline=False)
        output = BytesIO()
        writer.write(output)
        return output.getvalue()

    def _stamped_first_page(self, pdf: Path, note: str) -> PdfReader:
        key = (pdf, note)
        if key not in self._stamped:
            # Only page 1 is stamped: the rest of the bulletin is shared by every note.
            first = PdfWriter()
            first.append(self._readers[pdf], pages=(0, 1), import_outline=False)
            page = BytesIO()
            first.write(page)
            stamped = render.stamp_page_note(page.getvalue(), note)
            self._stamped[key] = PdfReader(BytesIO(stamped))
        return self._stamped[key]


def _open(path: Path) -> PdfReader:
    reader = PdfReader(path)
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise ValueError("encrypted with a password")
    if not reader.pages:
        raise ValueError("no pages")
    return reader
