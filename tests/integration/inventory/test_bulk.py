"""Marketing's bulk upload: items, PDFs and stock from one CSV, all or nothing, once."""

from pathlib import Path

import pytest

from fulfilment.db import unit_of_work
from fulfilment.errors import BadInput
from inventory.bulk import import_literature
from inventory.items import ItemView, list_items
from tests.integration.inventory import pdfs
from tests.integration.inventory.stockroom import NOW, level
from tests.support.samples import write_csv


def _csv(folder: Path, rows: list[dict[str, str]]) -> Path:
    (folder / "pdf").mkdir(exist_ok=True)
    pdfs.write(folder / "pdf", "pumps.pdf", pdfs.brochure(pages=3))
    pdfs.write(folder / "pdf", "valves.pdf", pdfs.brochure(pages=1, width=595, height=842))
    return write_csv(folder / "literature.csv", rows)


def _items(url: str) -> list[ItemView]:
    with unit_of_work(url) as uow:
        return list_items(uow.session)


ROWS = [
    {"code": "BR-PMP", "title": "Pumps", "kind": "brochure", "products": "PMP-100;PMP-250",
     "pdf": "pdf/pumps.pdf", "shelf": "A-01", "weight_g": "24", "reorder_point": "50",
     "reorder_qty": "500", "substitutes": "BR-VLV", "received": "400", "location": "reserve",
     "note": "print run 1"},
    {"code": "BR-VLV", "title": "Valves", "kind": "tech-sheet", "products": "VLV-20",
     "pdf": "pdf/valves.pdf", "shelf": "A-02", "received": "30", "location": "shelf"},
    {"code": "ENV-10", "title": "#10 envelopes", "kind": "supply", "products": ""},
]  # fmt: skip


def test_a_bulk_upload_creates_items_and_receives_stock_once(
    url: str, home: Path, tmp_path: Path
) -> None:
    path = _csv(tmp_path, ROWS)

    with unit_of_work(url) as uow:
        first = import_literature(uow, path, home=home, now=NOW)
    with unit_of_work(url) as uow:
        again = import_literature(uow, path, home=home, now=NOW)

    assert first.as_dict() == {"rows": 3, "created": 3, "updated": 0, "editions": 2,
                               "received": 430, "already_received": 0}  # fmt: skip
    assert again.as_dict() == {"rows": 3, "created": 0, "updated": 3, "editions": 0,
                               "received": 0, "already_received": 430}  # fmt: skip
    items = {item.code: item for item in _items(url)}
    assert items["BR-PMP"].products == ["PMP-100", "PMP-250"]
    assert items["BR-PMP"].substitutes == ["BR-VLV"]
    assert (items["BR-PMP"].page_count, items["BR-VLV"].paper_size) == (3, "A4")
    assert (items["BR-PMP"].weight_g, items["BR-PMP"].shelf) == (24, "A-01")
    assert (level(url, "BR-PMP").in_reserve, level(url, "BR-VLV").on_shelf) == (400, 30)
    assert len(list((home / "literature").iterdir())) == 2


def test_one_bad_row_refuses_the_file(url: str, home: Path, tmp_path: Path) -> None:
    pdfs.write(tmp_path, "locked.pdf", pdfs.encrypted())
    rows = [
        *ROWS,
        {"code": "BR-X", "title": "X", "kind": "flyer", "received": "-3"},
        {"code": "BR-Y", "title": "Y", "kind": "brochure", "pdf": "missing.pdf"},
        {"code": "BR-Z", "title": "Z", "kind": "brochure", "pdf": "locked.pdf"},
        {"code": "BR-W", "title": "W", "kind": "brochure", "products": "NOPE"},
    ]
    path = _csv(tmp_path, rows)

    with unit_of_work(url) as uow, pytest.raises(BadInput) as refused:
        import_literature(uow, path, home=home, now=NOW)

    message = str(refused.value)
    for fragment in ("row 5: kind 'flyer'", "received must not be negative",
                     "row 6: PDF 'missing.pdf' not found", "row 7: locked.pdf is encrypted",
                     "nothing was imported"):  # fmt: skip
        assert fragment in message
    assert _items(url) == []
    assert not (home / "literature").exists()

    path = _csv(tmp_path, [*ROWS, rows[-1]])
    with (
        unit_of_work(url) as uow,
        pytest.raises(BadInput, match="row 5: unknown product code.*NOPE.*nothing was imported"),
    ):
        import_literature(uow, path, home=home, now=NOW)
    assert _items(url) == []


