"""The literature and stock commands as marketing and staff use them; errors are one line."""

from pathlib import Path

import pytest

from tests.conftest import Cli, assert_one_line_error
from tests.integration.inventory import pdfs
from tests.support.samples import reference_files, write_csv

SHOW_FIELDS = {"code", "title", "kind", "on_hand", "reserved", "available", "reorder_point",
               "low", "days_of_cover", "shelf"}  # fmt: skip


@pytest.fixture
def ready_cli(cli: Cli, tmp_path: Path) -> Cli:
    products, _ = reference_files(tmp_path)
    assert cli("init").code == 0
    assert cli("products", "import", str(products)).code == 0
    return cli


def test_literature_add_upload_list_and_retire(ready_cli: Cli, tmp_path: Path) -> None:
    first = pdfs.write(tmp_path, "pumps.pdf", pdfs.brochure(pages=2))
    second = pdfs.write(tmp_path, "pumps-2027.pdf", pdfs.brochure(pages=6, tag="2027"))
    assert ready_cli("literature", "add", "BR-OLD", "--title", "Old pumps", "--kind",
                     "brochure", "--products", "PMP-100").code == 0  # fmt: skip

    added = ready_cli(
        "literature", "add", "br-pmp", "--title", "Pumps", "--kind", "brochure",
        "--products", "PMP-100,PMP-250", "--pdf", str(first), "--shelf", "A-01",
        "--weight-g", "24", "--reorder-point", "50", "--reorder-qty", "500",
        "--substitute", "BR-OLD", "--json",
    ).json()  # fmt: skip
    assert {k: added[k] for k in ("code", "edition", "page_count", "products", "substitutes")} == {
        "code": "BR-PMP", "edition": 1, "page_count": 2, "products": ["PMP-100", "PMP-250"],
        "substitutes": ["BR-OLD"],
    }  # fmt: skip
    assert (ready_cli.home / added["pdf"]).read_bytes() == first.read_bytes()

    uploaded = ready_cli("literature", "upload", "BR-PMP", str(second), "--json").json()
    assert (uploaded["edition"], uploaded["page_count"]) == (2, 6)
    assert ready_cli("literature", "retire", "BR-OLD", "--json").json()["status"] == "retired"
    listed = ready_cli("literature", "list", "--json").json()["items"]
    assert [(i["code"], i["status"]) for i in listed] == [
        ("BR-OLD", "retired"),
        ("BR-PMP", "active"),
    ]
    human = ready_cli("literature", "list")
    assert human.code == 0 and "BR-PMP" in human.stdout


def test_stock_movements_show_and_reorder(ready_cli: Cli) -> None:
    assert ready_cli("literature", "add", "BR-PMP", "--title", "Pumps", "--kind", "brochure",
                     "--products", "PMP-100", "--shelf", "A-01", "--reorder-point", "20",
                     "--reorder-qty", "300").code == 0  # fmt: skip

    received = ready_cli("stock", "receive", "BR-PMP", "40", "--note", "run 1", "--json").json()
    assert (received["in_reserve"], received["on_shelf"]) == (40, 0)
    assert ready_cli("stock", "transfer", "BR-PMP", "25", "--json").json()["on_shelf"] == 25
    adjusted = ready_cli("stock", "adjust", "BR-PMP", "-5", "--reason", "water damage", "--json")
    assert adjusted.json()["on_shelf"] == 20
    counted = ready_cli("stock", "count", "BR-PMP", "18", "--json").json()
    assert (counted["change"], counted["on_hand"]) == (-2, 33)
    assert (
        ready_cli("stock", "count", "BR-PMP", "10", "--location", "reserve", "--json").json()[
            "on_hand"
        ]
        == 28
    )

    [line] = ready_cli("stock", "show", "--json").json()["items"]
    assert SHOW_FIELDS <= set(line)
    assert {k: line[k] for k in SHOW_FIELDS} == {
        "code": "BR-PMP", "title": "Pumps", "kind": "brochure", "on_hand": 28, "reserved": 0,
        "available": 28, "reorder_point": 20, "low": False, "days_of_cover": None,
        "shelf": "A-01",
    }  # fmt: skip
    assert ready_cli("stock", "reorder", "--json").json() == {"items": []}

    ready_cli("stock", "adjust", "BR-PMP", "-10", "--reason", "trade show", "--location", "shelf")
    [report] = ready_cli("stock", "reorder", "--json").json()["items"]
    assert (report["code"], report["available"], report["order_qty"]) == ("BR-PMP", 18, 300)
    human = ready_cli("stock", "show")
    assert human.code == 0 and "LOW" in human.stdout


