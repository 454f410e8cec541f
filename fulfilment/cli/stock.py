"""Commands for literature and stock: items and editions, movements, levels, the reorder report."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fulfilment.cli.context import ready
from fulfilment.cli.output import JsonFlag, console, emit_json, key_values, table
from inventory.kinds import KINDS, LOCATIONS

if TYPE_CHECKING:
    from inventory.items import ItemView
    from inventory.movements import Movement

literature = typer.Typer(
    help="Brochures and other literature: add, new editions, aliases, retire, what is missing.",
    no_args_is_help=True,
)
stock = typer.Typer(
    help="Stock on shelves and in reserve, and what to reorder.", no_args_is_help=True
)

# Lets a negative number through as an argument (stock adjust CODE -3) rather than an option.
NUMBERS = {"ignore_unknown_options": True}

Code = Annotated[str, typer.Argument(metavar="CODE", help="Literature or supply code.")]
Qty = Annotated[int, typer.Argument(metavar="QTY", help="Number of copies.")]
Location = Annotated[str, typer.Option(help=f"One of: {', '.join(LOCATIONS)}.")]


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _show_item(item: "ItemView", as_json: bool) -> None:
    if as_json:
        emit_json(item.as_dict())
        return
    key_values(
        [
            ("code", item.code),
            ("title", item.title),
            ("kind", item.kind),
            ("status", item.status),
            ("edition", item.edition),
            ("products", ", ".join(item.products)),
            ("substitutes", ", ".join(item.substitutes)),
            ("aliases", "; ".join(item.aliases)),
            ("pdf", f"{item.pdf} ({item.page_count} pages, {item.paper_size})" if item.pdf else ""),
            ("shelf", item.shelf),
            ("weight", f"{item.weight_g} g" if item.weight_g is not None else ""),
            ("reorder", f"at {item.reorder_point}, order {item.reorder_qty}"),
            ("unit cost", item.unit_cost),
        ]
    )


def _show_movement(movement: "Movement", as_json: bool) -> None:
    if as_json:
        emit_json(movement.as_dict())
        return
    console.print(
        f"{movement.code}: {movement.change:+d}; now {movement.on_shelf} on the shelf, "
        f"{movement.in_reserve} in reserve, {movement.reserved} held, "
        f"{movement.available} available",
        markup=False,
        highlight=False,
    )


@literature.command("add")
def literature_add(
    code: Code,
    title: Annotated[str, typer.Option(help="Title as printed on the cover.")],
    kind: Annotated[str, typer.Option(help=f"One of: {', '.join(KINDS)}.")],
    products: Annotated[str, typer.Option(help="Product codes it covers, comma-separated.")] = "",
    pdf: Annotated[Path | None, typer.Option(help="The PDF of the first edition.")] = None,
    shelf: Annotated[str, typer.Option(help="Shelf location label, e.g. A-03.")] = "",
    weight_g: Annotated[int | None, typer.Option(help="Weight of one copy in grams.")] = None,
    reorder_point: Annotated[int, typer.Option(help="Reorder when available falls to this.")] = 0,
    reorder_qty: Annotated[int, typer.Option(help="How many to reprint or buy.")] = 0,
    substitute: Annotated[
        list[str], typer.Option(help="Item to send instead when short; repeat, best first.")
    ] = [],  # noqa: B006 - Typer reads the default, it is never mutated
    alias: Annotated[
        list[str],
        typer.Option(help='Another name inquirers use for it, e.g. "Pump Digest 11/2026"; repeat.'),
    ] = [],  # noqa: B006 - Typer reads the default, it is never mutated
    as_json: JsonFlag = False,
) -> None:
    """Add a literature item or supply, with empty stock."""
    # Each command imports the services it calls: `--help` and every other command start faster.
    from fulfilment.db import unit_of_work
    from inventory.items import ItemDraft, add_item

    context = ready()
    draft = ItemDraft(
        code=code,
        title=title,
        kind=kind,
        products=_split(products),
        shelf=shelf,
        weight_g=weight_g,
        reorder_point=reorder_point,
        reorder_qty=reorder_qty,
        substitutes=[code for value in substitute for code in _split(value)],
        aliases=alias,
    )
    with unit_of_work(context.url) as uow:
        item = add_item(uow, draft, home=context.settings.home, pdf=pdf, now=context.now())
    _show_item(item, as_json)


@literature.command("upload")
def literature_upload(
    code: Code,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The new edition's PDF.")],
    as_json: JsonFlag = False,
) -> None:
    """Upload a new edition's PDF; it is checked before anything changes."""
    from fulfilment.db import unit_of_work
    from inventory.items import upload_edition

    context = ready()
    with unit_of_work(context.url) as uow:
        item = upload_edition(uow, code, file, home=context.settings.home, now=context.now())
    _show_item(item, as_json)


