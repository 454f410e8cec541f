"""Sending the written .eml packets to a real SMTP server on loopback, each message once."""

from pathlib import Path

import pytest

from fulfilment.batch.email.packets import write_email_packets
from fulfilment.batch.email.smtp import send_emails, sent_marker
from fulfilment.batch.outputs import EmailPacket
from fulfilment.errors import BadInput, LitcenterError
from tests.integration.batch_assemble.pdfs import labelled_pdf
from tests.integration.batch_assemble.smtp_server import (
    PASSWORD,
    USER,
    Server,
    self_signed_certificate,
    smtp_server,
)


def _emls(folder: Path, *addresses: str) -> list[Path]:
    packets = [
        EmailPacket(
            number=f"P20261123-{index:05d}",
            to_name="王伟",
            to_email=address,
            subject=f"The information you requested (P20261123-{index:05d})",
            body="Dear 王伟,\n\nattached is our letter.\n",
            letter_pdf=labelled_pdf([f"Letter {index}"]),
            attachments=(),
        )
        for index, address in enumerate(addresses, start=1)
    ]
    written = write_email_packets(
        packets, folder, sender_name="Example Industries", sender_email="literature@example.com"
    )
    return [eml for _, eml in written]


def _send(server: Server, emls: list[Path], *, starttls: bool = False) -> int:
    return send_emails(
        emls, host=server.host, port=server.port, username=None, password=None, starttls=starttls
    )


def test_every_message_arrives_with_its_pdf(tmp_path: Path) -> None:
    emls = _emls(tmp_path, "wang.wei@example.cn", "jane@bayview.example")

    with smtp_server() as server:
        sent = _send(server, emls)

    assert sent == 2
    [(sender, to_first, first), (_, to_second, _)] = server.inbox.messages
    assert sender == "literature@example.com"
    assert (to_first, to_second) == (["wang.wei@example.cn"], ["jane@bayview.example"])
    assert first["Subject"] == "The information you requested (P20261123-00001)"
    [attachment] = list(first.iter_attachments())
    assert attachment.get_content() == emls[0].with_suffix(".pdf").read_bytes()


def test_sending_again_sends_nothing_twice(tmp_path: Path) -> None:
    emls = _emls(tmp_path, "wang.wei@example.cn", "jane@bayview.example")

    with smtp_server() as server:
        assert _send(server, emls[:1]) == 1
        assert _send(server, emls) == 1
        assert _send(server, emls) == 0

    assert [to for _, to, _ in server.inbox.messages] == [
        ["wang.wei@example.cn"],
        ["jane@bayview.example"],
    ]
    assert all(sent_marker(eml).exists() for eml in emls)


def test_a_refused_recipient_does_not_stop_the_others(tmp_path: Path) -> None:
    emls = _emls(tmp_path, "refused@example.cn", "jane@bayview.example")

    with (
        smtp_server() as server,
        pytest.raises(BadInput, match=r"refused 1 message\(s\): P20261123-00001 \(550"),
    ):
        _send(server, emls)

    assert [to for _, to, _ in server.inbox.messages] == [["jane@bayview.example"]]
    assert not sent_marker(emls[0]).exists()
    assert sent_marker(emls[1]).exists()


def test_starttls_and_login(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    certificate = self_signed_certificate(tmp_path)
    # The client checks the server's certificate against the trusted ones, as in production.
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    emls = _emls(tmp_path / "out", "jane@bayview.example")

    with smtp_server(tls=certificate) as server:
        sent = send_emails(
            emls,
            host=server.host,
            port=server.port,
            username=USER,
            password=PASSWORD,
            starttls=True,
        )

    assert sent == 1
    assert len(server.inbox.messages) == 1


def test_a_wrong_password_is_one_clear_error(tmp_path: Path) -> None:
    emls = _emls(tmp_path, "jane@bayview.example")

    with (
        smtp_server() as server,
        pytest.raises(LitcenterError, match="refused the login for 'mailer'"),
    ):
        send_emails(
            emls,
            host=server.host,
            port=server.port,
            username=USER,
            password="wrong",
            starttls=False,
        )

    assert server.inbox.messages == []


def test_no_server_is_one_clear_error(tmp_path: Path) -> None:
    emls = _emls(tmp_path, "jane@bayview.example")
    with smtp_server() as server:
        port = server.port

    with pytest.raises(
        LitcenterError, match=f"cannot send through the mail server 127.0.0.1:{port}"
    ):
        send_emails(emls, host="127.0.0.1", port=port, username=None, password=None, starttls=False)

    assert not sent_marker(emls[0]).exists()
