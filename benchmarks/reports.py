"""Benchmark: the four reports over N inquiries, each against a plain count(*) of their rows.

Usage: python benchmarks/reports.py [--inquiries N] [--url DATABASE_URL] [--json]
The world (inquiries over eight weeks, a packet of three items for nine in ten of them, one or
two calls each, monthly source costs) is bulk-inserted into a fresh SQLite database (or the
empty database --url names) and not timed. The floor is one `count(*)` each of the period's
inquiries, packets, packet items and calls, in the same run: what reading those rows at all
costs the database.
"""

import argparse
import json
import random
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select

from fulfilment.db import engine_for, unit_of_work
from fulfilment.models import (
    Batch,
    Contact,
    FollowUp,
    Inquiry,
    Packet,
    PacketInquiry,
    PacketItem,
    Rep,
    SourceCost,
)
from fulfilment.reports.calls import calls_report
from fulfilment.reports.common import received_in
from fulfilment.reports.literature import literature_report
from fulfilment.reports.sources import sources_report
from fulfilment.reports.turnaround import turnaround_report
from fulfilment.schema import migrate
from fulfilment.settings import CompanyProfile
from inventory.models import LiteratureItem

START, END = date(2026, 10, 5), date(2026, 11, 29)
AT = datetime(2026, 10, 1)
SOURCES = [(source, f"{source} {n}") for source in
           ("Trade show", "Magazine ad", "Web form", "Phone", "Bulletin", "Radio")
           for n in range(4)]  # fmt: skip
OUTCOMES = ["reached", "no answer", "left message", "meeting set", "quote requested", "won",
            "lost", "not interested"]  # fmt: skip
CODES = [f"BR-{n:02d}" for n in range(20)]
PROFILE = CompanyProfile(postage={"domestic letter": Decimal("0.78")})
REPORTS: dict[str, Callable[..., Any]] = {
    "turnaround": turnaround_report,
    "sources": sources_report,
    "calls": calls_report,
    "literature": literature_report,
}
CHUNK = 5000