def test_bulk_import(ready_cli: Cli, tmp_path: Path) -> None:
    pdfs.write(tmp_path, "valves.pdf", pdfs.brochure(pages=1))
    path = write_csv(
        tmp_path / "literature.csv",
        [
            {"code": "BR-VLV", "title": "Valves", "kind": "tech-sheet", "products": "VLV-20",
             "pdf": "valves.pdf", "received": "30", "location": "shelf"},
            {"code": "ENV-10", "title": "#10 envelopes", "kind": "supply", "received": "500"},
        ],
    )  # fmt: skip

    summary = ready_cli("stock", "import", str(path), "--json").json()
    assert (summary["created"], summary["editions"], summary["received"]) == (2, 1, 530)
    assert ready_cli("stock", "import", str(path), "--json").json()["already_received"] == 530
    again = ready_cli("stock", "import", str(path))
    assert again.stdout.strip() == (
        "2 rows: 0 new, 2 updated, 0 new editions, 0 copies received "
        "(530 not booked again: this same file was imported before)"
    )
    show = {i["code"]: i for i in ready_cli("stock", "show", "--json").json()["items"]}
    assert (show["BR-VLV"]["on_hand"], show["ENV-10"]["on_hand"]) == (30, 500)


def test_bad_input_is_one_line_and_exit_1(ready_cli: Cli, tmp_path: Path) -> None:
    locked = pdfs.write(tmp_path, "locked.pdf", pdfs.encrypted())
    fake = pdfs.write(tmp_path, "photo.pdf", pdfs.png())
    assert ready_cli("literature", "add", "BR-PMP", "--title", "Pumps", "--kind", "brochure",
                     "--products", "PMP-100").code == 0  # fmt: skip

    assert_one_line_error(ready_cli("stock", "receive", "NOPE", "3"), "no literature item 'NOPE'")
    assert_one_line_error(ready_cli("stock", "receive", "BR-PMP", "-5"), "positive", "-5")
    assert_one_line_error(ready_cli("stock", "transfer", "BR-PMP", "4"), "0 unheld copies")
    assert_one_line_error(ready_cli("stock", "adjust", "BR-PMP", "-3"), "needs a reason")
    assert_one_line_error(ready_cli("stock", "count", "BR-PMP", "-1"), "cannot be negative")
    assert_one_line_error(
        ready_cli("stock", "receive", "BR-PMP", "3", "--location", "attic"), "'attic'"
    )
    assert_one_line_error(
        ready_cli("literature", "upload", "BR-PMP", str(tmp_path / "missing.pdf")), "no such file"
    )
    assert_one_line_error(ready_cli("stock", "import", str(tmp_path / "x.csv")), "no such file")
    assert_one_line_error(ready_cli("literature", "upload", "BR-PMP", str(locked)), "encrypted")
    assert_one_line_error(ready_cli("literature", "upload", "BR-PMP", str(fake)), "PNG image")
    assert_one_line_error(
        ready_cli("literature", "add", "BR-X", "--title", "X", "--kind", "flyer"), "'flyer'"
    )
    assert_one_line_error(
        ready_cli("literature", "add", "BR-X", "--title", "X", "--kind", "brochure",
                  "--products", "NOPE"),
        "unknown product code(s): NOPE",
    )  # fmt: skip
    assert_one_line_error(
        ready_cli("literature", "add", "BR-PMP", "--title", "X", "--kind", "brochure"),
        "exists already",
    )
    assert_one_line_error(ready_cli("literature", "retire", "NOPE"), "no literature item")
    [line] = ready_cli("stock", "show", "--json").json()["items"]
    assert (line["on_hand"], line["reserved"]) == (0, 0)
    assert not (ready_cli.home / "literature").exists()
