"""What a report is, whatever it is printed as: figures, tables and charts of plain values."""

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class Series:
    """One line or set of bars of a chart; None where there is no value for a category."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """A bar or line chart over categories (weeks, sources, ratings)."""

    title: str
    kind: Literal["bar", "line"]
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""


@dataclass(frozen=True)
class Table:
    """Rows under column headings; cells are text, numbers, dates or None."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class Report:
    """A report: its title and period, tables and charts, and the figures `--json` prints."""

    name: str
    title: str
    period: str
    company: str
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    figures: dict[str, Any] = field(default_factory=dict)