@literature.command("retire")
def literature_retire(code: Code, as_json: JsonFlag = False) -> None:
    """Stop sending an item; requests for it go to its substitutes."""
    from fulfilment.db import unit_of_work
    from inventory.items import retire_item

    context = ready()
    with unit_of_work(context.url) as uow:
        item = retire_item(uow, code, now=context.now())
    _show_item(item, as_json)


@literature.command("alias")
def literature_alias(
    code: Code,
    names: Annotated[
        list[str], typer.Argument(metavar="NAME...", help="Names inquirers use for the item.")
    ],
    as_json: JsonFlag = False,
) -> None:
    """Give a bulletin the other names inquirers write it by, so their page notes find it."""
    from fulfilment.db import unit_of_work
    from inventory.items import add_aliases

    context = ready()
    with unit_of_work(context.url) as uow:
        item = add_aliases(uow, code, names, now=context.now())
    _show_item(item, as_json)


@literature.command("gaps")
def literature_gaps_list(as_json: JsonFlag = False) -> None:
    """Products inquiries asked about that no literature covers: what marketing should add."""
    from fulfilment.batch.coverage import literature_gaps
    from fulfilment.db import unit_of_work

    with unit_of_work(ready().url) as uow:
        gaps = literature_gaps(uow.session)
    if as_json:
        emit_json({"gaps": gaps})
        return
    if not gaps:
        console.print("Every product asked about has literature.")
        return
    table(
        "Products without literature",
        ["code", "name", "inquiries", "oldest"],
        [(gap["code"], gap["name"], gap["inquiries"], gap["oldest"]) for gap in gaps],
    )


@literature.command("list")
def literature_list(as_json: JsonFlag = False) -> None:
    """List every item, retired ones too."""
    from fulfilment.db import unit_of_work
    from inventory.items import list_items

    with unit_of_work(ready().url) as uow:
        items = list_items(uow.session)
    if as_json:
        emit_json({"items": [item.as_dict() for item in items]})
        return
    table(
        "Literature",
        ["code", "title", "kind", "status", "edition", "products", "shelf", "pages", "unit cost"],
        [
            (i.code, i.title, i.kind, i.status, i.edition, ", ".join(i.products), i.shelf,
             i.page_count, i.unit_cost)
            for i in items
        ],
    )  # fmt: skip


