"""Sending the written .eml packets through an SMTP server, each one once."""

import smtplib
import ssl
from collections.abc import Sequence
from datetime import datetime
from email import message_from_bytes
from email.policy import default
from pathlib import Path

from fulfilment.batch.atomic import atomic_write
from fulfilment.batch.mailroom import scan_packets
from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput, LitcenterError
from fulfilment.settings import CompanyProfile
from fulfilment.states import ScanOutcome

TIMEOUT_SECONDS = 60.0


def sent_marker(eml: Path) -> Path:
    """The file that records a message went out, so a re-run does not send it again."""
    return eml.with_suffix(".sent")


def record_emails_sent(
    uow: UnitOfWork, email_dir: Path, *, profile: CompanyProfile, now: datetime
) -> int:
    """Mark each packet whose message went out as mailed, once; returns how many were new."""
    numbers = sorted(marker.stem for marker in email_dir.glob("*.sent"))
    outcomes = scan_packets(uow, numbers, profile=profile, now=now)
    return sum(outcome["outcome"] == ScanOutcome.MAILED for outcome in outcomes)


def send_emails(
    eml_paths: Sequence[Path],
    *,
    host: str,
    port: int,
    username: str | None,
    password: str | None,
    starttls: bool,
) -> int:
    """Send each message not sent before over one connection; returns how many went out now.

    A message the server refuses does not stop the rest; BadInput lists the refused ones
    after the others have gone.
    """
    waiting = [path for path in eml_paths if not sent_marker(path).exists()]
    if not waiting:
        return 0
    sent, refused = 0, []
    try:
        with smtplib.SMTP(host, port, timeout=TIMEOUT_SECONDS) as server:
            if starttls:
                server.starttls(context=ssl.create_default_context())
            if username:
                server.login(username, password or "")
            for path in waiting:
                message = message_from_bytes(path.read_bytes(), policy=default)
                try:
                    server.send_message(message)
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as exc:
                    refused.append(f"{path.stem} ({_reason(exc)})")
                    continue
                atomic_write(sent_marker(path), f"{message['Message-ID']}\n".encode())
                sent += 1
    except smtplib.SMTPAuthenticationError as exc:
        raise LitcenterError(
            f"the mail server {host} refused the login for {username!r}; "
            "check the SMTP user name and password"
        ) from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise LitcenterError(
            f"cannot send through the mail server {host}:{port} ({exc}) after {sent} sent; "
            "check the SMTP settings and send again: sent messages are not repeated"
        ) from exc
    if refused:
        raise BadInput(
            f"the mail server refused {len(refused)} message(s): {'; '.join(refused)}; "
            "correct those addresses, then send again"
        )
    return sent


def _reason(exc: smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(exc.recipients.values()))
        return f"{code} {text.decode(errors='replace')}"
    reply = exc.smtp_error
    return (
        f"{exc.smtp_code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply}"
    )
