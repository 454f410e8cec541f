"""E-mailed packets on disk: one PDF and one ready-to-send .eml message per packet."""

import re
from collections.abc import Sequence
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from pathlib import Path

from fulfilment.batch.atomic import atomic_write
from fulfilment.batch.email.brochures import Brochures
from fulfilment.batch.outputs import EmailPacket
from fulfilment.errors import BadInput
from fulfilment.render.fonts import one_line

_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def write_email_packets(
    packets: Sequence[EmailPacket],
    out_dir: Path,
    *,
    sender_name: str,
    sender_email: str,
    brochures: Brochures | None = None,
) -> list[tuple[Path, Path]]:
    """Write email/<number>.pdf and email/<number>.eml for each packet, each atomically.

    Every packet and brochure is checked before the first file is written. A batch writing
    its packets a slice at a time passes one `brochures` for all, so each is read once.
    """
    sender = _address(sender_name, sender_email, what="the sender address in litcenter.toml")
    for packet in packets:
        _check(packet)
    shared = brochures or Brochures()
    shared.open_all(attachment for packet in packets for attachment in packet.attachments)
    folder = out_dir / "email"
    written = []
    for packet in packets:
        pdf = shared.packet_pdf(packet.letter_pdf, packet.attachments)
        message = email_message(packet, pdf, sender=sender)
        written.append(
            (
                atomic_write(folder / f"{packet.number}.pdf", pdf),
                atomic_write(folder / f"{packet.number}.eml", message.as_bytes(policy=SMTP)),
            )
        )
    if brochures is None:
        shared.log_use()
    return written


def email_message(packet: EmailPacket, pdf: bytes, *, sender: Address) -> EmailMessage:
    """The packet as a message: its text, and the PDF attached as <number>.pdf."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = _address(packet.to_name, packet.to_email, what=f"packet {packet.number}")
    message["Subject"] = one_line(packet.subject)
    message["Date"] = formatdate(localtime=True)
    # The same packet always has the same id, so a message sent twice can be recognised.
    message["Message-ID"] = f"<{packet.number}@{sender.domain}>"
    message.set_content(packet.body)
    message.add_attachment(
        pdf, maintype="application", subtype="pdf", filename=f"{packet.number}.pdf"
    )
    return message


def _check(packet: EmailPacket) -> None:
    if not _FILE_NAME.fullmatch(packet.number):
        raise ValueError(f"packet number {packet.number!r} cannot name a file")
    _address(packet.to_name, packet.to_email, what=f"packet {packet.number}")


def _address(name: str, email: str, *, what: str) -> Address:
    user, _, domain = email.strip().rpartition("@")
    try:
        if not (user and domain and user.isascii()):
            raise ValueError(email)
        # Mail servers want an internationalised domain in its ASCII (punycode) form.
        address = Address(
            display_name=one_line(name), addr_spec=f"{user}@{domain.encode('idna').decode()}"
        )
    except (ValueError, UnicodeError, HeaderParseError) as exc:
        raise BadInput(
            f"{what}: {email!r} is not a usable e-mail address; correct it and run again"
        ) from exc
    return address
