"""Paper, envelopes, label sheets and page layouts, read from the data files once."""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from fulfilment.errors import BadInput
from fulfilment.render.geometry import Box, Rect, TextStyle, box, length, read_data, text_style
from fulfilment.render.locate import template_file


@dataclass(frozen=True)
class Paper:
    """A paper or brochure size, portrait, in points."""

    code: str
    width: float
    height: float

    def fits_within(self, width: float, height: float) -> bool:
        """Whether it lies flat inside width x height, turned either way."""
        small, large = sorted((width, height))
        return self.width <= small + 0.01 and self.height <= large + 0.01


@dataclass(frozen=True)
class Envelope:
    """An envelope size and where everything printed on it goes."""

    code: str
    name: str
    width: float
    height: float
    paper: str
    insert: Paper
    max_sheets: int
    letter_offset: tuple[float, float]
    window: Rect | None
    windowed: bool
    clear_zone: Rect | None
    boxes: Mapping[str, Box]

    def area(self, name: str) -> Rect:
        """A named box of the western layout on this envelope."""
        return self.boxes[name].resolve(self.width, self.height)

    def window_on_letter(self, letter_height: float) -> Rect | None:
        """The window opening over the folded letter, in the letter page's points."""
        if self.window is None:
            return None
        dx, dy = self.letter_offset
        top_on_letter = (self.height - self.window.top) - dy
        return Rect(
            self.window.x - dx,
            letter_height - top_on_letter - self.window.height,
            self.window.width,
            self.window.height,
        )


@dataclass(frozen=True)
class ChineseLayout:
    """Boxes of the envelope layout for mail addressed to China."""

    boxes: Mapping[str, Box]
    name_suffix: str
    postcode_boxes: int
    postcode_gap: float


@dataclass(frozen=True)
class LabelSheet:
    """A label sheet: page, label size and the grid the labels sit on."""

    code: str
    name: str
    paper: Paper
    label_width: float
    label_height: float
    columns: int
    rows: int
    left: float
    top: float
    pitch_x: float
    pitch_y: float
    corner_radius: float
    padding: float
    barcode_height: float
    barcode_gap: float
    style: TextStyle

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def cell(self, position: int) -> Rect:
        """Label `position` (1 = top left, counted along each row) on an unshifted sheet."""
        row, column = divmod(position - 1, self.columns)
        x = self.left + column * self.pitch_x
        top = self.top + row * self.pitch_y
        return Rect(
            x, self.paper.height - top - self.label_height, self.label_width, self.label_height
        )


@dataclass(frozen=True)
class PageLayout:
    """Where letterhead, address, body and catalogue sit on one paper size."""

    paper: Paper
    boxes: Mapping[str, Box]
    fold_marks: tuple[float, ...]
    punch_mark: float | None
    mark_length: float
    punch_mark_length: float
    range_columns: int

    def area(self, name: str) -> Rect:
        return self.boxes[name].resolve(self.paper.width, self.paper.height)

    def style(self, name: str) -> TextStyle:
        return self.boxes[name].style


def _labels_data(name: str) -> dict[str, Any]:
    return read_data(template_file("labels", name))


def _pick(table: Mapping[str, Any], code: str, what: str) -> Any:
    key = code.lower()
    if key not in table:
        raise BadInput(f"unknown {what} {code!r}; known: {', '.join(sorted(table))}")
    return table[key]


@cache
def paper(code: str) -> Paper:
    """A paper size by code, e.g. "a4" or "letter"."""
    entry = _pick(_labels_data("papers.toml"), code, "paper size")
    return Paper(code.lower(), length(entry["width"]), length(entry["height"]))


