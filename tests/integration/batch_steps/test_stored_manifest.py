"""The batch's manifest lists and totals its printed packets as the database has them."""

import csv
from collections import Counter
from datetime import date
from pathlib import Path

from sqlalchemy import select

from fulfilment.db import unit_of_work
from fulfilment.models import Contact, Inquiry, Packet
from tests.integration.batch_assemble.pdfs import has_run, text_lines
from tests.support.steps import run_steps
from tests.support.world import PROFILE, demo_world

DAY = date(2026, 11, 24)


def test_every_printed_packet_is_listed_in_order_and_totalled(
    database_url: str, tmp_path: Path
) -> None:
    demo_world(database_url, tmp_path / "home")

    files = run_steps(database_url, DAY, tmp_path / "out", home=tmp_path / "home", profile=PROFILE)[
        "files"
    ]

    with open(files["manifest"], encoding="utf-8-sig", newline="") as handle:
        rows = [tuple(row) for row in csv.reader(handle)][1:]
    with unit_of_work(database_url) as uow:
        stored = uow.session.execute(
            select(Packet.number, Contact.name, Contact.company, Contact.country,
                   Packet.postage_class, Packet.envelope, Packet.weight_g)
            .join(Inquiry, Packet.inquiry_id == Inquiry.id)
            .join(Contact, Inquiry.contact_id == Contact.id)
            .where(Packet.channel == "print")
            .order_by(Packet.position)
        ).all()  # fmt: skip
    assert rows == [tuple(map(str, row)) for row in stored]
    lines = text_lines(Path(files["manifest_pdf"]))
    weight = sum(row.weight_g for row in stored)
    assert f"{len(stored)} packets, {weight:,} g in all" in lines
    for column in ("postage_class", "country"):
        counts = Counter(getattr(row, column) for row in stored)
        assert len(counts) > 1, f"the demo day has packets of several {column} values"
        for value, count in counts.items():
            grams = sum(row.weight_g for row in stored if getattr(row, column) == value)
            assert has_run(lines, [value, str(count), f"{grams:,} g"])
