"""Owed literature sent when stock arrives: a cover note per shipment, envelopes out of supplies."""

from collections import Counter
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.views import inquiry_show
from inventory.movements import receive
from inventory.reorder import stock_levels
from tests.support.batches import batch_view
from tests.support.steps import run_steps
from tests.support.world import PROFILE, demo_world

FIRST, SECOND = date(2026, 11, 24), date(2026, 11, 25)
# Out of stock in the demo and asked about from the US, Germany and China.
OWED_CODE, OWED_TITLE = "BR-PLANTWATCH", "PlantWatch monitoring brochure"


def on_hand(url: str) -> dict[str, int]:
    with unit_of_work(url) as uow:
        lines = stock_levels(uow.session, now=local_now(PROFILE.timezone))
    return {line.code: line.on_hand for line in lines}


def owed_packets(url: str, batch_id: int) -> list[dict[str, object]]:
    """The batch's printed packets still owed the brochure, in packet order."""
    return [
        packet
        for packet in batch_view(url, batch_id)["packets"]
        if packet["channel"] == "print"
        and any(i["code"] == OWED_CODE and i["status"] == "backordered" for i in packet["items"])
    ]


def test_owed_shipments_carry_a_note_and_use_their_envelopes(
    database_url: str, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    demo_world(database_url, home)
    first = run_steps(database_url, FIRST, tmp_path / "first", home=home, profile=PROFILE)
    assert "separate_cover_letters" not in first["files"], "nothing owed is sent on day one"
    owed = owed_packets(database_url, first["batch_id"])
    with unit_of_work(database_url) as uow:
        contacts = [inquiry_show(uow.session, int(str(p["inquiry_id"]))) for p in owed]
    assert {"US", "CN"} <= {contact["country"] for contact in contacts}
    with unit_of_work(database_url) as uow:
        receive(uow, OWED_CODE, 100, location="shelf", now=local_now(PROFILE.timezone))
    before = on_hand(database_url)

    second = run_steps(database_url, SECOND, tmp_path / "second", home=home, profile=PROFILE)

    notes = PdfReader(second["files"]["separate_cover_letters"]).pages
    assert len(notes) == len(owed), "one note a shipment"
    texts = [" ".join(page.extract_text().split()) for page in notes]
    labels = PdfReader(second["files"]["separate_cover_labels"]).pages[0].extract_text()
    names = [contact["name"] for contact in contacts]
    assert [labels.upper().index(name.upper()) for name in names] == sorted(
        labels.upper().index(name.upper()) for name in names
    ), "notes in the labels' order"
    for packet, contact, text in zip(owed, contacts, texts, strict=True):
        assert str(packet["number"]) in text and str(contact["name"]) in text
        if contact["country"] == "CN":
            # Chinese lines are set without spaces, and pypdf puts some in between runs.
            promise = f"如我们在2026年11月24日的信中所承诺，现随函寄上《{OWED_TITLE}》"
            assert promise.replace(" ", "") in text.replace(" ", "")
        elif contact["country"] == "US":
            assert f"As promised in our letter of November 24, 2026, here is {OWED_TITLE}." in text
        else:
            assert f"As promised in our letter of 24 November 2026, here is {OWED_TITLE}." in text
    after = on_hand(database_url)
    envelopes = Counter(f"ENV-{str(p['envelope']).upper()}" for p in owed)
    assert {code: before[code] - after[code] for code in envelopes} == envelopes
    assert before["AVERY-5160"] - after["AVERY-5160"] == 1, "the separate-cover labels' sheet"
    written = Path(second["files"]["separate_cover_letters"]).stat().st_mtime_ns

    again = run_steps(database_url, SECOND, tmp_path / "second", home=home, profile=PROFILE)

    assert again["files"] == second["files"]
    assert Path(again["files"]["separate_cover_letters"]).stat().st_mtime_ns == written
    assert on_hand(database_url) == after, "a re-run uses no supplies again"