def test_an_empty_or_headless_file_is_one_line(url: str, home: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with unit_of_work(url) as uow, pytest.raises(BadInput, match="has no rows"):
        import_literature(uow, empty, home=home, now=NOW)
    odd = write_csv(tmp_path / "odd.csv", [{"name": "x"}])
    with unit_of_work(url) as uow, pytest.raises(BadInput, match="lacks the column"):
        import_literature(uow, odd, home=home, now=NOW)


@pytest.mark.parametrize("differs_by", ["a delivery date column", "one byte more"])
def test_the_same_file_books_once_and_next_weeks_file_books_the_same_row_again(
    url: str, home: Path, tmp_path: Path, differs_by: str
) -> None:
    order = {"code": "BR-X", "title": "X", "kind": "brochure", "received": "500",
             "location": "reserve"}  # fmt: skip
    if differs_by == "one byte more":
        this_week = write_csv(tmp_path / "week-47.csv", [order])
        next_week = tmp_path / "week-48.csv"
        next_week.write_bytes(this_week.read_bytes() + b"\n")
    else:
        this_week = write_csv(tmp_path / "week-47.csv", [{**order, "date": "2026-11-16"}])
        next_week = write_csv(tmp_path / "week-48.csv", [{**order, "date": "2026-11-23"}])
    renamed = tmp_path / "copy of week-47.csv"
    renamed.write_bytes(this_week.read_bytes())

    booked = []
    for path in (this_week, this_week, renamed, next_week, next_week):
        with unit_of_work(url) as uow:
            booked.append(import_literature(uow, path, home=home, now=NOW))

    assert [(b.received, b.already_received) for b in booked] == [
        (500, 0), (0, 500), (0, 500), (500, 0), (0, 500)
    ]  # fmt: skip
    assert level(url, "BR-X").in_reserve == 1000


def test_unit_cost_is_imported_kept_when_left_out_and_refused_when_not_an_amount(
    url: str, home: Path, tmp_path: Path
) -> None:
    priced = write_csv(tmp_path / "priced.csv", [
        {"code": "BR-A", "title": "A", "kind": "brochure", "unit_cost": "0.35"},
        {"code": "CAT-1", "title": "Catalogue", "kind": "catalogue", "unit_cost": "1,250.50"},
    ])  # fmt: skip
    plain = write_csv(tmp_path / "plain.csv", [{"code": "BR-A", "title": "A", "kind": "brochure"}])
    bad = write_csv(tmp_path / "bad.csv", [
        {"code": "BR-A", "title": "A", "kind": "brochure", "unit_cost": "-1"},
        {"code": "CAT-1", "title": "Catalogue", "kind": "catalogue", "unit_cost": "cheap"},
    ])  # fmt: skip

    for path in (priced, plain):
        with unit_of_work(url) as uow:
            import_literature(uow, path, home=home, now=NOW)
    with unit_of_work(url) as uow, pytest.raises(BadInput) as refused:
        import_literature(uow, bad, home=home, now=NOW)

    assert {item.code: item.unit_cost for item in _items(url)} == {"BR-A": "0.35",
                                                                  "CAT-1": "1250.5"}  # fmt: skip
    for fragment in ("row 2: unit_cost '-1'", "row 3: unit_cost 'cheap'", "nothing was imported"):
        assert fragment in str(refused.value)
