"""E-mailed packets: letter plus brochures in one PDF, bulletins stamped, brochures read once."""

import logging
import os
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest

from fulfilment.batch.email.brochures import Brochures
from fulfilment.batch.email.packets import write_email_packets
from fulfilment.batch.outputs import Attachment, EmailPacket
from fulfilment.errors import BadInput
from tests.integration.batch_assemble.pdfs import labelled_pdf, opened_files, page_texts, write_pdf

NOTE = "The information you asked about is on page 3"
OTHER_NOTE = "The information you asked about is on page 4"


@pytest.fixture
def shelf(tmp_path: Path) -> dict[str, Path]:
    """Stored brochure PDFs: a four-page bulletin and a six-page catalogue."""
    folder = tmp_path / "literature"
    folder.mkdir()
    return {
        "bulletin": write_pdf(folder / "bulletin.pdf", [f"Bulletin page {n}" for n in range(1, 5)]),
        "catalogue": write_pdf(
            folder / "catalogue.pdf", [f"Catalogue page {n}" for n in range(1, 7)]
        ),
    }


def _packet(index: int, *attachments: Attachment, letter_pages: int = 2) -> EmailPacket:
    number = f"P20261123-{index:05d}"
    return EmailPacket(
        number=number,
        to_name="Jane Cooper",
        to_email="jane.cooper@bayview.example",
        subject=f"The information you requested ({number})",
        body="Dear Jane Cooper,\n\nattached is our letter with the brochures.\n",
        letter_pdf=labelled_pdf([f"Letter {number} page {n}" for n in range(1, letter_pages + 1)]),
        attachments=attachments,
    )


def _write(packets: list[EmailPacket], out_dir: Path) -> list[tuple[Path, Path]]:
    return write_email_packets(
        packets, out_dir, sender_name="Example Industries", sender_email="literature@example.com"
    )


def test_the_pdf_is_the_letter_then_each_brochure_whole(
    tmp_path: Path, shelf: dict[str, Path]
) -> None:
    packet = _packet(
        1,
        Attachment("BUL-1", shelf["bulletin"], NOTE),
        Attachment("CAT-1", shelf["catalogue"]),
    )

    [(pdf, eml)] = _write([packet], tmp_path / "out")

    assert (pdf, eml) == (
        tmp_path / "out" / "email" / "P20261123-00001.pdf",
        tmp_path / "out" / "email" / "P20261123-00001.eml",
    )
    pages = page_texts(pdf)
    assert len(pages) == 2 + 4 + 6
    assert [text.splitlines()[0] for text in pages] == [
        "Letter P20261123-00001 page 1",
        "Letter P20261123-00001 page 2",
        *[f"Bulletin page {n}" for n in range(1, 5)],
        *[f"Catalogue page {n}" for n in range(1, 7)],
    ]


def test_the_note_is_on_the_bulletins_first_page_only(
    tmp_path: Path, shelf: dict[str, Path]
) -> None:
    packet = _packet(2, Attachment("BUL-1", shelf["bulletin"], NOTE))

    [(pdf, _)] = _write([packet], tmp_path)

    pages = page_texts(pdf)
    assert NOTE in pages[2]
    assert all(NOTE not in text for index, text in enumerate(pages) if index != 2)


def test_each_packet_gets_its_own_note(tmp_path: Path, shelf: dict[str, Path]) -> None:
    packets = [
        _packet(3, Attachment("BUL-1", shelf["bulletin"], NOTE)),
        _packet(4, Attachment("BUL-1", shelf["bulletin"], OTHER_NOTE)),
        _packet(5, Attachment("BUL-1", shelf["bulletin"])),
    ]

    written = _write(packets, tmp_path)

    first_pages = [page_texts(pdf)[2] for pdf, _ in written]
    assert NOTE in first_pages[0] and OTHER_NOTE not in first_pages[0]
    assert OTHER_NOTE in first_pages[1] and NOTE not in first_pages[1]
    assert "asked about" not in first_pages[2]


