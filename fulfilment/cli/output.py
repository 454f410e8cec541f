"""Printing for the CLI: one JSON document with --json, else Rich tables and lines."""

import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console

JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]

console = Console()
# Errors stay one line however long, for people and for scripts reading stderr.
errors = Console(stderr=True, soft_wrap=True)


def quiet_prefect_console() -> None:
    """Call before importing Prefect: a failed step is then one `error:` line, not a traceback.

    Only Prefect's console handler is raised; the Prefect UI still receives every log line.
    """
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")


def emit_json(document: Any) -> None:
    """Print exactly one JSON document on stdout."""
    print(json.dumps(document, ensure_ascii=False, indent=2, default=str))


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Print rows as a Rich table; user text is printed literally, never as markup."""
    # Tables and progress bars load their part of Rich when used: every command starts faster.
    from rich.table import Table

    view = Table(title=title, title_justify="left")
    for column in columns:
        view.add_column(column, overflow="fold")
    for row in rows:
        view.add_row(*("" if cell is None else str(cell) for cell in row))
    console.print(view, markup=False)


def key_values(pairs: Sequence[tuple[str, Any]]) -> None:
    """Print label: value lines, values literally."""
    width = max(len(label) for label, _ in pairs)
    for label, value in pairs:
        console.print(
            f"{label:<{width}}  {'' if value is None else value}", markup=False, highlight=False
        )


@contextmanager
def step_progress(
    title: str, steps: Sequence[str], *, show: bool
) -> Iterator[Callable[[str], None]]:
    """A bar over a flow's steps; yields a callback taking the step now running.

    A step reported as "<step> N of M" moves the bar part of the way through that step.
    Drawn only on a terminal: piped or logged, stderr keeps to the one `error:` line.
    """
    if not (show and errors.is_terminal):
        yield lambda step: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    ) as progress:
        task = progress.add_task(title, total=len(steps))

        def update(step: str) -> None:
            name, _, fraction = step.partition(" chunk ")
            done = steps.index(name) if name in steps else progress.tasks[0].completed
            if fraction:
                number, _, total = fraction.partition(" of ")
                done += (int(number) - 1) / int(total)
            progress.update(task, completed=done, description=f"{title}: {step}")

        yield update


@contextmanager
def progress_bar(description: str, *, show: bool) -> Iterator[Any]:
    """A Rich progress bar on a terminal; yields a callback(done, total), else a no-op."""
    if not (show and errors.is_terminal):
        yield lambda done, total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=False,
    ) as progress:
        task = progress.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update
