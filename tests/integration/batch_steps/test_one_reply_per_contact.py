"""A contact's inquiries of one day share one packet, and literature is not sent twice."""

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from fulfilment.batch.mailroom import scan_packets
from fulfilment.batch.resend import request_resend
from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.errors import BadInput
from fulfilment.intake.service import import_inquiries
from fulfilment.models import FollowUp, Inquiry, Packet
from fulfilment.views import inquiry_list, inquiry_show
from inventory.items import upload_edition
from inventory.models import Allocation, LiteratureItem
from tests.integration.inventory import pdfs
from tests.support.batches import batch_view, planned
from tests.support.steps import run_steps
from tests.support.world import PROFILE, demo_world

DAY, LATER = date(2026, 11, 24), date(2026, 11, 27)
MAILED = datetime(2026, 11, 24, 17, 0)
HEADER = (
    "external_id,received_at,name,company,address1,city,region,postcode,country,email,"
    "products,source,response,urgency"
)
DANA = "Dana Scott,Scott Dairy,7 Creek Rd,Modesto,CA,95354,US"


def add_inquiries(url: str, folder: Path, rows: list[str]) -> None:
    path = folder / f"inquiries-{len(list(folder.glob('inquiries-*')))}.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    with unit_of_work(url) as uow:
        summary = import_inquiries(uow, path, profile=PROFILE, now=local_now(PROFILE.timezone))
    assert summary.accepted == len(rows), summary


def ids_of(url: str, *external_ids: str) -> list[int]:
    with unit_of_work(url) as uow:
        found = dict(
            uow.session.execute(
                select(Inquiry.external_id, Inquiry.id).where(Inquiry.external_id.in_(external_ids))
            ).all()
        )
    return [found[external_id] for external_id in external_ids]


def packet_of(view: dict[str, Any], external_id: str) -> dict[str, Any]:
    (packet,) = [p for p in view["packets"] if external_id in p["external_ids"]]
    return packet


def letter_of(letters: str, number: str) -> str:
    """The text of the letter pages that carry this packet number, on one line."""
    pages = [page.extract_text() for page in PdfReader(letters).pages]
    first = next(n for n, text in enumerate(pages) if number in text)
    return " ".join(" ".join(pages[first : first + 2]).split())


def allocated(url: str, number: str) -> list[str]:
    """The literature codes stock was allocated to for a packet."""
    with unit_of_work(url) as uow:
        return sorted(
            uow.session.scalars(
                select(LiteratureItem.code)
                .join(Allocation, Allocation.item_id == LiteratureItem.id)
                .where(Allocation.request_key == number)
            )
        )


def answered_and_mailed(url: str, home: Path, out: Path, external_id: str) -> str:
    """Run the first day's batch and scan the packet answering `external_id`; its number."""
    first = run_steps(url, DAY, out, home=home, profile=PROFILE)
    number = str(packet_of(batch_view(url, first["batch_id"]), external_id)["number"])
    with unit_of_work(url) as uow:
        scan_packets(uow, [number], profile=PROFILE, now=MAILED)
    return number


def asked_again_about_dosing_pumps(url: str, home: Path, folder: Path) -> None:
    """DS-1 answered and mailed on the first day, then DS-2 from Dana asking the same."""
    row = f"{DANA},dana@scott.example,PMP-DOS,Web form,mail,normal"
    add_inquiries(url, folder, [f"DS-1,2026-11-21T09:00,{row}"])
    answered_and_mailed(url, home, folder / "day1", "DS-1")
    add_inquiries(url, folder, [f"DS-2,2026-11-26T09:00,{row}"])


@pytest.fixture
def home(database_url: str, tmp_path: Path) -> Path:
    home = tmp_path / "home"
    demo_world(database_url, home)
    return home


