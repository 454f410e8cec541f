"""Address blocks in each country's order and the post's preferred form."""

from fulfilment.render import Recipient
from fulfilment.render.address import (
    address_block,
    lines_without_postcode,
    postal_lines,
    split_country,
)

US = Recipient(
    name="Jane Doe",
    title="Purchasing Manager",
    company="Acme, Inc.",
    address_lines=("1600 Amphitheatre Pkwy.", "MOUNTAIN VIEW, CA 94043-1351"),
    postcode="94043-1351",
    country="US",
)
CN = Recipient(
    name="王小明",
    title="经理",
    company="上海水务工程有限公司",
    address_lines=("200120", "上海市浦东新区", "世纪大道100号", "CHINA"),
    postcode="200120",
    country="CN",
)
DE = Recipient(
    name="Dr. Anna Schmidt",
    title="",
    company="Stadtwerke GmbH",
    address_lines=("Hauptstraße 12", "10115 Berlin"),
    postcode="10115",
    country="DE",
)


def test_western_block_starts_with_the_name() -> None:
    assert address_block(DE) == [
        "Dr. Anna Schmidt",
        "",
        "Stadtwerke GmbH",
        "Hauptstraße 12",
        "10115 Berlin",
    ]


def test_chinese_block_runs_large_to_small_with_name_last_before_the_country() -> None:
    assert address_block(CN) == [
        "200120",
        "上海市浦东新区",
        "世纪大道100号",
        "上海水务工程有限公司",
        "王小明 经理",
        "CHINA",
    ]


def test_us_postal_lines_are_capitals_without_punctuation_but_keep_zip_plus_4() -> None:
    assert postal_lines(US) == [
        "JANE DOE",
        "PURCHASING MANAGER",
        "ACME INC",
        "1600 AMPHITHEATRE PKWY",
        "MOUNTAIN VIEW CA 94043-1351",
    ]


def test_other_countries_postal_lines_keep_their_spelling_and_drop_blanks() -> None:
    assert postal_lines(DE) == [
        "Dr. Anna Schmidt",
        "Stadtwerke GmbH",
        "Hauptstraße 12",
        "10115 Berlin",
    ]


def test_chinese_envelope_lines_leave_the_postcode_to_its_boxes() -> None:
    assert lines_without_postcode(CN) == ["上海市浦东新区", "世纪大道100号", "CHINA"]


def test_only_a_final_country_line_is_split_off() -> None:
    assert split_country(["上海市浦东新区", "世纪大道100号", "CHINA"]) == (
        ["上海市浦东新区", "世纪大道100号"],
        ["CHINA"],
    )
    # Mail inside China carries no country line; a street in capitals is not one.
    assert split_country(["上海市浦东新区", "世纪大道100号"]) == (
        ["上海市浦东新区", "世纪大道100号"],
        [],
    )
    assert split_country(["ROOM 5", "NANJING ROAD 100"]) == (["ROOM 5", "NANJING ROAD 100"], [])
