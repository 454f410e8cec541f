"""Choosing the smallest envelope that holds a packet."""

import pytest

from fulfilment.errors import BadInput
from fulfilment.render import choose_envelope


@pytest.mark.parametrize(
    ("sheets", "brochure", "country", "expected"),
    [
        (1, None, "US", "us10"),
        (5, None, "US", "us10"),
        (6, None, "US", "9x12"),
        (2, "dl", "US", "us10"),
        (2, "a4", "US", "9x12"),
        (2, "letter", "ca", "9x12"),
        (1, None, "DE", "dl"),
        (2, "dl", "GB", "dl"),
        (2, "a5", "DE", "c5"),
        (8, None, "CN", "c5"),
        (13, None, "FR", "c4"),
        (2, "a4", "CN", "c4"),
    ],
)
def test_smallest_fitting_envelope_of_the_countrys_sizes(
    sheets: int, brochure: str | None, country: str, expected: str
) -> None:
    assert choose_envelope(sheets, brochure, country) == expected


def test_nothing_fits_says_what_to_do() -> None:
    with pytest.raises(BadInput, match="split the packet"):
        choose_envelope(500, None, "US")


def test_brochure_too_large_for_any_envelope_is_refused() -> None:
    with pytest.raises(BadInput, match="legal brochure"):
        choose_envelope(1, "legal", "DE")


def test_unknown_brochure_size_names_the_known_ones() -> None:
    with pytest.raises(BadInput, match="a4"):
        choose_envelope(1, "b7", "DE")
