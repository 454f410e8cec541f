"""Publications as people write them: names, codes and aliases, issue dates in any form."""

import pytest

from fulfilment.batch.publications import Issue, Publications, issue, page_number

NOVEMBER = Issue("pumpdigest", 2026, 11)


@pytest.mark.parametrize(
    "written",
    [
        "Pump Digest November 2026",
        "Pump Digest Nov 2026",
        "pump digest nov. 2026",
        "PUMP-DIGEST, 11/2026",
        "Pump Digest 2026-11",
        "Pump Digest 2026/11/05",
        "PumpDigest Nov2026",
        "Nov 2026 Pump Digest",
        "  Pump   Digest 11.2026 ",
    ],
)
def test_every_way_of_writing_an_issue_reads_the_same(written: str) -> None:
    assert issue(written) == NOVEMBER


def test_chinese_dates_and_names() -> None:
    assert issue("水处理技术 2026年11月") == Issue("水处理技术", 2026, 11)


def test_a_number_without_a_year_stays_in_the_name() -> None:
    assert issue("Drive News 3") == Issue("drivenews3")
    assert issue("Volume 3 2026") == Issue("volume3", 2026)
    assert issue("Pump Digest 13/2026") == Issue("pumpdigest13", 2026), "no month 13"


@pytest.mark.parametrize(
    ("text", "page"), [("12", 12), ("p. 12", 12), ("12-13", 12), ("", None), ("n/a", None)]
)
def test_page_numbers(text: str, page: int | None) -> None:
    assert page_number(text) == page


BULLETINS = Publications(
    [
        ("PD-OCT", ["PD-2610", "Pump Digest October 2026"]),
        ("PD-NOV", ["PD-2611", "Pump Digest November 2026", "PD Nov 26"]),
        ("PD-SEP", ["PD-2609", "Pump Digest September 2026"]),
        ("NEWS", ["BUL-Q4", "Product News Q4"]),
    ]
)


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("Pump Digest Nov 2026", "PD-NOV"),
        ("pump digest 10/2026", "PD-OCT"),
        ("Pump Digest Sept 2026", "PD-SEP"),
        ("pd-2611", "PD-NOV"),
        ("PD nov 26", "PD-NOV"),
        ("Pump Digest", "PD-NOV"),
        ("Pump Digest 2026", "PD-NOV"),
        ("Pump Digest October", "PD-OCT"),
        ("product news q4", "NEWS"),
        ("BUL Q4", "NEWS"),
        ("Product News Q4 2026", "NEWS"),
    ],
)
def test_an_inquiry_finds_its_issue(written: str, found: str) -> None:
    assert BULLETINS.find(written) == found


@pytest.mark.parametrize(
    "written", ["Pump Digest Dec 2026", "Pump Digest 2025", "Flow Control Nov 2026", "", "Nov"]
)
def test_an_issue_no_bulletin_is_of_is_not_found(written: str) -> None:
    assert BULLETINS.find(written) is None


def test_an_alias_without_a_date_is_dated_by_the_bulletin() -> None:
    bulletins = Publications(
        [("OCT", ["Pump Digest October 2026", "Digest"]), ("NOV", ["Pump Digest Nov 2026"])]
    )
    assert bulletins.find("Digest Oct 2026") == "OCT"
    assert bulletins.find("Digest Nov 2026") is None, "the alias belongs to the October issue"
    assert bulletins.find("Digest") == "OCT"