@stock.command("receive", context_settings=NUMBERS)
def stock_receive(
    code: Code,
    qty: Qty,
    location: Location = "reserve",
    note: Annotated[str, typer.Option(help="e.g. the printer's delivery note.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Book copies in, by default into the reserve cartons."""
    from fulfilment.db import unit_of_work
    from inventory.movements import receive

    context = ready()
    with unit_of_work(context.url) as uow:
        movement = receive(uow, code, qty, location=location, note=note, now=context.now())
    _show_movement(movement, as_json)


@stock.command("adjust", context_settings=NUMBERS)
def stock_adjust(
    code: Code,
    delta: Annotated[int, typer.Argument(metavar="DELTA", help="Signed change, e.g. -3.")],
    reason: Annotated[str, typer.Option(help="Why: damaged, found, handed out at a show.")] = "",
    location: Location = "shelf",
    as_json: JsonFlag = False,
) -> None:
    """Correct stock up or down, with a reason."""
    from fulfilment.db import unit_of_work
    from inventory.movements import adjust

    context = ready()
    with unit_of_work(context.url) as uow:
        movement = adjust(uow, code, delta, reason=reason, location=location, now=context.now())
    _show_movement(movement, as_json)


@stock.command("transfer", context_settings=NUMBERS)
def stock_transfer(code: Code, qty: Qty, as_json: JsonFlag = False) -> None:
    """Move copies from the reserve cartons to the shelf."""
    from fulfilment.db import unit_of_work
    from inventory.movements import transfer

    context = ready()
    with unit_of_work(context.url) as uow:
        movement = transfer(uow, code, qty, now=context.now())
    _show_movement(movement, as_json)


@stock.command("count", context_settings=NUMBERS)
def stock_count(
    code: Code,
    qty: Annotated[int, typer.Argument(metavar="QTY", help="Copies counted.")],
    location: Location = "shelf",
    as_json: JsonFlag = False,
) -> None:
    """Record a cycle count; the difference is booked as a ledger entry."""
    from fulfilment.db import unit_of_work
    from inventory.movements import count

    context = ready()
    with unit_of_work(context.url) as uow:
        movement = count(uow, code, qty, location=location, now=context.now())
    _show_movement(movement, as_json)


@stock.command("import")
def stock_import(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="CSV of literature rows.")],
    as_json: JsonFlag = False,
) -> None:
    """Bulk upload: items, PDFs (paths relative to the CSV) and stock received, all or nothing."""
    from fulfilment.db import unit_of_work
    from inventory.bulk import import_literature

    context = ready()
    with unit_of_work(context.url) as uow:
        summary = import_literature(uow, file, home=context.settings.home, now=context.now())
    if as_json:
        emit_json(summary.as_dict())
        return
    console.print(
        f"{summary.rows} rows: {summary.created} new, {summary.updated} updated, "
        f"{summary.editions} new editions, {summary.received} copies received"
        + (
            f" ({summary.already_received} not booked again: this same file was imported before)"
            if summary.already_received
            else ""
        )
    )


@stock.command("show")
def stock_show(
    all_: Annotated[bool, typer.Option("--all", help="Include retired items.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Stock of every item: on hand, held, available, whether low, days of cover."""
    from fulfilment.db import unit_of_work
    from inventory.reorder import stock_levels

    context = ready()
    with unit_of_work(context.url) as uow:
        lines = stock_levels(uow.session, include_retired=all_, now=context.now())
    if as_json:
        emit_json({"items": [line.as_dict() for line in lines]})
        return
    table(
        "Stock",
        ["code", "title", "kind", "shelf", "on shelf", "reserve", "held", "available",
         "reorder at", "low", "days of cover"],
        [
            (s.code, s.title, s.kind, s.shelf, s.on_shelf, s.in_reserve, s.reserved, s.available,
             s.reorder_point, "LOW" if s.low else "", _cover(s.days_of_cover))
            for s in lines
        ],
    )  # fmt: skip


@stock.command("reorder")
def stock_reorder(as_json: JsonFlag = False) -> None:
    """What to reprint or buy now, shortest cover first."""
    from fulfilment.db import unit_of_work
    from inventory.reorder import reorder_report

    context = ready()
    with unit_of_work(context.url) as uow:
        lines = reorder_report(uow.session, now=context.now())
    if as_json:
        emit_json({"items": [line.as_dict() for line in lines]})
        return
    if not lines:
        console.print("Nothing to reorder.")
        return
    table(
        "Reorder",
        ["code", "title", "available", "owed", "days of cover", "order", "why"],
        [
            (r.code, r.title, r.available, r.backordered, _cover(r.days_of_cover), r.order_qty,
             r.reason)
            for r in lines
        ],
    )  # fmt: skip


def _cover(days: float | None) -> str:
    return "" if days is None else f"{days:g}"
