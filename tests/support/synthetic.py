"""A literature center of any size: the demo catalogue, ample stock, N inquiries in four countries."""

import csv
import random
import tempfile
from datetime import date
from importlib.resources import as_file, files
from pathlib import Path

from fulfilment.catalog import import_products
from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.intake.service import import_inquiries
from fulfilment.reps import import_reps
from fulfilment.settings import CompanyProfile
from inventory.bulk import import_literature
from tests.support.world import PROFILE

# Every inquiry is received before this business day's cut-off.
BATCH_DAY = date(2026, 11, 24)
PRODUCTS = (
    "PMP-100", "PMP-250", "PMP-DOS", "VLV-20", "VLV-40",
    "ACT-E", "SNS-P1", "SNS-FLW", "SW-MON", "SRV-MNT",
)  # fmt: skip
# (country, street with a {n} for the house number, city, region, postcode), weighted by share.
PLACES = (
    (("US", "{n} Harbor Blvd", "Oakland", "CA", "94607"), 14),
    (("US", "{n} Market St", "San Francisco", "CA", "94105"), 10),
    (("US", "{n} River Rd", "Albany", "NY", "12207"), 10),
    (("US", "{n} Elm St", "Chicago", "IL", "60601"), 12),
    (("US", "{n} Main St", "Boston", "MA", "02108"), 9),
    (("GB", "{n} Downing St", "London", "", "SW1A 2AA"), 15),
    (("DE", "Unter den Linden {n}", "Berlin", "", "10117"), 15),
    (("CN", "世纪大道{n}号", "浦东新区", "上海市", "200120"), 8),
    (("CN", "天河路{n}号", "广州市", "广东省", "510620"), 7),
)
INQUIRY_COLUMNS = (
    "external_id", "received_at", "name", "company", "address1", "city", "region", "postcode",
    "country", "email", "products", "source", "source_detail", "source_page", "response",
    "urgency",
)  # fmt: skip


def synthetic_world(
    url: str, home: Path, *, inquiries: int, profile: CompanyProfile = PROFILE, seed: int = 1
) -> dict[str, int]:
    """Load a center whose shelves hold enough of everything for `inquiries` printed packets.

    The same arguments give the same inquiries in the same order, so two worlds built alike
    plan the same packet numbers. Returns how many inquiries were accepted.
    """
    now = local_now(profile.timezone)
    with (
        as_file(files("fulfilment").joinpath("demo_data")) as demo,
        tempfile.TemporaryDirectory(prefix="litcenter-world-") as name,
        unit_of_work(url) as uow,
    ):
        folder = Path(name)
        import_products(uow, demo / "products.csv")
        import_reps(uow, demo / "reps.csv")
        write_literature(demo / "literature.csv", folder / "literature.csv", stock=inquiries + 100)
        import_literature(uow, folder / "literature.csv", home=home, now=now)
        write_inquiries(folder / "inquiries.csv", inquiries, seed=seed)
        summary = import_inquiries(uow, folder / "inquiries.csv", profile=profile, now=now)
    return {"accepted": summary.accepted}


def write_literature(demo: Path, target: Path, *, stock: int) -> None:
    """The demo literature with `stock` of every item and supply received on the shelf."""
    with demo.open(newline="", encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    for row in rows:
        row["received"], row["location"], row["note"] = str(stock), "shelf", "synthetic stock"
        if row["pdf"]:
            row["pdf"] = str((demo.parent / row["pdf"]).resolve())
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def write_inquiries(path: Path, count: int, *, seed: int) -> None:
    """`count` valid inquiries received over the four days before BATCH_DAY.

    About one in ten comes from someone who asked before in the file (their e-mail typed in
    capitals), as people who ask again do; the rest are one person each.
    """
    pick = random.Random(seed)
    # Its own generator: the inquiries' other values stay those of a world without repeats.
    again = random.Random(seed + 1)
    places, weights = zip(*PLACES, strict=True)
    # Who asked in each row so far, by person number and place.
    askers: list[tuple[int, tuple[str, ...]]] = []
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(INQUIRY_COLUMNS)
        for n in range(count):
            place = pick.choices(places, weights)[0]
            bulletin = pick.random() < 0.1
            person, email = n, f"person{n}@example.com"
            if n and again.random() < 0.1:
                person, place = askers[again.randrange(n)]
                email = f"PERSON{person}@EXAMPLE.COM"
            askers.append((person, place))
            country, street, city, region, postcode = place
            writer.writerow([
                f"SYN-{n:06d}",
                f"2026-11-{20 + n % 4}T{8 + n % 9:02d}:{n % 60:02d}:00",
                f"Person {person}", f"Firm {person % 997}", street.format(n=person % 400 + 1),
                city, region, postcode, country, email,
                ";".join(pick.sample(PRODUCTS, pick.randint(1, 3))),
                "Bulletin" if bulletin else "Web form",
                "Product News Q4" if bulletin else "",
                "12" if bulletin else "",
                pick.choice(("mail", "both")),
                "rush" if pick.random() < 0.1 else "normal",
            ])  # fmt: skip
