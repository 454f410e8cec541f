"""Which bulletin issue an inquiry's publication names, however people write its name and date."""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
MONTHS = {name: n for n, name in enumerate(_MONTH_NAMES, start=1)} | {
    name[:3]: n for n, name in enumerate(_MONTH_NAMES, start=1)
}
MONTHS["sept"] = 9
_YEAR = r"(?:19|20)\d\d"
# Numeric dates name a month only beside a four-digit year: "11/2026", "2026-11", "2026-11-05",
# "2026年11月". A lone small number stays part of the name ("Volume 3").
_NUMERIC_DATES = tuple(
    re.compile(pattern)
    for pattern in (
        rf"(?<!\d)(?P<month>\d{{1,2}})\s*[/.-]\s*(?P<year>{_YEAR})(?!\d)",
        rf"(?<!\d)(?P<year>{_YEAR})\s*[/.-]\s*(?P<month>\d{{1,2}})(?:[/.-]\d{{1,2}})?(?!\d)",
        rf"(?P<year>{_YEAR})\s*年\s*(?P<month>\d{{1,2}})\s*月",
    )
)
# Letters and digits apart, so "Nov2026" reads as a month and a year.
_WORDS = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True)
class Issue:
    """A publication name as compared: its letters and digits only, and the issue's date."""

    name: str
    year: int | None = None
    month: int | None = None

    @property
    def date(self) -> tuple[int, int]:
        """For ordering issues, newest last; an undated issue sorts first."""
        return (self.year or 0, self.month or 0)


def issue(text: str) -> Issue:
    """A publication as written, case, spaces and punctuation aside, months named or numbered."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    year = month = None
    for pattern in _NUMERIC_DATES:
        found = pattern.search(folded)
        if found and 1 <= int(found["month"]) <= 12:
            year, month = int(found["year"]), int(found["month"])
            folded = f"{folded[: found.start()]} {folded[found.end() :]}"
            break
    name: list[str] = []
    for word in _WORDS.findall(folded):
        if month is None and word in MONTHS:
            month = MONTHS[word]
        elif year is None and re.fullmatch(_YEAR, word):
            year = int(word)
        else:
            name.append(word)
    return Issue("".join(name), year, month)


def page_number(text: str) -> int | None:
    """The page an inquiry gives, as "12", "p. 12" or "12-13"; None when it names none."""
    found = re.search(r"\d+", text)
    return int(found[0]) if found and int(found[0]) > 0 else None


def issue_date(names: Iterable[str]) -> tuple[int, int]:
    """The date of a bulletin named these ways (code, title, aliases): the latest any gives."""
    return max((issue(name).date for name in names), default=(0, 0))


@dataclass(frozen=True)
class _Entry(Generic[T]):
    """One name of a bulletin, dated by the bulletin's other names when it gives no date."""

    year: int | None
    month: int | None
    rank: tuple[tuple[int, int], int]
    value: T


class Publications(Generic[T]):
    """Bulletins by every name they go by: code, title and marketing's aliases."""

    def __init__(self, bulletins: Iterable[tuple[T, Sequence[str]]]) -> None:
        self._by_name: dict[str, list[_Entry[T]]] = {}
        for order, (value, names) in enumerate(bulletins):
            issues = [issue(name) for name in names]
            dated = max(issues, key=lambda one: one.date, default=Issue(""))
            for one in issues:
                year, month = (
                    (one.year, one.month) if one.date != (0, 0) else (dated.year, dated.month)
                )
                entry = _Entry(year, month, (dated.date, order), value)
                if one.name:
                    self._by_name.setdefault(one.name, []).append(entry)

    def find(self, written: str) -> T | None:
        """The bulletin a source detail names; naming only the publication means its newest issue.

        A date the inquiry gives must agree with the bulletin's where the bulletin has one;
        the issue agreeing on most of it wins, then the newest, then the one added last.
        """
        wanted = issue(written)
        best: tuple[tuple[int, tuple[tuple[int, int], int]], T] | None = None
        for entry in self._by_name.get(wanted.name, []) if wanted.name else []:
            pairs = ((wanted.year, entry.year), (wanted.month, entry.month))
            known = [(asked, has) for asked, has in pairs if asked is not None and has is not None]
            if any(asked != has for asked, has in known):
                continue
            rank = (len(known), entry.rank)
            if best is None or rank > best[0]:
                best = (rank, entry.value)
        return best[1] if best else None