def test_three_inquiries_of_one_contact_in_a_day_get_one_packet_naming_everything(
    database_url: str, home: Path, tmp_path: Path
) -> None:
    add_inquiries(
        database_url,
        tmp_path,
        [
            f"DS-1,2026-11-21T09:00,{DANA},dana.scott@scott.example,PMP-100,Web form,mail,normal",
            f"DS-2,2026-11-22T10:00,{DANA}, Dana.Scott@SCOTT.example ,VLV-40,Web form,mail,rush",
            f"DS-3,2026-11-23T08:00,{DANA},DANA.SCOTT@scott.example,PMP-100;SNS-P1,Ad,mail,normal",
        ],
    )
    ids = ids_of(database_url, "DS-1", "DS-2", "DS-3")

    summary = run_steps(database_url, DAY, tmp_path / "out", home=home, profile=PROFILE)

    view = batch_view(database_url, summary["batch_id"])
    packet = packet_of(view, "DS-1")
    assert packet["inquiry_ids"] == ids and packet["external_ids"] == ["DS-1", "DS-2", "DS-3"]
    assert (packet["inquiry_id"], packet["external_id"]) == (ids[0], "DS-1")
    codes = [item["code"] for item in packet["items"]]
    assert len(codes) == len(set(codes)), "each item once"
    assert {"BR-PMP-100", "BR-VALVES", "TS-SNS", "CAT-2026"} <= set(codes)
    answered = [i for p in view["packets"] for i in p["inquiry_ids"]]
    assert len(answered) == len(set(answered)), "never two packets for one inquiry"
    assert summary["inquiries_answered"] == len(answered) > summary["packets"]
    with unit_of_work(database_url) as uow:
        rush = {row["id"] for row in inquiry_list(uow.session) if row["urgency"] == "rush"}
        calls = uow.session.scalar(
            select(func.count())
            .select_from(FollowUp)
            .join(Packet, Packet.id == FollowUp.packet_id)
            .where(Packet.number == packet["number"])
        )
        shown = [inquiry_show(uow.session, id_) for id_ in ids]
    first_normal = next(
        n for n, p in enumerate(view["packets"]) if not rush & set(p["inquiry_ids"])
    )
    assert view["packets"].index(packet) < first_normal, "the rush inquiry puts it first"
    assert calls == 1, "one call per packet"
    for inquiry in shown:
        assert inquiry["packet"]["number"] == packet["number"]
        assert inquiry["packet"]["status"] == "printed" and inquiry["packet"]["mailed_at"] is None
        assert f"packet {packet['number']}" in " ".join(e["detail"] for e in inquiry["timeline"])

    letter = letter_of(summary["files"]["letters"], packet["number"])
    asked = [letter.index(f"({code})") for code in ("PMP-100", "VLV-40", "SNS-P1")]
    assert asked == sorted(asked), "products in the order asked"
    labels = " ".join(page.extract_text() for page in PdfReader(summary["files"]["labels"]).pages)
    assert labels.count("DANA SCOTT") == 1, "one label"
    assert labels.count("CODY FISHER") == 1, "the demo's repeat inquirer, one label too"


def test_a_contact_asking_again_gets_only_what_is_new_and_the_letter_says_what_they_have(
    database_url: str, home: Path, tmp_path: Path
) -> None:
    add_inquiries(
        database_url,
        tmp_path,
        [f"DS-1,2026-11-21T09:00,{DANA},dana@scott.example,PMP-100;SNS-P1,Web form,mail,normal"],
    )
    answered_and_mailed(database_url, home, tmp_path / "day1", "DS-1")
    newer = pdfs.write(tmp_path, "sensors-2027.pdf", pdfs.brochure(pages=2, tag="2027"))
    with unit_of_work(database_url) as uow:
        assert upload_edition(uow, "TS-SNS", newer, home=home, now=MAILED).edition == 2
    add_inquiries(
        database_url,
        tmp_path,
        [f"DS-2,2026-11-26T09:00,{DANA},dana@scott.example,PMP-100;SNS-P1;VLV-40,Ad,mail,normal"],
    )

    second = run_steps(database_url, LATER, tmp_path / "day2", home=home, profile=PROFILE)

    packet = packet_of(batch_view(database_url, second["batch_id"]), "DS-2")
    items = {item["code"]: item for item in packet["items"]}
    for had in ("BR-PMP-100", "CAT-2026"):
        assert (items[had]["status"], items[had]["already_sent"]) == ("skipped", "2026-11-24")
    assert items["TS-SNS"].get("new_edition") is True and "already_sent" not in items["TS-SNS"]
    assert "already_sent" not in items["BR-VALVES"]
    going = sorted(code for code, item in items.items() if item["status"] != "skipped")
    assert allocated(database_url, packet["number"]) == going, "no stock for what is left out"
    letter = letter_of(second["files"]["letters"], packet["number"])
    assert (
        "You received our Centrifugal Pump CP-100 brochure (brochure, BR-PMP-100), our Pump "
        "range overview (brochure, BR-PUMPS) and our Product catalogue 2026 (catalogue, "
        "CAT-2026) on November 24, 2026; they are not enclosed again." in letter
    )
    assert "(technical data sheet, TS-SNS, new edition)" in letter
    assert "Valves and actuators brochure" in letter


