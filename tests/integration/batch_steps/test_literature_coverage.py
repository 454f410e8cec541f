"""Products without literature of their own: sent with what exists, held only when nothing is."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from fulfilment.batch.contents import NothingToSend
from fulfilment.catalog import import_products
from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.intake.service import import_inquiries
from fulfilment.views import inquiry_list, inquiry_show
from inventory.items import ItemDraft, add_item, retire_item
from inventory.movements import receive
from tests.support.batches import batch_view, gaps, planned, previewed, warned
from tests.support.steps import run_steps
from tests.support.world import PROFILE, demo_world

DAY, NEXT_DAY = date(2026, 11, 24), date(2026, 11, 25)
HEADER = (
    "external_id,received_at,name,company,address1,city,region,postcode,country,email,"
    "products,source,source_detail,source_page,response"
)
INQUIRIES = {
    # Asks about a brochure's product and one nothing covers.
    "PART-1": "2026-11-21,Ann Lee,Lee Farms,1 Farm Rd,Fresno,CA,93650,US,ann@lee.example,"
    "PMP-100;PMP-900,Web form,,,mail",
    # Asks only about what nothing covers.
    "NONE-1": "2026-11-22,Bo Chen,Chen Works,2 Mill St,Austin,TX,78701,US,bo@chen.example,"
    "PMP-900,Web form,,,mail",
    # In Chinese: the letter says the same in Chinese.
    "PART-ZH": "2026-11-22,李娜,北京清泉水务,长安街1号,东城区,北京市,100006,CN,lina@qq.example,"
    "VLV-20;PMP-900,Web form,,,mail",
}


def text(pdf: str | Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def letter_of(letters: str, number: str) -> str:
    """The text of the letter page that carries this packet number."""
    (page,) = [
        page.extract_text()
        for page in PdfReader(letters).pages
        if number in page.extract_text() and "PMP-900" in page.extract_text()
    ]
    return " ".join(page.split())


@pytest.fixture
def center(database_url: str, tmp_path: Path) -> Path:
    """The demo center, a product no literature covers, and inquiries about it."""
    home = tmp_path / "home"
    demo_world(database_url, home)
    products = tmp_path / "products.csv"
    products.write_text("code,name,family\nPMP-900,Booster Pump BP-900,Pumps\n", encoding="utf-8")
    with unit_of_work(database_url) as uow:
        import_products(uow, products)
    inquiries = tmp_path / "inquiries.csv"
    rows = [f"{key},{row}" for key, row in INQUIRIES.items()]
    inquiries.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    with unit_of_work(database_url) as uow:
        now = local_now(PROFILE.timezone)
        summary = import_inquiries(uow, inquiries, profile=PROFILE, now=now)
    assert summary.accepted == len(INQUIRIES)
    return home


def inquiry_id(url: str, external_id: str) -> int:
    with unit_of_work(url) as uow:
        (found,) = [i["id"] for i in inquiry_list(uow.session) if i["external_id"] == external_id]
    return found


def packets(url: str, batch_id: int) -> dict[str, dict[str, Any]]:
    """The batch's packets by their inquiry's external id."""
    return {p["external_id"]: p for p in batch_view(url, batch_id)["packets"]}


def test_a_partly_covered_inquiry_goes_out_and_its_letter_says_the_rep_follows_up(
    database_url: str, center: Path, tmp_path: Path
) -> None:
    summary = run_steps(database_url, DAY, tmp_path / "out", home=center, profile=PROFILE)

    sent = packets(database_url, summary["batch_id"])
    part, none, chinese = sent["PART-1"], sent["NONE-1"], sent["PART-ZH"]
    assert {i["code"] for i in part["items"]} == {"BR-PMP-100", "BR-PUMPS", "CAT-2026"}
    assert [i["code"] for i in none["items"]] == ["CAT-2026"], "the catalogue is something to send"
    assert part["follow_up"] == none["follow_up"] == chinese["follow_up"] == ["PMP-900"]
    assert summary["held"] == 0
    letters = summary["files"]["letters"]
    assert (
        "We have no literature to send you yet on the Booster Pump BP-900 (PMP-900); "
        "Maria Lopez will follow up on it with you."
    ) in letter_of(letters, str(part["number"]))
    assert "Centrifugal Pump CP-100 brochure" in letter_of(letters, str(part["number"]))
    assert "我们暂时没有可寄送的资料" in letter_of(letters, str(chinese["number"]))
    part_id = inquiry_id(database_url, "PART-1")
    with unit_of_work(database_url) as uow:
        assert inquiry_show(uow.session, part_id)["status"] == "printed"


def test_the_batch_warns_of_uncovered_products_and_marketing_sees_the_gaps(
    database_url: str, center: Path
) -> None:
    batch_id = planned(database_url, DAY, profile=PROFILE).batch_id

    warning = (
        "no literature covers PMP-900 (Booster Pump BP-900): 3 inquiries sent without it, the "
        "rep follows up; add it with 'litcenter literature add ... --products PMP-900'"
    )
    assert warning in warned(database_url, batch_id)
    again = planned(database_url, DAY, profile=PROFILE)
    assert not again.created
    assert warning in warned(database_url, again.batch_id), "read back from what is stored"
    assert gaps(database_url) == [
        {"code": "PMP-900", "name": "Booster Pump BP-900", "inquiries": 3, "oldest": "2026-11-21"}
    ]

    with unit_of_work(database_url) as uow:
        add_item(
            uow,
            ItemDraft(code="BR-PMP-900", title="BP-900", kind="brochure", products=["PMP-900"]),
            home=center,
            now=local_now(PROFILE.timezone),
        )
    assert gaps(database_url) == [], "covered now"


def test_an_inquiry_nothing_can_answer_is_held_until_literature_is_added(
    database_url: str, center: Path, tmp_path: Path
) -> None:
    with unit_of_work(database_url) as uow:
        retire_item(uow, "CAT-2026", now=local_now(PROFILE.timezone))
    reason = (
        "no literature covers PMP-900; add it with "
        "'litcenter literature add ... --products PMP-900'"
    )
    alone = inquiry_id(database_url, "NONE-1")
    with pytest.raises(NothingToSend, match="no literature covers PMP-900"):
        previewed(database_url, alone, out_dir=tmp_path / "p", profile=PROFILE, today=DAY)

    batch_id = planned(database_url, DAY, profile=PROFILE).batch_id

    shown = batch_view(database_url, batch_id)
    assert shown["holds"] == [{"inquiry_id": alone, "reason": reason}]
    assert "PART-1" in packets(database_url, batch_id), "the partly covered one still goes"
    with unit_of_work(database_url) as uow:
        assert inquiry_show(uow.session, alone)["status"] == "held"
    assert (
        "no literature covers PMP-900 (Booster Pump BP-900): 2 inquiries sent without it, the "
        "rep follows up; 1 inquiry held; add it with 'litcenter literature add ... --products "
        "PMP-900'"
    ) in warned(database_url, batch_id)
    assert gaps(database_url)[0]["inquiries"] == 3, "held ones count too"

    with unit_of_work(database_url) as uow:
        add_item(
            uow,
            ItemDraft(code="BR-PMP-900", title="BP-900 brochure", kind="brochure",
                      products=["PMP-900"]),
            home=center,
            now=local_now(PROFILE.timezone),
        )  # fmt: skip
    with unit_of_work(database_url) as uow:
        receive(uow, "BR-PMP-900", 10, location="shelf", now=local_now(PROFILE.timezone))
    later = planned(database_url, NEXT_DAY, profile=PROFILE).batch_id
    (packet,) = packets(database_url, later).values()
    assert [i["code"] for i in packet["items"]] == ["BR-PMP-900"]
    assert packet["follow_up"] == []
    assert warned(database_url, later) == []


def test_preview_renders_a_partly_covered_inquiry_as_the_batch_sends_it(
    database_url: str, center: Path, tmp_path: Path
) -> None:
    part = inquiry_id(database_url, "PART-1")

    files = previewed(database_url, part, out_dir=tmp_path / "p", profile=PROFILE, today=DAY)

    letter = " ".join(text(files["letter"]).split())
    assert "Booster Pump BP-900 (PMP-900); Maria Lopez will follow up on it with you." in letter
    assert "Centrifugal Pump CP-100 brochure" in letter
    with unit_of_work(database_url) as uow:
        assert inquiry_show(uow.session, part)["status"] == "new", "a preview changes nothing"
