"""Lengths, rectangles and boxes as the stationery data files describe them."""

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib.units import inch, mm

from fulfilment.errors import BadInput

_UNITS = {"mm": mm, "in": inch, "pt": 1.0}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|in|pt|%)\s*$")


def length(text: str | float, whole: float = 0.0) -> float:
    """Points for a figure such as "20mm", "0.875in", "9pt" or "40%" of `whole`."""
    if isinstance(text, (int, float)):
        return float(text)
    match = _LENGTH.match(text)
    if match is None:
        raise BadInput(f"{text!r} is not a length; write it like 20mm, 0.875in, 9pt or 40%")
    value, unit = float(match[1]), match[2]
    return value * whole / 100 if unit == "%" else value * _UNITS[unit]


@dataclass(frozen=True)
class Rect:
    """A rectangle in PDF points, origin at the lower left of its page."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    def contains(self, other: "Rect", tolerance: float = 0.01) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.top <= self.top + tolerance
        )

    def intersects(self, other: "Rect") -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.top
            and other.y < self.top
        )

    def inset(self, by: float) -> "Rect":
        return Rect(self.x + by, self.y + by, self.width - 2 * by, self.height - 2 * by)

    def moved(self, dx: float, dy: float) -> "Rect":
        return Rect(self.x + dx, self.y + dy, self.width, self.height)


@dataclass(frozen=True)
class TextStyle:
    """How text set in a box looks: largest and smallest size, leading, weight, alignment."""

    font_size: float = 10.0
    min_font_size: float = 6.0
    leading: float = 1.2
    bold: bool = False
    align: str = "left"
    padding: float = 0.0


@dataclass(frozen=True)
class Box:
    """A box anchored to the edges of its container; two of each trio are given."""

    left: str | None = None
    right: str | None = None
    width: str | None = None
    top: str | None = None
    bottom: str | None = None
    height: str | None = None
    style: TextStyle = TextStyle()

    # Resolved for every page drawn, where the same few boxes on the same few sizes recur; the
    # boxes are the stationery's, loaded once per process, so the cache holds no one's data.
    @lru_cache(maxsize=1024)  # noqa: B019
    def resolve(self, container_width: float, container_height: float) -> Rect:
        """The box on a page of the given size, in points from the lower left."""
        x, w = _span(self.left, self.width, self.right, container_width, "left/width/right")
        top, h = _span(self.top, self.height, self.bottom, container_height, "top/height/bottom")
        return Rect(x, container_height - top - h, w, h)


def _span(
    start: str | None, size: str | None, end: str | None, whole: float, names: str
) -> tuple[float, float]:
    given = [value is not None for value in (start, size, end)]
    if sum(given) != 2:
        raise BadInput(f"a box needs exactly two of {names}; it has {sum(given)}")
    if start is not None and size is not None:
        return length(start, whole), length(size, whole)
    if start is not None and end is not None:
        first = length(start, whole)
        return first, whole - length(end, whole) - first
    assert size is not None and end is not None
    extent = length(size, whole)
    return whole - length(end, whole) - extent, extent


_STYLE_KEYS = {"font_size", "min_font_size", "leading", "bold", "align", "padding"}
_BOX_KEYS = {"left", "right", "width", "top", "bottom", "height"}


def text_style(table: dict[str, Any]) -> TextStyle:
    """The text style fields of a data-file table; lengths may carry units."""
    values: dict[str, Any] = {key: table[key] for key in _STYLE_KEYS & table.keys()}
    for key in ("font_size", "min_font_size", "padding"):
        if key in values:
            values[key] = length(values[key])
    return TextStyle(**values)


def box(table: dict[str, Any]) -> Box:
    """A Box from a data-file table such as { left = "20mm", top = "45mm", ... }."""
    unknown = table.keys() - _STYLE_KEYS - _BOX_KEYS
    if unknown:
        raise BadInput(f"unknown box keys {sorted(unknown)}; use {sorted(_BOX_KEYS | _STYLE_KEYS)}")
    edges = {key: table[key] for key in _BOX_KEYS & table.keys()}
    return Box(**edges, style=text_style(table))


@cache
def read_data(path: Path) -> dict[str, Any]:
    """A parsed TOML data file, read once per process."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise BadInput(f"missing data file {path}; reinstall litcenter or restore it") from None
    except tomllib.TOMLDecodeError as error:
        raise BadInput(f"{path} is not valid TOML ({error}); fix the file") from None