@cache
def envelope(code: str) -> Envelope:
    """An envelope by code, e.g. "us10" or "dl"."""
    entry = _pick(_labels_data("envelopes.toml")["envelopes"], code, "envelope")
    width, height = length(entry["width"]), length(entry["height"])
    insert = entry["insert"]

    def rect(name: str) -> Rect | None:
        return box(entry[name]).resolve(width, height) if name in entry else None

    layout = ("return_address", "teaser", "barcode", "imb", "address")
    return Envelope(
        code=code.lower(),
        name=entry["name"],
        width=width,
        height=height,
        paper=entry["paper"],
        insert=Paper("insert", length(insert["width"]), length(insert["height"])),
        max_sheets=int(entry["max_sheets"]),
        letter_offset=(length(entry["letter"]["left"]), length(entry["letter"]["top"])),
        window=rect("window"),
        windowed=bool(entry.get("windowed", False)),
        clear_zone=rect("clear_zone"),
        boxes={name: box(entry[name]) for name in layout},
    )


@cache
def envelope_codes() -> tuple[str, ...]:
    return tuple(_labels_data("envelopes.toml")["envelopes"])


@cache
def letter_countries() -> frozenset[str]:
    return frozenset(_labels_data("envelopes.toml")["letter_countries"])


@cache
def machine_readable_countries() -> frozenset[str]:
    return frozenset(_labels_data("envelopes.toml")["machine_readable_countries"])


@cache
def chinese_layout() -> ChineseLayout:
    """The envelope layout for mail addressed to China."""
    entry = _labels_data("envelopes.toml")["layouts"]["cn"]
    names = ("postcode", "address", "name", "country", "teaser", "barcode", "return_address")
    return ChineseLayout(
        boxes={name: box(entry[name]) for name in names},
        name_suffix=entry["name_suffix"],
        postcode_boxes=int(entry["postcode_boxes"]),
        postcode_gap=length(entry["postcode_gap"]),
    )


@cache
def label_sheet(code: str) -> LabelSheet:
    """A label sheet by code, e.g. "avery-5160"; "5160" and "L7160" work too."""
    sheets = _labels_data("sheets.toml")["sheets"]
    key = code.lower()
    entry = sheets.get(key) or _pick(sheets, f"avery-{key}", "label sheet")
    return LabelSheet(
        code=key if key in sheets else f"avery-{key}",
        name=entry["name"],
        paper=paper(entry["paper"]),
        label_width=length(entry["label_width"]),
        label_height=length(entry["label_height"]),
        columns=int(entry["columns"]),
        rows=int(entry["rows"]),
        left=length(entry["left"]),
        top=length(entry["top"]),
        pitch_x=length(entry["pitch_x"]),
        pitch_y=length(entry["pitch_y"]),
        corner_radius=length(entry["corner_radius"]),
        padding=length(entry["padding"]),
        barcode_height=length(entry["barcode_height"]),
        barcode_gap=length(entry["barcode_gap"]),
        style=text_style(entry),
    )


@cache
def label_sheet_codes() -> tuple[str, ...]:
    return tuple(_labels_data("sheets.toml")["sheets"])


def _letters_data() -> dict[str, Any]:
    return read_data(template_file("letters", "layout.toml"))


@cache
def page_layout(paper_code: str) -> PageLayout:
    """The letter and catalogue layout for a paper size."""
    entry = _pick(_letters_data()["pages"], paper_code, "letter paper")
    marks = entry.get("punch_mark")
    return PageLayout(
        paper=paper(entry["paper"]),
        boxes={name: box(value) for name, value in entry.items() if isinstance(value, dict)},
        fold_marks=tuple(length(mark) for mark in entry.get("fold_marks", ())),
        punch_mark=length(marks) if marks is not None else None,
        mark_length=length(entry["mark_length"]),
        punch_mark_length=length(entry.get("punch_mark_length", entry["mark_length"])),
        range_columns=int(entry["range_columns"]),
    )


@cache
def pick_list_layout() -> tuple[float, TextStyle]:
    """The pick list's page margin and text style."""
    entry = _letters_data()["pick_list"]
    return length(entry["margin"]), text_style(entry)


@cache
def stamp_box() -> Box:
    """Where the page-N note goes on a bulletin's first page."""
    return box(_letters_data()["stamp"]["box"])
