"""Packet contents: literature per product, the catalogue, holds, envelope, weight, postage."""

from datetime import date

import pytest

from fulfilment.batch.contents import (
    Library,
    Literature,
    NothingToSend,
    Received,
    language_for,
    plan_contents,
    postage_class,
)
from fulfilment.errors import BadInput


def item(code: str, kind: str, *products: str, pages: int = 4, pdf: bool = True,
         paper: str = "letter", title: str = "") -> Literature:  # fmt: skip
    return Literature(
        code=code, title=title or code, kind=kind, products=products, pages=pages,
        paper_size=paper, weight_g=0, shelf="A-1", has_pdf=pdf,
    )  # fmt: skip


LIBRARY = Library(
    [
        item("BR-P", "brochure", "PUMP"),
        item("TS-P", "tech-sheet", "PUMP", pages=2),
        item("CS-P", "case-study", "PUMP"),
        item("CS-P2", "case-study", "PUMP"),
        item("BR-V", "brochure", "VALVE", pdf=False),
        item("CAT", "catalogue", pages=16),
        item("BUL", "bulletin", "PUMP", pages=16, title="Product News Q4"),
    ]
)


def plan(**changes: object):  # type: ignore[no-untyped-def]
    arguments = {
        "products": ["PUMP"], "country": "US", "home_country": "US", "response": "mail",
        "publication": "", "page": "", "library": LIBRARY,
    } | changes  # fmt: skip
    return plan_contents(**arguments)  # type: ignore[arg-type]


def test_own_literature_one_case_study_and_the_catalogue() -> None:
    contents = plan()
    assert [i.code for i in contents.items] == ["BR-P", "TS-P", "CS-P", "CAT"]
    assert contents.channel == "print"
    assert contents.language == "en"


def test_a_partly_covered_inquiry_is_sent_with_what_exists() -> None:
    contents = plan(products=["PUMP", "GEAR"])
    assert [i.code for i in contents.items] == ["BR-P", "TS-P", "CS-P", "CAT"]
    assert contents.uncovered == ("GEAR",)


def test_a_product_listed_only_elsewhere_is_covered_by_that() -> None:
    library = Library(
        [
            item("CS-G", "case-study", "GEAR"),
            item("BUL-OLD", "bulletin", "MOTOR", title="Drive News March 2026"),
            item("BUL-NEW", "bulletin", "MOTOR", title="Drive News November 2026"),
            item("BUL-MID", "bulletin", "MOTOR", title="Drive News June 2026"),
            item("CAT", "catalogue", "FAN"),
        ]
    )
    contents = plan(products=["GEAR", "MOTOR", "FAN"], library=library)
    assert [i.code for i in contents.items] == ["CS-G", "BUL-NEW", "CAT"], "newest bulletin"
    assert contents.uncovered == ()


def test_a_wholly_uncovered_inquiry_still_gets_the_catalogue() -> None:
    contents = plan(products=["GEAR"])
    assert [i.code for i in contents.items] == ["CAT"]
    assert contents.uncovered == ("GEAR",)


def test_an_inquiry_nothing_can_answer_is_held_saying_what_to_add() -> None:
    with pytest.raises(NothingToSend) as held:
        plan(products=["GEAR", "DRIVE"], library=Library([item("BR-P", "brochure", "PUMP")]))
    assert str(held.value) == (
        "no literature covers GEAR, DRIVE; add it with "
        "'litcenter literature add ... --products GEAR,DRIVE'"
    )
    assert held.value.uncovered == ("GEAR", "DRIVE")
    with pytest.raises(BadInput, match="no active catalogue"):
        plan(products=[], library=Library([]))


def test_a_publication_inquiry_gets_the_bulletin_and_its_page() -> None:
    contents = plan(publication="product news q4", page="12")
    assert "BUL" in [i.code for i in contents.items]
    assert contents.page_note == ("Product News Q4", 12)
    assert contents.unmatched_publication is None
    assert plan(publication="BUL", page="p. 7").page_note == ("Product News Q4", 7), "by code"


def test_a_page_of_a_publication_no_bulletin_matches_is_recorded() -> None:
    contents = plan(publication="Other Magazine ", page="12")
    assert contents.page_note is None
    assert contents.unmatched_publication == ("Other Magazine", 12)
    assert plan(publication="Other Magazine", page="").unmatched_publication is None


def test_a_bulletin_is_found_by_its_alias() -> None:
    bulletin = Literature(
        code="BUL-PD", title="Pump Digest", kind="bulletin", products=(), pages=8,
        paper_size="letter", weight_g=0, shelf="", has_pdf=True, aliases=("PD Monthly",),
    )  # fmt: skip
    contents = plan(publication="pd-monthly", page="3", library=Library([bulletin]))
    assert contents.page_note == ("Pump Digest", 3)


def test_email_only_when_every_item_has_a_pdf() -> None:
    assert plan(response="email").channel == "email"
    assert plan(response="email", products=["VALVE"]).channel == "print"


def test_more_sheets_need_a_bigger_envelope_and_weigh_more() -> None:
    small = plan(products=[], library=Library([item("CAT", "catalogue", pages=2, paper="dl")]))
    big = plan()
    assert small.envelope == "us10"
    assert big.envelope == "9x12"
    assert big.weight_g > small.weight_g
    assert plan(country="DE").envelope in {"c4", "c5"}


def test_postage_bands_and_language() -> None:
    assert postage_class(90, domestic=True) == "domestic letter"
    assert postage_class(400, domestic=False) == "international large letter"
    assert postage_class(2000, domestic=True) == "domestic parcel"
    assert language_for("cn") == "zh"
    assert language_for("GB") == "en"


def test_literature_received_lately_is_skipped_a_newer_edition_is_sent_and_marked() -> None:
    library = Library(
        [
            Literature(code="BR-P", title="Pumps", kind="brochure", products=("PUMP",), pages=4,
                       paper_size="letter", weight_g=0, shelf="A-1", has_pdf=True, edition=2),
            Literature(code="TS-P", title="Data", kind="tech-sheet", products=("PUMP",), pages=2,
                       paper_size="letter", weight_g=0, shelf="A-2", has_pdf=True, edition=1),
            item("CAT", "catalogue", pages=16),
        ]
    )  # fmt: skip
    fresh = plan(library=library)
    went = date(2026, 11, 2)

    again = plan(
        library=library,
        received={"BR-P": Received(went, 1), "TS-P": Received(went, 1), "CAT": Received(went, 0)},
    )

    assert [(i.code, i.skipped, i.new_edition) for i in again.items] == [
        ("BR-P", False, True),
        ("TS-P", True, False),
        ("CAT", True, False),
    ]
    assert [i.code for i in again.sent] == ["BR-P"]
    assert again.items[1].already_sent_on == went
    assert again.sheets < fresh.sheets and again.weight_g < fresh.weight_g, "only what goes"


def test_an_edition_we_cannot_tell_counts_as_received_and_nothing_new_still_plans_a_letter() -> (
    None
):
    went = date(2026, 11, 2)
    received = {code: Received(went, None) for code in ("BR-P", "TS-P", "CS-P", "CAT")}

    contents = plan(received=received)

    assert contents.sent == () and all(i.skipped for i in contents.items)
    assert contents.sheets == 2, "the letter alone"
    assert contents.channel == "print"
    assert plan(received=received, response="email").channel == "email"


def test_products_of_several_inquiries_share_each_item_once_in_the_order_asked() -> None:
    contents = plan(products=["VALVE", "PUMP"])

    assert [i.code for i in contents.items] == ["BR-V", "BR-P", "TS-P", "CS-P", "CAT"]