def test_nothing_new_to_send_still_sends_the_letter_without_a_second_catalogue(
    database_url: str, home: Path, tmp_path: Path
) -> None:
    asked_again_about_dosing_pumps(database_url, home, tmp_path)

    second = run_steps(database_url, LATER, tmp_path / "day2", home=home, profile=PROFILE)

    packet = packet_of(batch_view(database_url, second["batch_id"]), "DS-2")
    assert {item["status"] for item in packet["items"]} == {"skipped"}
    assert allocated(database_url, packet["number"]) == []
    letter = letter_of(second["files"]["letters"], packet["number"])
    assert "Enclosed you will find" not in letter and "not enclosed again" in letter
    assert "will call you" in letter, "the letter still answers and names the rep"


def test_staff_can_force_a_resend_for_one_inquiry_recorded_on_its_timeline(
    database_url: str, home: Path, tmp_path: Path
) -> None:
    asked_again_about_dosing_pumps(database_url, home, tmp_path)
    first_id, second_id = ids_of(database_url, "DS-1", "DS-2")
    now = local_now(PROFILE.timezone)

    with unit_of_work(database_url) as uow, pytest.raises(BadInput, match="already answered"):
        request_resend(uow, first_id, code=None, now=now)
    with unit_of_work(database_url) as uow:
        request_resend(uow, second_id, code="br-pmp-dos", now=now)

    view = planned(database_url, LATER, profile=PROFILE)
    packet = packet_of(batch_view(database_url, view.batch_id), "DS-2")
    statuses = {item["code"]: item["status"] for item in packet["items"]}
    assert statuses == {"BR-PMP-DOS": "planned", "BR-PUMPS": "skipped", "CAT-2026": "skipped"}
    with unit_of_work(database_url) as uow:
        timeline = inquiry_show(uow.session, second_id)["timeline"]
    assert [e["detail"] for e in timeline if e["kind"] == "resend"] == [
        "staff asked to send BR-PMP-DOS again, received before or not"
    ]


def test_one_contact_asking_by_mail_and_by_email_gets_a_packet_on_each_channel(
    database_url: str, home: Path, tmp_path: Path
) -> None:
    add_inquiries(
        database_url,
        tmp_path,
        [
            f"DS-1,2026-11-21T09:00,{DANA},dana@scott.example,PMP-100,Web form,mail,normal",
            f"DS-2,2026-11-22T09:00,{DANA},dana@scott.example,VLV-40,Web form,email,normal",
        ],
    )

    summary = run_steps(database_url, DAY, tmp_path / "out", home=home, profile=PROFILE)

    view = batch_view(database_url, summary["batch_id"])
    printed, emailed = packet_of(view, "DS-1"), packet_of(view, "DS-2")
    assert printed["number"] != emailed["number"]
    assert (printed["channel"], emailed["channel"]) == ("print", "email")
    assert (printed["external_ids"], emailed["external_ids"]) == (["DS-1"], ["DS-2"])
