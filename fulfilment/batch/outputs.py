"""What the assemble step is given: rendered chunk files and e-mail packets."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ChunkFiles:
    """The parts one render chunk wrote for its printed packets, in packet order."""

    index: int
    letters: Path
    envelopes: Path
    labels: Path


@dataclass(frozen=True)
class Attachment:
    """A brochure PDF to append to an e-mailed packet, with its optional 'page N' note."""

    code: str
    pdf: Path
    page_note: str | None = None


@dataclass(frozen=True, kw_only=True)
class EmailPacket:
    """A packet answered by e-mail: its letter PDF plus the brochures, sent as one file."""

    number: str
    to_name: str
    to_email: str
    subject: str
    body: str
    letter_pdf: bytes
    attachments: tuple[Attachment, ...]
