"""Migration 0002 creates what the inventory models describe, on both databases."""

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Table, inspect

import fulfilment.models  # noqa: F401 - the whole schema, as the migrations see it
import inventory.models  # noqa: F401 - registers the tables under test
from fulfilment.db import Base, engine_for

INVENTORY_TABLES = {
    "literature_items", "literature_products", "literature_substitutes", "literature_editions",
    "stock", "stock_ledger", "allocations", "allocation_lines",
}  # fmt: skip


def _table(difference: Any) -> str:
    first = difference[0] if isinstance(difference, list) else difference
    if first[0].startswith("modify_"):
        return str(first[2])
    obj = first[1]
    return str(obj.name if isinstance(obj, Table) else obj.table.name)


def test_the_migration_matches_the_models(database_url: str) -> None:
    engine = engine_for(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    ours = [d for d in differences if _table(d) in INVENTORY_TABLES]
    # The migration alone holds the key to products: the models cannot import the foundation's.
    assert [(d[0], d[1].table.name, d[1].referred_table.name) for d in ours] == [
        ("remove_fk", "literature_products", "products")
    ]
    assert INVENTORY_TABLES <= set(inspect(engine).get_table_names())
