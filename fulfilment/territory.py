"""Which rep covers an inquiry: the most specific territory match wins."""

from collections.abc import Iterable
from dataclasses import dataclass

KINDS = ("country", "region", "postcode_prefix", "family")


@dataclass(frozen=True)
class Territory:
    """A rep's territory: empty sets mean 'any'."""

    rep_id: int
    rep_code: str
    countries: frozenset[str]
    regions: frozenset[str]
    postcode_prefixes: frozenset[str]
    families: frozenset[str]


@dataclass(frozen=True)
class Place:
    """Where an inquiry comes from and which product families it is about."""

    country: str
    region: str
    postcode: str
    families: frozenset[str]


def specificity(territory: Territory, place: Place) -> tuple[int, int, int, int] | None:
    """How closely a territory fits a place (higher is closer), or None when it does not."""
    if territory.countries and place.country.upper() not in territory.countries:
        return None
    if territory.regions and place.region.upper() not in territory.regions:
        return None
    if territory.families and not _folded(territory.families) & _folded(place.families):
        return None
    prefix = 0
    if territory.postcode_prefixes:
        postcode = place.postcode.replace(" ", "").upper()
        matching = [p for p in territory.postcode_prefixes if postcode.startswith(p)]
        if not matching:
            return None
        prefix = max(len(p) for p in matching)
    return (prefix, bool(territory.regions), bool(territory.countries), bool(territory.families))


def _folded(families: frozenset[str]) -> set[str]:
    # Product families and reps' families are typed by different people: "Pumps" is "pumps".
    return {family.casefold() for family in families}


def choose_rep(territories: Iterable[Territory], place: Place) -> Territory | None:
    """The territory that fits the place most specifically; ties go to the lower rep code."""
    fitting = [(specificity(t, place), t) for t in territories]
    ranked = sorted(
        ((score, t) for score, t in fitting if score is not None),
        key=lambda pair: (tuple(-part for part in pair[0]), pair[1].rep_code),
    )
    return ranked[0][1] if ranked else None
