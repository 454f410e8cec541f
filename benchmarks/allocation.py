"""Benchmark: allocate and pick N packets on SQLite, against one transaction per request.

Usage: python benchmarks/allocation.py [--packets N] [--json]
Each packet asks for three of twenty brochures; a third of the brochures run short, so some
requests go to substitutes or backorders. The baseline is the same requests allocated one
call (one transaction, one lock) each: what a batch would pay without batching.
"""

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from fulfilment.db import unit_of_work
from fulfilment.schema import migrate
from inventory.allocation import Request, allocate, pick
from inventory.items import ItemDraft, add_item
from inventory.movements import receive

ITEMS = [f"BR-{n:02d}" for n in range(20)]
NOW = datetime(2026, 11, 24, 9, 0)


def stocked_database(folder: Path, name: str, packets: int) -> str:
    """A fresh SQLite database with twenty brochures; every third one is short."""
    url = f"sqlite:///{folder / name}"
    migrate(url)
    with unit_of_work(url) as uow:
        uow.session.execute(
            text("INSERT INTO products (code, name, family, description) VALUES ('P', 'P', '', '')")
        )
        uow.commit()
    for n, code in enumerate(ITEMS):
        substitutes = [ITEMS[n - 1]] if n % 3 == 0 and n > 0 else []
        draft = ItemDraft(code=code, title=code, kind="brochure", products=["P"],
                          substitutes=substitutes)  # fmt: skip
        copies = packets // 10 if n % 3 == 0 else packets
        with unit_of_work(url) as uow:
            add_item(uow, draft, home=folder, now=NOW)
        with unit_of_work(url) as uow:
            receive(uow, code, copies, location="shelf", now=NOW)
    return url


def requests_for(packets: int) -> list[Request]:
    pick_items = random.Random(7)
    return [
        Request(f"P-{n:06d}", code, 1)
        for n in range(packets)
        for code in pick_items.sample(ITEMS, 3)
    ]


def run(packets: int) -> dict[str, float | int]:
    requests = requests_for(packets)
    keys = sorted({r.key for r in requests})
    with tempfile.TemporaryDirectory(prefix="litcenter-bench-") as folder:
        batched_url = stocked_database(Path(folder), "batched.db", packets)
        start = time.perf_counter()
        with unit_of_work(batched_url) as uow:
            result = allocate(uow.session, requests, now=NOW)
            uow.commit()
        allocate_s = time.perf_counter() - start
        start = time.perf_counter()
        with unit_of_work(batched_url) as uow:
            pick(uow.session, keys, now=NOW)
            uow.commit()
        pick_s = time.perf_counter() - start

        single_url = stocked_database(Path(folder), "single.db", packets)
        start = time.perf_counter()
        for request in requests:
            with unit_of_work(single_url) as uow:
                allocate(uow.session, [request], now=NOW)
                uow.commit()
        single_s = time.perf_counter() - start
    return {
        "packets": packets,
        "requests": len(requests),
        "substituted": len(result.substituted),
        "backordered": len(result.backordered),
        "allocate_s": round(allocate_s, 3),
        "pick_s": round(pick_s, 3),
        "requests_per_s": round(len(requests) / allocate_s),
        "baseline_one_call_per_request_s": round(single_s, 3),
        "speedup_vs_baseline": round(single_s / allocate_s, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packets", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="Print one JSON document.")
    args = parser.parse_args()
    results = run(args.packets)
    if args.json:
        print(json.dumps(results))
    else:
        for name, value in results.items():
            print(f"{name:>32}: {value}")


if __name__ == "__main__":
    main()
