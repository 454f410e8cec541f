"""Commands for sales reps: import them, list them, hand their work over, retire them."""

from pathlib import Path
from typing import Annotated

import typer

from fulfilment.cli.context import ready
from fulfilment.cli.output import JsonFlag, console, emit_json, table

reps = typer.Typer(help="Sales reps, their territories and hand-overs.", no_args_is_help=True)

RepCode = Annotated[str, typer.Argument(metavar="CODE", help="A rep's code.")]


@reps.command("import")
def reps_import(
    file: Annotated[Path, typer.Argument(help="CSV file to read.")], as_json: JsonFlag = False
) -> None:
    """Load reps (code,name,email,phone,countries,regions,postcode_prefixes,families and
    calendar_country,calendar_region for their holidays)."""
    from fulfilment.db import unit_of_work
    from fulfilment.reps import import_reps

    with unit_of_work(ready().url) as uow:
        result = import_reps(uow, file)
    if as_json:
        emit_json(result.as_dict())
        return
    console.print(f"{result.rows} reps: {result.created} new, {result.updated} updated")


@reps.command("list")
def reps_list(as_json: JsonFlag = False) -> None:
    """Every rep: territory, holiday calendar, open calls; retired reps last."""
    from fulfilment.db import unit_of_work
    from fulfilment.reps import list_reps

    with unit_of_work(ready().url) as uow:
        rows = list_reps(uow.session)
    if as_json:
        emit_json({"reps": rows})
        return
    table(
        "Reps",
        ["code", "name", "phone", "territory", "calendar", "open calls", "status"],
        [
            (
                r["code"], r["name"], r["phone"],
                ", ".join(f"{kind} {value}" for kind, value in r["territory"]) or "anywhere",
                r["calendar"] or "company's", r["open_calls"],
                "active" if r["active"]
                else f"retired {r['retired_at'][:10]}" if r["retired_at"] else "handed over",
            )
            for r in rows
        ],
    )  # fmt: skip


def _hand_over(old: str, new: str, *, retire: bool, as_json: bool) -> None:
    from fulfilment.db import unit_of_work
    from fulfilment.handover import hand_over

    context = ready()
    with unit_of_work(context.url) as uow:
        done = hand_over(uow, old, new, retire=retire, now=context.now())
    if as_json:
        emit_json(
            {"from": done.from_rep, "to": done.to_rep, "retired": done.retired,
             "calls": done.calls, "inquiries": done.inquiries, "territory": done.territory}
        )  # fmt: skip
        return
    console.print(
        f"{done.from_rep} -> {done.to_rep}: {done.calls} open calls, {done.inquiries} inquiries, "
        f"{len(done.territory)} territory values"
        + (
            f"; {done.from_rep} is retired"
            if done.retired
            else f"; {done.from_rep} takes no new inquiries until the reps file is imported again"
        ),
        markup=False,
        highlight=False,
    )


@reps.command("handover")
def reps_handover(old: RepCode, new: RepCode, as_json: JsonFlag = False) -> None:
    """Give OLD's open calls, waiting inquiries and territory to NEW; OLD takes no new
    inquiries until the reps file is imported again."""
    _hand_over(old, new, retire=False, as_json=as_json)


@reps.command("retire")
def reps_retire(
    old: RepCode,
    to: Annotated[str, typer.Option("--to", metavar="CODE", help="The rep who takes over.")],
    as_json: JsonFlag = False,
) -> None:
    """Retire OLD: their open calls, waiting inquiries and territory go to --to, their calls
    made stay theirs, and they are never assigned again."""
    _hand_over(old, to, retire=True, as_json=as_json)
