"""A retired brochure's requests go to its substitute: the packet carries the successor."""

from datetime import date
from pathlib import Path

from fulfilment.batch.plan import plan_batch
from fulfilment.batch.views import batch_show
from inventory.items import ItemDraft, add_item, retire_item
from inventory.movements import receive
from tests.support.world import PROFILE, demo_world

DAY = date(2026, 11, 24)


def carried(url: str, batch_id: int, code: str) -> int:
    """How many packets of the batch carry the item."""
    return sum(
        any(item["code"] == code for item in packet["items"])
        for packet in batch_show(url, batch_id)["packets"]
    )


def test_packets_carry_the_successor_of_a_retired_brochure(
    database_url: str, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    demo_world(database_url, home)
    successor = ItemDraft(code="BR-SERVICE-2027", title="Service plans 2027", kind="brochure")
    add_item(database_url, successor, home=home)
    receive(database_url, "BR-SERVICE-2027", 100, location="shelf")
    old = ItemDraft(code="BR-SERVICE-2026", title="Service plans 2026", kind="brochure",
                    products=["SRV-MNT"], substitutes=["BR-SERVICE-2027"])  # fmt: skip
    add_item(database_url, old, home=home)
    retire_item(database_url, "BR-SERVICE-2026")

    batch_id = plan_batch(database_url, DAY, profile=PROFILE).batch_id

    assert carried(database_url, batch_id, "BR-SERVICE-2027") >= 3, "every SRV-MNT request"
    assert carried(database_url, batch_id, "BR-SERVICE-2026") == 0
