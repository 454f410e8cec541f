"""Find items and products by the codes people type; unknown codes are one clear error."""

from collections.abc import Iterable

from sqlalchemy import column, select, table
from sqlalchemy.orm import Session, selectinload

from fulfilment.errors import BadInput, NotFound
from inventory.models import LiteratureItem, Substitute

# The foundation's products table, read by name: inventory does not import its models.
products = table("products", column("id"), column("code"))


def normal_code(code: str) -> str:
    """Codes are stored trimmed and in capitals, as the product codes are."""
    return code.strip().upper()


def items_by_code(session: Session, codes: Iterable[str]) -> dict[str, LiteratureItem]:
    """The items with these codes, with their substitutes loaded; missing codes are absent."""
    wanted = sorted({normal_code(code) for code in codes})
    query = (
        select(LiteratureItem)
        .where(LiteratureItem.code.in_(wanted))
        .options(selectinload(LiteratureItem.substitutes).selectinload(Substitute.substitute))
    )
    return {item.code: item for item in session.scalars(query)}


def require_item(session: Session, code: str) -> LiteratureItem:
    """The item with this code, or NotFound saying how to list the known ones."""
    item = items_by_code(session, [code]).get(normal_code(code))
    if item is None:
        raise NotFound(f"no literature item {normal_code(code)!r}; see 'litcenter literature list'")
    return item


def product_ids(session: Session, codes: Iterable[str]) -> dict[str, int]:
    """Product ids by code; every code must be a known product."""
    wanted = list(dict.fromkeys(normal_code(code) for code in codes if code.strip()))
    found = {
        code: id_
        for id_, code in session.execute(
            select(products.c.id, products.c.code).where(products.c.code.in_(wanted))
        )
    }
    missing = [code for code in wanted if code not in found]
    if missing:
        raise BadInput(
            f"unknown product code(s): {', '.join(missing)}; load them with 'litcenter products "
            "import' first"
        )
    return {code: found[code] for code in wanted}


def product_codes(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """Product codes by id."""
    query = select(products.c.id, products.c.code).where(products.c.id.in_(list(ids)))
    return {id_: code for id_, code in session.execute(query)}
