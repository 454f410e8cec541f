"""Benchmark: import N synthetic inquiries into a fresh SQLite home, against a bare-insert floor.

Usage: python benchmarks/intake.py [--rows N] [--json]
The floor is the same file read with the csv module and inserted row by row with sqlite3
executemany into one table: what any import must at least pay.
"""

import argparse
import csv
import json
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from fulfilment.catalog import import_products
from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.intake.service import import_inquiries
from fulfilment.reps import import_reps
from fulfilment.schema import migrate
from fulfilment.settings import CompanyProfile

PRODUCTS = ["PMP-100", "PMP-250", "VLV-20", "SNS-P1", "SW-MON"]
PLACES = [
    ("Oakland", "CA", "946{:02d}", "US"),
    ("New York", "NY", "100{:02d}", "US"),
    ("Chicago", "IL", "606{:02d}", "US"),
    ("Berlin", "", "101{:02d}", "DE"),
]


def write_inquiries(path: Path, rows: int) -> None:
    pick = random.Random(1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "external_id",
                "received_at",
                "name",
                "company",
                "address1",
                "city",
                "region",
                "postcode",
                "country",
                "email",
                "products",
                "urgency",
            ]
        )
        for n in range(rows):
            city, region, postcode, country = pick.choice(PLACES)
            writer.writerow([
                f"B-{n}", "2026-11-20T09:00:00", f"Person {n % (rows // 2 + 1)}", f"Firm {n % 997}",
                f"{n % 300 + 1} Main St", city, region, postcode.format(n % 100), country,
                f"p{n % (rows // 2 + 1)}@example.com",
                ";".join(pick.sample(PRODUCTS, pick.randint(1, 3))), pick.choice(["rush", "normal"]),
            ])  # fmt: skip


def floor_seconds(path: Path, folder: Path) -> float:
    started = time.perf_counter()
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        connection = sqlite3.connect(folder / "floor.db")
        connection.execute(
            f"CREATE TABLE rows ({', '.join(f'c{i} TEXT' for i in range(len(header)))})"
        )
        connection.executemany(f"INSERT INTO rows VALUES ({', '.join('?' * len(header))})", reader)
        connection.commit()
        connection.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        url = f"sqlite:///{folder / 'litcenter.db'}"
        migrate(url)
        (folder / "products.csv").write_text(
            "code,name,family\n" + "".join(f"{c},{c},F{i}\n" for i, c in enumerate(PRODUCTS))
        )
        (folder / "reps.csv").write_text(
            "code,name,countries,regions\nR1,Rep One,US,CA\nR2,Rep Two,US,\n"
        )
        with unit_of_work(url) as uow:
            import_products(uow, folder / "products.csv")
            import_reps(uow, folder / "reps.csv")
        path = folder / "inquiries.csv"
        write_inquiries(path, args.rows)
        floor = floor_seconds(path, folder)
        started = time.perf_counter()
        profile = CompanyProfile()
        with unit_of_work(url) as uow:
            summary = import_inquiries(uow, path, profile=profile, now=local_now(profile.timezone))
        seconds = time.perf_counter() - started
    result = {
        "rows": args.rows,
        "accepted": summary.accepted,
        "seconds": round(seconds, 2),
        "rows_per_second": round(args.rows / seconds),
        "floor_seconds": round(floor, 3),
        "ratio_to_floor": round(seconds / floor, 1),
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>16}  {value}")


if __name__ == "__main__":
    main()
