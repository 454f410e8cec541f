"""Page notes find their bulletin however it is written; a page no bulletin has is a warning."""

from datetime import date
from pathlib import Path

from sqlalchemy import select

from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.intake.service import import_inquiries
from fulfilment.models import Inquiry, Packet, PacketInquiry
from inventory.items import ItemDraft, add_item
from tests.support.batches import planned, warned
from tests.support.world import PROFILE, demo_world

DAY = date(2026, 11, 24)
HEADER = (
    "external_id,received_at,name,address1,city,region,postcode,country,email,products,source,"
    "source_detail,source_page,response"
)


def notes(url: str, batch_id: int) -> dict[str, tuple[str, int | None]]:
    """Each packet's page note by the external id of every inquiry it answers."""
    with unit_of_work(url) as uow:
        rows = uow.session.execute(
            select(Inquiry.external_id, Packet.publication, Packet.publication_page)
            .join(PacketInquiry, PacketInquiry.packet_id == Packet.id)
            .join(Inquiry, Inquiry.id == PacketInquiry.inquiry_id)
            .where(Packet.batch_id == batch_id)
        )
        return {external_id or "": (publication, page) for external_id, publication, page in rows}


def test_issues_written_any_way_get_their_page_note_and_unknown_ones_a_warning(
    database_url: str, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    demo_world(database_url, home)
    for code, title, aliases in [
        ("BUL-PD-2610", "Pump Digest October 2026", []),
        ("BUL-PD-2611", "Pump Digest November 2026", ["PD 11/26"]),
    ]:
        draft = ItemDraft(code=code, title=title, kind="bulletin", aliases=aliases)
        with unit_of_work(database_url) as uow:
            add_item(uow, draft, home=home, now=local_now(PROFILE.timezone))
    rows = [
        ("ABBR", "Pump Digest Nov 2026", "5"),
        ("NUMBERS", '"pump digest, 10/2026"', "p. 9"),
        ("NAME-ONLY", "Pump Digest", "3"),
        ("ALIAS", "PD 11/26", "7"),
        ("UNKNOWN", "Valve World Nov 2026", "41"),
        ("NO-PAGE", "Valve World Nov 2026", ""),
    ]
    inquiries = tmp_path / "inquiries.csv"
    inquiries.write_text(
        "\n".join(
            [HEADER]
            + [
                f"{key},2026-11-22,Ann {key.title()},{len(key)} Farm Rd,Fresno,CA,93650,US,"
                f"{key.lower()}@x.example,"
                f"PMP-100,Magazine ad,{detail},{page},mail"
                for key, detail, page in rows
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    with unit_of_work(database_url) as uow:
        now = local_now(PROFILE.timezone)
        summary = import_inquiries(uow, inquiries, profile=PROFILE, now=now)
    assert summary.accepted == len(rows)

    batch_id = planned(database_url, DAY, profile=PROFILE).batch_id

    found = notes(database_url, batch_id)
    assert found["ABBR"] == ("Pump Digest November 2026", 5)
    assert found["NUMBERS"] == ("Pump Digest October 2026", 9)
    assert found["NAME-ONLY"] == ("Pump Digest November 2026", 3), "the newest issue"
    assert found["ALIAS"] == ("Pump Digest November 2026", 7)
    assert found["UNKNOWN"] == found["NO-PAGE"] == ("", None)
    assert found["WEB-1004"] == ("Product News Q4", 12), "the demo's exact title still works"
    warnings = warned(database_url, batch_id)
    assert (
        "no bulletin matches 'Valve World Nov 2026' (1 inquiry, page 41): sent without a page "
        "note; add the bulletin with 'litcenter literature add ... --kind bulletin', giving "
        "--alias 'Valve World Nov 2026' if its title reads otherwise"
    ) in warnings
    assert any("'Flow Control Nov 2026' (1 inquiry, page 37)" in w for w in warnings), "demo"
    assert not any("Pump Digest" in w or "PD 11/26" in w for w in warnings)
