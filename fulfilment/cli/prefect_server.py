"""Commands for the home's background Prefect server: start, status, stop."""

from contextlib import nullcontext
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fulfilment.cli.output import JsonFlag, console, emit_json, errors, key_values

if TYPE_CHECKING:
    from fulfilment.prefect_home import BackgroundServer

prefect = typer.Typer(
    help="A Prefect server in the background: its UI shows batch runs; runs report to it.",
    no_args_is_help=True,
)

_STALE = "removed the record of a Prefect server that is no longer running"


@prefect.command("start")
def start(
    port: Annotated[
        int | None,
        typer.Option("--port", min=1, max=65535, help="Port on 127.0.0.1 (default: a free one)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Start this home's Prefect server in the background, or say where it already runs."""
    # Each command imports what it calls: `litcenter --help` and every other command start faster.
    from fulfilment.prefect_home import start_server
    from fulfilment.settings import Settings

    home = Settings().home
    # A first start sets up the server's database: tens of seconds with nothing to show.
    waiting = nullcontext() if as_json else errors.status("Starting the Prefect server")
    with waiting:
        server, already = start_server(home, port)
    if as_json:
        emit_json({**_described(server, home), "already_running": already})
        return
    state = "already running" if already else "running"
    console.print(f"Prefect server {state} at {server.api_url}", markup=False)
    console.print(f"UI: open {server.ui_url} in a browser; batch runs report there", markup=False)
    console.print("'litcenter prefect stop' stops it", markup=False)


@prefect.command("status")
def status(as_json: JsonFlag = False) -> None:
    """Say whether this home's Prefect server is up, and where."""
    from fulfilment.prefect_home import find
    from fulfilment.settings import Settings

    home = Settings().home
    found = find(home)
    if as_json:
        described = _described(found.server, home) if found.server else {}
        emit_json(
            {"up": found.server is not None, **described, "stale_cleared": found.cleared_stale}
        )
        return
    if found.cleared_stale:
        console.print(_STALE, markup=False)
    if found.server is None:
        console.print(
            "No Prefect server is running for this home; 'litcenter prefect start' starts one",
            markup=False,
        )
        return
    key_values(
        [
            (label.replace("_", " "), value)
            for label, value in _described(found.server, home).items()
        ]
    )


@prefect.command("stop")
def stop(as_json: JsonFlag = False) -> None:
    """Stop this home's Prefect server; its data stays for the next start."""
    from fulfilment.prefect_home import stop_server
    from fulfilment.settings import Settings

    found = stop_server(Settings().home)
    if as_json:
        emit_json(
            {
                "stopped": found.server is not None,
                "pid": found.server.pid if found.server else None,
                "stale_cleared": found.cleared_stale,
            }
        )
        return
    if found.cleared_stale:
        console.print(_STALE, markup=False)
    if found.server is None:
        console.print("No Prefect server was running for this home", markup=False)
        return
    console.print(f"Stopped the Prefect server at {found.server.api_url}", markup=False)


def _described(server: "BackgroundServer", home: Path) -> dict[str, Any]:
    from fulfilment.prefect_home import log_path

    return {**asdict(server), "ui_url": server.ui_url, "log": str(log_path(home))}
