"""Source costs from a CSV: months and amounts as people write them, replaced on re-import."""

from datetime import datetime
from pathlib import Path

import pytest

from fulfilment.db import unit_of_work
from fulfilment.errors import BadInput
from fulfilment.reports.costs import import_source_costs, list_source_costs
from tests.support.samples import write_csv

NOW = datetime(2026, 12, 1, 9, 0)
LATER = datetime(2026, 12, 2, 9, 0)


def _import(url: str, path: Path, now: datetime = NOW) -> dict[str, int]:
    with unit_of_work(url) as uow:
        return import_source_costs(uow, path, now=now).as_dict()


def _costs(url: str) -> list[tuple[str, str, str, str]]:
    with unit_of_work(url) as uow:
        return [(r["month"], r["source"], r["detail"], r["cost"])
                for r in list_source_costs(uow.session)]  # fmt: skip


def test_months_and_amounts_as_people_write_them(database_url: str, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "costs.csv", [
        {"source": "Trade show", "detail": "PumpTec", "month": "2026-11", "cost": "1,250.00"},
        {"source": "Trade show", "detail": "PumpTec", "month": "Oct 2026", "cost": "700"},
        {"source": "Magazine ad", "detail": "", "month": "September 2026", "cost": "99.5"},
        {"source": "Radio", "detail": "", "month": "2026-08-01", "cost": "0"},
    ])  # fmt: skip

    assert _import(database_url, path) == {"rows": 4, "created": 4, "replaced": 0}
    assert _costs(database_url) == [
        ("2026-11", "Trade show", "PumpTec", "1250.00"),
        ("2026-10", "Trade show", "PumpTec", "700.00"),
        ("2026-09", "Magazine ad", "", "99.50"),
        ("2026-08", "Radio", "", "0.00"),
    ]


def test_importing_again_replaces_the_month(database_url: str, tmp_path: Path) -> None:
    first = write_csv(tmp_path / "first.csv", [
        {"source": "Trade show", "detail": "PumpTec", "month": "2026-11", "cost": "1000"},
        {"source": "Radio", "detail": "", "month": "2026-11", "cost": "200"},
    ])  # fmt: skip
    second = write_csv(tmp_path / "second.csv", [
        {"source": "Trade show", "detail": "PumpTec", "month": "Nov 2026", "cost": "1100"},
        {"source": "Trade show", "detail": "PumpTec", "month": "Dec 2026", "cost": "50"},
    ])  # fmt: skip
    _import(database_url, first)

    assert _import(database_url, second, LATER) == {"rows": 2, "created": 1, "replaced": 1}
    assert _costs(database_url) == [
        ("2026-12", "Trade show", "PumpTec", "50.00"),
        ("2026-11", "Radio", "", "200.00"),
        ("2026-11", "Trade show", "PumpTec", "1100.00"),
    ]
    with unit_of_work(database_url) as uow:
        stamps = {r["cost"]: r["imported_at"] for r in list_source_costs(uow.session)}
    assert stamps["1100.00"] == "2026-12-02T09:00:00"


def test_bad_rows_refuse_the_file_naming_each(database_url: str, tmp_path: Path) -> None:
    good = {"source": "Radio", "detail": "", "month": "2026-11", "cost": "10"}
    path = write_csv(tmp_path / "costs.csv", [
        good,
        {"source": "Radio", "detail": "", "month": "Novembre 2026", "cost": "10"},
        {"source": "Radio", "detail": "", "month": "2026-12", "cost": "-5"},
        {"source": "Radio", "detail": "", "month": "2026-13", "cost": "ten"},
        {"source": "", "detail": "", "month": "2026-10", "cost": "1"},
        good,
    ])  # fmt: skip

    with pytest.raises(BadInput) as refused:
        _import(database_url, path)
    with pytest.raises(BadInput) as missing:
        _import(database_url, write_csv(tmp_path / "other.csv", [good, {**good, "month": ""}]))

    message = str(refused.value)
    assert message.startswith("costs.csv: row 6: source is empty")
    assert "nothing was imported" in str(missing.value) and "row 3: month is empty" in str(
        missing.value
    )
    duplicates = write_csv(tmp_path / "dup.csv", [good, good, {**good, "month": "Nov 2026"}])
    with pytest.raises(BadInput) as repeated:
        _import(database_url, duplicates)
    assert "row 3: repeats row 2" in str(repeated.value)
    assert "row 4: repeats row 3" in str(repeated.value)
    bad = write_csv(tmp_path / "bad.csv", [good, *(
        {"source": "Radio", "detail": "", "month": month, "cost": cost}
        for month, cost in (("Novembre 2026", "10"), ("2026-12", "-5"), ("2026-13", "ten"))
    )])  # fmt: skip
    with pytest.raises(BadInput) as each:
        _import(database_url, bad)
    text = str(each.value)
    for fragment in ("row 3: month 'Novembre 2026' is not a month",
                     "row 4: cost '-5' is not an amount", "row 5: month '2026-13'",
                     "row 5: cost 'ten'", "write it as 2026-11 or Nov 2026",
                     "nothing was imported"):  # fmt: skip
        assert fragment in text
    assert len(text.splitlines()) == 1
    assert _costs(database_url) == []
