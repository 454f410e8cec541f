"""Commands for follow-up calls: what is due, logging a call."""

from typing import Annotated

import typer

from fulfilment.cli.context import ready
from fulfilment.cli.output import JsonFlag, console, emit_json, table

calls = typer.Typer(
    help="Follow-up calls: what is due, and what came of them.", no_args_is_help=True
)

RepOption = Annotated[
    str | None, typer.Option("--rep", metavar="CODE", help="Only this rep's calls.")
]


@calls.command("due")
def calls_due(
    rep: RepOption = None,
    when: Annotated[
        str | None, typer.Option("--date", help="Calls due on or before this day; default today.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Open calls due on or before a day, most overdue first."""
    from fulfilment.calls.due import due_calls
    from fulfilment.dates import parse_day
    from fulfilment.db import unit_of_work

    context = ready()
    today = context.now().date()
    through = today if when is None else parse_day(when, today=today, option="--date")
    with unit_of_work(context.url) as uow:
        rows = due_calls(uow.session, rep_code=rep, through=through)
    if as_json:
        emit_json({"date": through.isoformat(), "calls": rows})
        return
    table(
        f"Calls due by {through}" + (f" for {rep}" if rep else ""),
        ["inquiry", "due", "late", "rep", "contact", "phone", "reason", "packet", "mailed"],
        [
            (
                r["inquiry_id"], r["due"], f"{r['days_overdue']}d" if r["days_overdue"] else "",
                r["rep"] or "unassigned",
                " / ".join(filter(None, [r["contact"]["name"], r["contact"]["company"]])),
                r["contact"]["phone"], r["reason"], r["packet"] or "", r["mailed"] or "",
            )
            for r in rows
        ],
    )  # fmt: skip
    if rows:
        console.print(
            "Log one with: litcenter calls log INQUIRY --outcome reached --rating 7 --notes '...'"
        )


@calls.command("log")
def calls_log(
    inquiry_id: Annotated[int, typer.Argument(metavar="INQUIRY_ID")],
    outcome: Annotated[
        str,
        typer.Option(
            "--outcome",
            help="reached, no-answer, left-message, not-interested, meeting-set, "
            "quote-requested, won or lost.",
        ),
    ],
    rating: Annotated[
        int | None,
        typer.Option("--rating", metavar="N", help="The chance to close, 1 (none) to 10."),
    ] = None,
    notes: Annotated[str, typer.Option("--notes", help="What was said.")] = "",
    next_on: Annotated[
        str | None, typer.Option("--next", metavar="DAY", help="When to call next.")
    ] = None,
    amount: Annotated[
        str | None, typer.Option("--amount", help="What a won sale is worth.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Log a call about an inquiry: outcome, rating, notes and the next call."""
    from fulfilment.calls.log import CallEntry, log_call
    from fulfilment.dates import parse_day
    from fulfilment.db import unit_of_work

    context = ready()
    now = context.now()
    entry = CallEntry(
        outcome=outcome,
        rating=rating,
        notes=notes,
        next_on=None if next_on is None else parse_day(next_on, today=now.date(), option="--next"),
        amount=amount,
    )
    with unit_of_work(context.url) as uow:
        logged = log_call(uow, inquiry_id, entry, profile=context.profile, now=now)
    if as_json:
        emit_json(
            {"call_id": logged.call_id, "inquiry_id": logged.inquiry_id,
             "outcome": logged.outcome, "rating": logged.rating, "stage": logged.stage,
             "next_call": logged.next_call.isoformat() if logged.next_call else None,
             "next_reason": logged.next_reason}
        )  # fmt: skip
        return
    following = (
        f"next call {logged.next_call} ({logged.next_reason})"
        if logged.next_call
        else "no further call booked"
    )
    console.print(
        f"Inquiry {inquiry_id}: {logged.outcome}"
        + (f", rated {logged.rating}/10" if logged.rating else "")
        + f"; contact is a {logged.stage}; {following}",
        markup=False,
        highlight=False,
    )
