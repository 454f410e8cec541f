"""Marketing's bulk upload run as a Prefect flow."""

from pathlib import Path

import pytest

from fulfilment.catalog import import_products
from inventory.items import list_items
from inventory.reorder import stock_levels
from tests.integration.inventory import pdfs
from tests.support.samples import reference_files, write_csv


def test_literature_upload_flow_imports_the_csv_once(
    prefect_harness: None, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.stock import literature_upload

    home = tmp_path / "home"
    monkeypatch.setenv("LITCENTER_HOME", str(home))
    monkeypatch.setenv("LITCENTER_DATABASE_URL", database_url)
    products, _ = reference_files(tmp_path)
    import_products(database_url, products)
    pdfs.write(tmp_path, "pumps.pdf", pdfs.brochure(pages=2))
    path = write_csv(
        tmp_path / "upload.csv",
        [{"code": "BR-PMP", "title": "Pumps", "kind": "brochure", "products": "PMP-100",
          "pdf": "pumps.pdf", "received": "250"}],
    )  # fmt: skip

    first = literature_upload(path)
    again = literature_upload(path)

    assert (first["file"], first["created"], first["received"]) == ("upload.csv", 1, 250)
    assert (again["updated"], again["received"], again["already_received"]) == (1, 0, 250)
    [item] = list_items(database_url)
    assert item.pdf is not None and (home / item.pdf).exists()
    assert [line.on_hand for line in stock_levels(database_url)] == [250]
