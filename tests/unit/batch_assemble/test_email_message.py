"""An e-mailed packet's message: headers safe to send, the PDF attached, bad addresses named."""

from email import message_from_bytes
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, default

import pytest

from fulfilment.batch.email.packets import email_message
from fulfilment.batch.outputs import EmailPacket
from fulfilment.errors import BadInput

SENDER = Address("Example Industries", "literature", "example.com")
PDF = b"%PDF-1.7 the packet"


def _packet(**fields: str) -> EmailPacket:
    values = {
        "number": "P20261123-00042",
        "to_name": "王伟",
        "to_email": "wang.wei@example.cn",
        "subject": "The information you requested (P20261123-00042)",
        "body": "Dear 王伟,\n\nthank you for your inquiry.\n",
        **fields,
    }
    return EmailPacket(letter_pdf=b"", attachments=(), **values)


def _sent_and_read_back(packet: EmailPacket) -> EmailMessage:
    data = email_message(packet, PDF, sender=SENDER).as_bytes(policy=SMTP)
    message = message_from_bytes(data, policy=default)
    assert isinstance(message, EmailMessage)
    return message


def test_headers_and_body_read_back_as_written() -> None:
    message = _sent_and_read_back(_packet())

    assert message["To"] == "王伟 <wang.wei@example.cn>"
    assert message["From"] == "Example Industries <literature@example.com>"
    assert message["Subject"] == "The information you requested (P20261123-00042)"
    assert message["Date"]
    assert message["Message-ID"] == "<P20261123-00042@example.com>"
    body = message.get_body(("plain",))
    assert body is not None
    # Text travels with CRLF line ends, as SMTP wants them.
    assert body.get_content().replace("\r\n", "\n") == "Dear 王伟,\n\nthank you for your inquiry.\n"


def test_the_packet_pdf_is_attached_under_its_number() -> None:
    [attachment] = list(_sent_and_read_back(_packet()).iter_attachments())

    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "P20261123-00042.pdf"
    assert attachment.get_content() == PDF


def test_a_line_break_in_a_name_cannot_add_a_header() -> None:
    message = _sent_and_read_back(_packet(to_name="Jane\r\nBcc: everyone@example.com"))

    assert message["Bcc"] is None
    assert message["To"].addresses[0].display_name == "Jane Bcc: everyone@example.com"


def test_an_international_domain_is_sent_in_ascii() -> None:
    message = _sent_and_read_back(_packet(to_email="wang@例子.中国"))

    assert message["To"].addresses[0].addr_spec == "wang@xn--fsqu00a.xn--fiqs8s"


@pytest.mark.parametrize(
    "address", ["", "wang.wei", "@example.cn", "wang@", "a b@example.cn", "王@example.cn"]
)
def test_an_unusable_address_is_one_clear_error(address: str) -> None:
    with pytest.raises(BadInput, match="packet P20261123-00042: .* is not a usable e-mail address"):
        email_message(_packet(to_email=address), PDF, sender=SENDER)
