"""A retired brochure's requests go to its substitute: the packet carries the successor."""

from datetime import date
from pathlib import Path

from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from inventory.items import ItemDraft, add_item, retire_item
from inventory.movements import receive
from tests.support.batches import batch_view, planned
from tests.support.world import PROFILE, demo_world

DAY = date(2026, 11, 24)


def carried(url: str, batch_id: int, code: str) -> int:
    """How many packets of the batch carry the item."""
    return sum(
        any(item["code"] == code for item in packet["items"])
        for packet in batch_view(url, batch_id)["packets"]
    )


def test_packets_carry_the_successor_of_a_retired_brochure(
    database_url: str, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    demo_world(database_url, home)
    successor = ItemDraft(code="BR-SERVICE-2027", title="Service plans 2027", kind="brochure")
    now = local_now(PROFILE.timezone)
    with unit_of_work(database_url) as uow:
        add_item(uow, successor, home=home, now=now)
    with unit_of_work(database_url) as uow:
        receive(uow, "BR-SERVICE-2027", 100, location="shelf", now=now)
    old = ItemDraft(code="BR-SERVICE-2026", title="Service plans 2026", kind="brochure",
                    products=["SRV-MNT"], substitutes=["BR-SERVICE-2027"])  # fmt: skip
    with unit_of_work(database_url) as uow:
        add_item(uow, old, home=home, now=now)
    with unit_of_work(database_url) as uow:
        retire_item(uow, "BR-SERVICE-2026", now=now)

    batch_id = planned(database_url, DAY, profile=PROFILE).batch_id

    assert carried(database_url, batch_id, "BR-SERVICE-2027") >= 3, "every SRV-MNT request"
    assert carried(database_url, batch_id, "BR-SERVICE-2026") == 0