def _insert(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    for first in range(0, len(rows), CHUNK):
        connection.execute(insert(table), rows[first : first + CHUNK])


def build(url: str, inquiries: int) -> None:
    """N inquiries with packets, items and calls, inserted in bulk."""
    pick = random.Random(7)
    days = (END - START).days + 1
    with engine_for(url).begin() as db:
        _insert(db, Rep, [{"code": f"R{n}", "name": f"Rep {n}"} for n in range(10)])
        _insert(db, LiteratureItem, [
            {"code": code, "title": code, "kind": "brochure", "created_at": AT, "updated_at": AT,
             "unit_cost": Decimal(n + 10) / 20}
            for n, code in enumerate(CODES)
        ])  # fmt: skip
        _insert(db, Batch, [
            {"business_date": START + timedelta(days=n), "status": "committed",
             "created_at": AT, "updated_at": AT}
            for n in range(days + 3)
        ])  # fmt: skip
        batches = {day: id_ for day, id_ in db.execute(select(Batch.business_date, Batch.id))}
        reps = list(db.scalars(select(Rep.id)))
        _insert(db, Contact, [
            {"name": f"Person {n}", "country": "US", "match_key": f"p{n}", "created_at": AT}
            for n in range(inquiries)
        ])  # fmt: skip
        contacts = list(db.scalars(select(Contact.id).order_by(Contact.id)))
        received = [
            datetime.combine(START, datetime.min.time())
            + timedelta(days=pick.randrange(days), hours=pick.uniform(7, 18))
            for _ in range(inquiries)
        ]
        _insert(db, Inquiry, [
            {"contact_id": contacts[n], "content_hash": f"h{n}", "received_at": received[n],
             "source": SOURCES[n % len(SOURCES)][0], "source_detail": SOURCES[n % len(SOURCES)][1],
             "rep_id": reps[n % len(reps)], "status": "mailed" if n % 10 else "new",
             "mailed_at": received[n] + timedelta(days=2) if n % 10 else None, "created_at": AT}
            for n in range(inquiries)
        ])  # fmt: skip
        ids = list(db.scalars(select(Inquiry.id).order_by(Inquiry.id)))
        answered = [n for n in range(inquiries) if n % 10]
        _insert(db, Packet, [
            {"number": f"P{n}", "batch_id": batches[(received[n] + timedelta(days=1)).date()],
             "inquiry_id": ids[n], "position": n, "channel": "print" if n % 7 else "email",
             "language": "en", "postage_class": "domestic letter", "status": "mailed",
             "printed_at": received[n] + timedelta(days=1),
             "mailed_at": received[n] + timedelta(days=2)}
            for n in answered
        ])  # fmt: skip
        packets = {iq: id_ for iq, id_ in db.execute(select(Packet.inquiry_id, Packet.id))}
        _insert(db, PacketInquiry, [
            {"packet_id": packets[ids[n]], "inquiry_id": ids[n], "position": 0} for n in answered
        ])  # fmt: skip
        _insert(db, PacketItem, [
            {"packet_id": packets[ids[n]], "code": code, "requested_code": code, "title": code,
             "kind": "brochure", "qty": 1, "status": "picked" if n % 7 else "attached"}
            for n in answered
            for code in pick.sample(CODES, 3)
        ])  # fmt: skip
        calls = []
        for n in answered:
            due = (received[n] + timedelta(days=5)).date()
            made = n % 4 != 0
            outcome = pick.choice(OUTCOMES)
            calls.append(
                {"inquiry_id": ids[n], "packet_id": packets[ids[n]], "rep_id": reps[n % len(reps)],
                 "due_on": due, "status": "done" if made else "open", "attempt": 1,
                 "outcome": outcome if made else None,
                 "rating": pick.randint(1, 10) if made else None,
                 "amount": Decimal(pick.randint(100, 9000)) if made and outcome == "won" else None,
                 "called_at": received[n] + timedelta(days=pick.uniform(3, 9)) if made else None,
                 "created_at": AT}
            )  # fmt: skip
        _insert(db, FollowUp, calls)
        _insert(db, SourceCost, [
            {"source": source, "detail": detail, "month": month, "cost": Decimal(900),
             "imported_at": AT}
            for source, detail in SOURCES
            for month in (date(2026, 10, 1), date(2026, 11, 1))
        ])  # fmt: skip


def floor_seconds(url: str) -> float:
    """Counting the period's inquiries, packets, items and calls, each with one count(*)."""
    period = received_in(Inquiry.received_at, START, END)
    queries = [
        select(func.count()).select_from(Inquiry).where(period),
        select(func.count()).select_from(Packet).join(Inquiry, Inquiry.id == Packet.inquiry_id)
        .where(period),
        select(func.count()).select_from(PacketItem).join(Packet).join(
            Inquiry, Inquiry.id == Packet.inquiry_id).where(period),
        select(func.count()).select_from(FollowUp).join(Inquiry, Inquiry.id == FollowUp.inquiry_id)
        .where(period),
    ]  # fmt: skip
    with unit_of_work(url) as uow:
        started = time.perf_counter()
        for query in queries:
            uow.session.scalar(query)
        return time.perf_counter() - started


def report_seconds(url: str, build_report: Callable[..., Any]) -> float:
    with unit_of_work(url) as uow:
        started = time.perf_counter()
        build_report(uow.session, start=START, end=END, profile=PROFILE)
        return time.perf_counter() - started


def run(inquiries: int, url: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="litcenter-bench-") as folder:
        url = url or f"sqlite:///{Path(folder) / 'litcenter.db'}"
        migrate(url)
        started = time.perf_counter()
        build(url, inquiries)
        built = time.perf_counter() - started
        floor_seconds(url)
        floor = floor_seconds(url)
        seconds = {name: report_seconds(url, report) for name, report in REPORTS.items()}
    return {
        "inquiries": inquiries,
        "database": url.split(":", 1)[0],
        "build_seconds": round(built, 2),
        "floor_seconds": round(floor, 3),
        **{f"{name}_seconds": round(spent, 2) for name, spent in seconds.items()},
        **{f"{name}_ratio": round(spent / floor, 1) for name, spent in seconds.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inquiries", type=int, default=50_000)
    parser.add_argument("--url", help="an empty database to build the world in (default: SQLite)")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    result = run(args.inquiries, args.url)
    if args.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:>20}  {value}")


if __name__ == "__main__":
    main()
