"""Packet contents: literature per product, the catalogue, holds, envelope, weight, postage."""

import pytest

from fulfilment.batch.contents import (
    Library,
    Literature,
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


def test_a_product_without_literature_is_a_hold_reason() -> None:
    with pytest.raises(BadInput, match="no literature for GEAR"):
        plan(products=["PUMP", "GEAR"])


def test_a_publication_inquiry_gets_the_bulletin_and_its_page() -> None:
    contents = plan(publication="product news q4", page="12")
    assert "BUL" in [i.code for i in contents.items]
    assert contents.page_note == ("Product News Q4", 12)
    assert plan(publication="Other Magazine", page="12").page_note is None


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
