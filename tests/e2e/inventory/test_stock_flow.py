"""Marketing's bulk upload run as a Prefect flow."""

from datetime import datetime
from pathlib import Path

import pytest

from fulfilment.catalog import import_products
from fulfilment.db import unit_of_work
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
    with unit_of_work(database_url) as uow:
        import_products(uow, products)
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
    with unit_of_work(database_url) as uow:
        [item] = list_items(uow.session)
        lines = stock_levels(uow.session, now=datetime(2026, 11, 24, 9, 0))
    assert item.pdf is not None and (home / item.pdf).exists()
    assert [line.on_hand for line in lines] == [250]
