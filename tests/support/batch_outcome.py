"""What a finished daily batch left behind, in terms that compare across runs and databases."""

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from fulfilment.db import unit_of_work
from fulfilment.models import Batch, FollowUp, Inquiry, Packet, PacketInquiry
from fulfilment.render.stationery import label_sheet
from fulfilment.schema import migrate
from inventory.ledger import ledger_sums
from inventory.models import LiteratureItem, Stock
from tests.support.synthetic import BATCH_DAY, synthetic_world
from tests.support.world import PROFILE, center

PRINTER_FEEDS = ("letters", "envelopes", "labels")
_clean_runs: dict[int, "BatchOutcome"] = {}


@dataclass(frozen=True)
class BatchOutcome:
    """Packets, stock, printer files and follow-ups of every batch in one database."""

    batches: list[tuple[str, str]]
    # The packet number that answers each inquiry, by its external id; a packet answers
    # every inquiry its contact had waiting.
    numbers: dict[str, str]
    packets_per_inquiry: dict[str, int]
    printed: int
    stock: dict[tuple[str, str], tuple[int, int]]
    unbalanced: dict[tuple[str, str], tuple[int, int]]
    pages: dict[str, int]
    follow_ups: dict[str, int]
    # The calls each packet should book: none when all its inquiries only collect literature
    # or one of them asked for a call (booked at import), else one.
    calls_owed: dict[str, int]
    leftovers: list[str]

    @property
    def packets(self) -> int:
        return len(set(self.numbers.values()))

    def faults(self, *, inquiries: int) -> list[str]:
        """What is wrong with a single committed batch that answered `inquiries` inquiries."""
        labels_per_sheet = label_sheet(PROFILE.label_sheet).per_sheet
        checks = [
            (all(status == "committed" for _, status in self.batches), "a batch not committed"),
            (len(self.batches) == 1, f"{len(self.batches)} batches"),
            (len(self.packets_per_inquiry) == inquiries, "an inquiry without a packet"),
            (self.packets < inquiries, "no packet answers two inquiries of one contact"),
            (set(self.packets_per_inquiry.values()) == {1}, "an inquiry with two packets"),
            (not self.unbalanced, f"on hand differs from the ledger: {self.unbalanced}"),
            (all(r == 0 for _, r in self.stock.values()), "stock still reserved"),
            (self.pages["envelopes"] == self.printed, "not one envelope per printed packet"),
            (
                self.pages["labels"] == math.ceil(self.printed / labels_per_sheet),
                "not one label per printed packet",
            ),
            (self.pages["letters"] >= 2 * self.printed, "letters missing"),
            (
                self.follow_ups == {n: 1 for n, owed in self.calls_owed.items() if owed},
                "not one follow-up call per packet that owes one",
            ),
            (not self.leftovers, f"left in the output folder: {self.leftovers}"),
        ]
        return [fault for ok, fault in checks if not ok]


def batch_outcome(url: str) -> BatchOutcome:
    """Read the outcome: `unbalanced` lists stock rows whose on-hand is not their ledger's sum."""
    with unit_of_work(url) as uow:
        session = uow.session
        batches = session.execute(
            select(Batch.business_date, Batch.status, Batch.out_dir).order_by(Batch.business_date)
        ).all()
        packets = session.execute(
            select(Inquiry.external_id, Packet.number, Packet.channel, Inquiry.response,
                   Inquiry.urgency)
            .join(PacketInquiry, PacketInquiry.packet_id == Packet.id)
            .join(Inquiry, PacketInquiry.inquiry_id == Inquiry.id)
            .order_by(Packet.number, PacketInquiry.position)
        ).all()
        follow_ups = Counter(
            session.scalars(
                select(Packet.number).join(FollowUp, FollowUp.packet_id == Packet.id)
            ).all()
        )
        sums = ledger_sums(session)
        stock = {
            (code, row.location): (row.on_hand, row.reserved, sums.get(row.id, 0))
            for row, code in session.execute(
                select(Stock, LiteratureItem.code).join(LiteratureItem)
            )
        }
    folders = {Path(out_dir) for _, _, out_dir in batches if out_dir}
    asked_for_a_call = {row.number for row in packets if row.response in ("call", "both")}
    collecting = {row.number for row in packets if row.urgency == "info"} - {
        row.number for row in packets if row.urgency != "info"
    }
    return BatchOutcome(
        batches=[(day.isoformat(), status) for day, status, _ in batches],
        numbers={str(row.external_id): row.number for row in packets},
        packets_per_inquiry=dict(Counter(str(row.external_id) for row in packets)),
        printed=len({row.number for row in packets if row.channel == "print"}),
        stock={key: (on_hand, reserved) for key, (on_hand, reserved, _) in stock.items()},
        unbalanced={
            key: (on_hand, ledger)
            for key, (on_hand, _, ledger) in stock.items()
            if on_hand != ledger
        },
        pages={
            feed: sum(len(PdfReader(folder / f"{feed}.pdf").pages) for folder in folders)
            for feed in PRINTER_FEEDS
        },
        follow_ups=dict(follow_ups),
        calls_owed={
            row.number: int(row.number not in asked_for_a_call | collecting) for row in packets
        },
        leftovers=sorted(
            str(path.relative_to(folder))
            for folder in folders
            for path in folder.rglob("*")
            if path.name.endswith(".tmp") or path.name == ".chunks"
        ),
    )


def clean_run_outcome(folders: pytest.TempPathFactory, *, inquiries: int) -> BatchOutcome:
    """The synthetic world of this size batched once, never killed, on the process pool.

    Run in this process under the session's Prefect server, once per size and session.
    """
    if inquiries not in _clean_runs:
        from flows.daily_batch import run_daily_batch

        folder = folders.mktemp("clean-run")
        url = f"sqlite:///{folder / 'litcenter.db'}"
        migrate(url)
        synthetic_world(url, folder / "home", inquiries=inquiries)
        with center(url, folder / "home"):
            run_daily_batch(BATCH_DAY, folder / "out")
        outcome = batch_outcome(url)
        assert outcome.faults(inquiries=inquiries) == []
        _clean_runs[inquiries] = outcome
    return _clean_runs[inquiries]
