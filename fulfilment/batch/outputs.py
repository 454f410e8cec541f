"""What the assemble step is given: rendered chunk files, manifest lines and e-mail packets."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ChunkFiles:
    """The parts one render chunk wrote for its printed packets, in packet order."""

    index: int
    letters: Path
    envelopes: Path
    labels: Path


@dataclass(frozen=True, kw_only=True)
class ManifestLine:
    """One printed packet as the mail room stages it for the carrier."""

    number: str
    name: str
    company: str
    country: str
    postage_class: str
    envelope: str
    weight_g: int


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
