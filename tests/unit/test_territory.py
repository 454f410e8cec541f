"""Rep assignment: the most specific territory wins."""

from fulfilment.territory import Place, Territory, choose_rep


def territory(code: str, **values: set[str]) -> Territory:
    return Territory(
        rep_id=hash(code) % 1000,
        rep_code=code,
        countries=frozenset(values.get("countries", set())),
        regions=frozenset(values.get("regions", set())),
        postcode_prefixes=frozenset(values.get("prefixes", set())),
        families=frozenset(values.get("families", set())),
    )


REPS = [
    territory("R-ANY"),
    territory("R-US", countries={"US"}),
    territory("R-CA", countries={"US"}, regions={"CA"}),
    territory("R-94", countries={"US"}, prefixes={"94"}),
    territory("R-941", countries={"US"}, prefixes={"941"}),
    territory("R-GB-SW", countries={"GB"}, families={"Software"}),
]


def place(country: str, region: str = "", postcode: str = "", *families: str) -> Place:
    return Place(country=country, region=region, postcode=postcode, families=frozenset(families))


def chosen(where: Place) -> str | None:
    rep = choose_rep(REPS, where)
    return rep.rep_code if rep else None


def test_longest_postcode_prefix_beats_region_and_country() -> None:
    assert chosen(place("US", "CA", "94105")) == "R-941"
    assert chosen(place("US", "CA", "94607")) == "R-94"
    assert chosen(place("US", "CA", "90001")) == "R-CA"
    assert chosen(place("US", "NY", "10001")) == "R-US"


def test_family_limits_a_territory() -> None:
    assert chosen(place("GB", "", "SW1A 2AA", "Software")) == "R-GB-SW"
    assert chosen(place("GB", "", "SW1A 2AA", "Pumps")) == "R-ANY"


def test_nobody_covers_a_place_without_a_catch_all() -> None:
    assert choose_rep(REPS[1:], place("DE", "", "10117")) is None