def test_each_brochure_is_read_once_and_each_note_stamped_once_for_the_batch(
    tmp_path: Path, shelf: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    packets = [
        _packet(
            index,
            Attachment("BUL-1", shelf["bulletin"], NOTE if index % 2 else OTHER_NOTE),
            Attachment("CAT-1", shelf["catalogue"]),
        )
        for index in range(40)
    ]

    with caplog.at_level(logging.INFO), opened_files() as opened:
        written = _write(packets, tmp_path / "out")

    assert len(written) == 40
    assert opened.count(os.path.realpath(shelf["bulletin"])) == 1
    assert opened.count(os.path.realpath(shelf["catalogue"])) == 1
    assert "from 2 brochure PDFs, each read once, and 2 stamped pages" in caplog.text
    assert all(len(page_texts(pdf)) == 12 for pdf, _ in written[:5])


def test_slices_written_with_one_reader_read_each_brochure_once_for_them_all(
    tmp_path: Path, shelf: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    packets = [
        _packet(
            index,
            Attachment("BUL-1", shelf["bulletin"], NOTE),
            Attachment("CAT-1", shelf["catalogue"]),
        )
        for index in range(20)
    ]
    brochures = Brochures()

    with caplog.at_level(logging.INFO), opened_files() as opened:
        written = [
            pair
            for start in range(0, len(packets), 6)
            for pair in write_email_packets(
                packets[start : start + 6],
                tmp_path / "out",
                sender_name="Example Industries",
                sender_email="literature@example.com",
                brochures=brochures,
            )
        ]
        brochures.log_use()

    assert [pdf.stem for pdf, _ in written] == [packet.number for packet in packets]
    assert opened.count(os.path.realpath(shelf["bulletin"])) == 1
    assert opened.count(os.path.realpath(shelf["catalogue"])) == 1
    assert (
        "wrote 20 e-mailed packets from 2 brochure PDFs, each read once, and 1 stamped"
        in caplog.text
    )


def test_the_eml_parses_back_with_the_pdf_attached(tmp_path: Path, shelf: dict[str, Path]) -> None:
    packet = _packet(6, Attachment("CAT-1", shelf["catalogue"]))

    [(pdf, eml)] = _write([packet], tmp_path)

    message = message_from_bytes(eml.read_bytes(), policy=default)
    assert isinstance(message, EmailMessage)
    assert message["To"] == "Jane Cooper <jane.cooper@bayview.example>"
    assert message["From"] == "Example Industries <literature@example.com>"
    assert message["Subject"] == "The information you requested (P20261123-00006)"
    assert message["Message-ID"] == "<P20261123-00006@example.com>"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "P20261123-00006.pdf"
    assert attachment.get_content() == pdf.read_bytes()


def test_a_missing_brochure_is_named_before_any_packet_is_written(
    tmp_path: Path, shelf: dict[str, Path]
) -> None:
    gone = tmp_path / "literature" / "gone.pdf"
    packets = [
        _packet(7, Attachment("CAT-1", shelf["catalogue"])),
        _packet(8, Attachment("OLD-9", gone)),
    ]

    with pytest.raises(BadInput, match=r"OLD-9 \(.*gone.pdf is missing\).*literature upload"):
        _write(packets, tmp_path / "out")

    assert not (tmp_path / "out").exists()


def test_a_damaged_brochure_is_named(tmp_path: Path, shelf: dict[str, Path]) -> None:
    broken = tmp_path / "literature" / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really")

    with pytest.raises(BadInput, match=r"1 brochure PDF\(s\) cannot be sent: BRK-1 \("):
        _write([_packet(9, Attachment("BRK-1", broken))], tmp_path / "out")


def test_a_bad_recipient_address_stops_the_batch_before_writing(
    tmp_path: Path, shelf: dict[str, Path]
) -> None:
    good = _packet(10, Attachment("CAT-1", shelf["catalogue"]))
    bad = EmailPacket(
        number="P20261123-00011",
        to_name="Nobody",
        to_email="not an address",
        subject="s",
        body="b",
        letter_pdf=labelled_pdf(["Letter"]),
        attachments=(),
    )

    with pytest.raises(BadInput, match="packet P20261123-00011: 'not an address' is not a usable"):
        _write([good, bad], tmp_path / "out")

    assert not (tmp_path / "out").exists()
