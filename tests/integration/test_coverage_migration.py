"""Migration 0006 gives every existing item no aliases and keeps its product links, both ways."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from fulfilment.catalog import import_products
from fulfilment.db import unit_of_work
from fulfilment.schema import MIGRATIONS, migrate
from inventory.items import list_items


def _config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _links(url: str) -> list[tuple[str, str]]:
    with unit_of_work(url) as uow:
        rows = uow.session.execute(
            text(
                "SELECT i.code, p.code FROM literature_products lp "
                "JOIN literature_items i ON i.id = lp.item_id "
                "JOIN products p ON p.id = lp.product_id"
            )
        )
        return [(item, product) for item, product in rows]


def test_existing_literature_survives_the_upgrade_and_the_downgrade(
    blank_database_url: str, tmp_path: Path
) -> None:
    url = blank_database_url
    command.upgrade(_config(url), "0005")
    products = tmp_path / "products.csv"
    products.write_text("code,name\nPMP-100,Pump\n", encoding="utf-8")
    with unit_of_work(url) as uow:
        import_products(uow, products)
    with unit_of_work(url) as uow:
        uow.session.execute(
            text(
                "INSERT INTO literature_items (code, title, kind, edition, paper_size, shelf, "
                "reorder_point, reorder_qty, status, created_at, updated_at) VALUES ('BUL-1', "
                "'Pump Digest', 'bulletin', 0, '', '', 0, 0, 'active', :at, :at)"
            ),
            {"at": "2026-11-01 00:00:00"},
        )
        uow.session.execute(
            text(
                "INSERT INTO literature_products (item_id, product_id, position) "
                "SELECT i.id, p.id, 0 FROM literature_items i, products p"
            )
        )
        uow.commit()

    migrate(url)

    with unit_of_work(url) as uow:
        (item,) = list_items(uow.session)
    assert (item.code, item.aliases, item.products) == ("BUL-1", [], ["PMP-100"])
    command.downgrade(_config(url), "0005")
    assert _links(url) == [("BUL-1", "PMP-100")]
