"""E-mailed packets: the batch sends them through a real SMTP server and counts them as mailed."""

import os
from datetime import date
from pathlib import Path

import pytest

from fulfilment.db import unit_of_work
from fulfilment.views import inquiry_show
from tests.integration.batch_assemble.smtp_server import smtp_server
from tests.support.batches import batch_view
from tests.support.world import center, demo_world

DAY = date(2026, 11, 24)


@pytest.fixture(params=["sqlite"])
def blank_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Sending is the same on both databases; the steps it follows are tested on both."""
    return f"sqlite:///{tmp_path / 'litcenter.db'}"


def test_sent_packets_are_mailed_and_sent_once(
    prefect_harness: None, database_url: str, tmp_path: Path
) -> None:
    from flows.daily_batch import run_daily_batch

    home = tmp_path / "home"
    demo_world(database_url, home)
    with smtp_server() as server, center(database_url, home):
        os.environ.update(
            LITCENTER_SMTP_HOST=server.host,
            LITCENTER_SMTP_PORT=str(server.port),
            LITCENTER_SMTP_STARTTLS="false",
        )
        try:
            summary = run_daily_batch(DAY, tmp_path / "out")
            again = run_daily_batch(DAY, tmp_path / "out")
        finally:
            for name in ("LITCENTER_SMTP_HOST", "LITCENTER_SMTP_PORT", "LITCENTER_SMTP_STARTTLS"):
                del os.environ[name]

    packets = batch_view(database_url, summary["batch_id"])["packets"]
    emailed = [p for p in packets if p["channel"] == "email"]
    assert emailed
    assert len(server.inbox.messages) == len(emailed), "each message once, over two runs"
    assert again["new_packets"] == 0
    for packet in emailed:
        assert packet["status"] == "mailed" and packet["mailed_at"]
        with unit_of_work(database_url) as uow:
            inquiry = inquiry_show(uow.session, packet["inquiry_id"])
        assert inquiry["status"] == "mailed"
        assert [e["kind"] for e in inquiry["timeline"]].count("mailed") == 1
    assert all(p["status"] == "printed" for p in packets if p["channel"] == "print"), (
        "paper packets are mailed when the mail room scans them"
    )
