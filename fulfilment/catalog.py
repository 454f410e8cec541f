"""Load the product range and its relations from marketing's CSV."""

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from fulfilment.by_code import stored_or_added
from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput
from fulfilment.intake.reader import column_lengths, read_reference_rows
from fulfilment.intake.values import split_products
from fulfilment.models import Product, ProductRelation


@dataclass
class ProductImport:
    """How many products a file created or updated, and the relations it set."""

    rows: int
    created: int
    updated: int
    relations: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def import_products(uow: UnitOfWork, path: Path) -> ProductImport:
    """Create or update products by code; the file's relations replace the old ones."""
    rows = read_reference_rows(path, ("code", "name"), lengths=column_lengths(Product.__table__))
    session = uow.session
    existing = {p.code: p for p in session.scalars(select(Product))}
    created = 0
    for raw in rows:
        code = raw.fields["code"].strip().upper()
        product, added = stored_or_added(session, existing, code, Product)
        created += added
        product.name = raw.fields["name"].strip()
        product.family = raw.fields.get("family", "").strip()
        product.description = raw.fields.get("description", "").strip()
    session.flush()
    pairs: set[tuple[int, int]] = set()
    for raw in rows:
        product = existing[raw.fields["code"].strip().upper()]
        for related in split_products(raw.fields.get("related", "")):
            if related not in existing:
                raise BadInput(
                    f"{path.name}: row {raw.number}: related code {related} is not a product; "
                    "add it to the file; nothing was imported"
                )
            if related != product.code:
                pairs.add((product.id, existing[related].id))
    touched = [existing[raw.fields["code"].strip().upper()].id for raw in rows]
    session.execute(delete(ProductRelation).where(ProductRelation.product_id.in_(touched)))
    session.add_all(ProductRelation(product_id=a, related_id=b) for a, b in sorted(pairs))
    uow.commit()
    return ProductImport(
        rows=len(rows), created=created, updated=len(rows) - created, relations=len(pairs)
    )
