"""Prefect flow: the day's new inquiries to print-ready packets, safe to re-run or kill."""

import os
import time
from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner

from flows.progress import report
from fulfilment import render
from fulfilment.batch.commit import commit_batch
from fulfilment.batch.outputs import ChunkFiles
from fulfilment.batch.packet_data import PacketContext
from fulfilment.batch.plan import plan_batch
from fulfilment.batch.printer_files import assemble_batch, assembled_files
from fulfilment.batch.render_step import chunk_folder, chunk_positions, render_chunk
from fulfilment.batch.reserve import reserve_stock
from fulfilment.batch.run_lock import exclusive_batch_run
from fulfilment.batch.smtp import record_emails_sent, send_emails
from fulfilment.batch.views import batch_summary, plan_warnings
from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.home import require_database
from fulfilment.settings import Settings

DASK_ADDRESS = "LITCENTER_DASK_ADDRESS"
# One render process per core: rendering is CPU-bound.
RENDER_PROCESSES = os.cpu_count() or 1


@task(name="start render process")
def start_render_process() -> int:
    """Nothing but being there: a process started now is ready when the first chunk is."""
    return os.getpid()


@task(name="plan")
def plan(business_date: date) -> int:
    """Choose the inquiries and each packet's contents."""
    settings, url = _center()
    return plan_batch(url, business_date, profile=settings.profile).batch_id


@task(name="reserve")
def reserve(batch_id: int) -> dict[str, int]:
    """Allocate stock for every printed packet in one transaction."""
    _, url = _center()
    result = reserve_stock(url, batch_id)
    return {"reserved": result.reserved, "substituted": result.substituted,
            "backordered": result.backordered}  # fmt: skip


@task(name="render chunk")
def render_part(
    batch_id: int,
    business_date: date,
    index: int,
    positions: list[int],
    work_dir: Path,
    context: PacketContext,
    label_start: int,
) -> ChunkFiles:
    """Render a few hundred packets into letter, envelope and label PDFs."""
    _, url = _center()
    return render_chunk(
        url, batch_id=batch_id, business_date=business_date, index=index,
        positions=positions, work_dir=work_dir, context=context, label_start=label_start,
    )  # fmt: skip


@task(name="assemble")
def assemble(
    batch_id: int, out_dir: Path, chunks: list[ChunkFiles], context: PacketContext
) -> dict[str, str]:
    """Merge the chunks into one file per printer feed, plus pick list and manifest."""
    settings, url = _center()
    return assemble_batch(
        url, batch_id, out_dir=out_dir, home=settings.home.resolve(), chunks=chunks,
        context=context,
    )  # fmt: skip


@task(name="commit")
def commit(batch_id: int) -> tuple[int, list[str]]:
    """Mark packets printed, pick stock, use supplies and schedule the follow-up calls."""
    settings, url = _center()
    result = commit_batch(url, batch_id, profile=settings.profile)
    return result.packets, result.warnings


@task(name="send e-mails", retries=2, retry_delay_seconds=30)
def send(email_dir: Path) -> int:
    """Send the batch's e-mailed packets; each goes out once however often this runs."""
    smtp = Settings().smtp
    if smtp is None:
        return 0
    password = smtp.password.get_secret_value() if smtp.password else None
    return send_emails(
        sorted(email_dir.glob("*.eml")), host=smtp.host, port=smtp.port,
        username=smtp.username, password=password, starttls=smtp.starttls,
    )  # fmt: skip


@task(name="record e-mails sent")
def record_sent(email_dir: Path) -> int:
    """Mark the packets whose e-mail went out as mailed: their turnaround ends there."""
    settings, url = _center()
    return record_emails_sent(url, email_dir, profile=settings.profile)


def _center() -> tuple[Settings, str]:
    """This machine's settings and the database they name, read where the step runs.

    Never flow parameters: Prefect stores those and shows them in its UI, and the database
    URL may carry a password.
    """
    settings = Settings()
    return settings, require_database(settings)


@flow(name="daily-batch", validate_parameters=False)
def daily_batch(business_date: date, out_dir: str, label_start: int = 1) -> dict[str, Any]:
    """Plan, reserve, render in chunks, assemble and commit one business day."""
    started = time.perf_counter()
    report("plan")
    batch_id = plan(business_date)
    settings, url = _center()
    files = assembled_files(url, batch_id)
    chunks = (
        []
        if files is not None
        else chunk_positions(url, batch_id, profile=settings.profile, label_start=label_start)
    )
    in_workers = len(chunks) > 1
    if in_workers and _dask_address() is None:
        # Starting a process and importing Prefect and the renderers takes seconds: done while
        # this process reserves, rendering starts on processes that are ready.
        for _ in range(min(RENDER_PROCESSES, len(chunks))):
            start_render_process.submit()
    report("reserve")
    reserved = reserve(batch_id)
    if files is None:
        with unit_of_work(url) as uow:
            context = PacketContext(uow.session, settings.profile)
        files = _render_and_assemble(
            batch_id, business_date, Path(out_dir), chunks, context=context,
            label_start=label_start, in_workers=in_workers,
        )  # fmt: skip
    report("commit")
    new_packets, warnings = commit(batch_id)
    if settings.smtp is not None and "email" in files:
        report("send e-mails")
        email_dir = Path(files["email"])
        try:
            send(email_dir)
        finally:
            # Messages sent before a refusal or a lost connection count as mailed too.
            record_sent(email_dir)
    summary = {
        **batch_summary(url, batch_id),
        **reserved,
        "new_packets": new_packets,
        "files": files,
        "warnings": [*plan_warnings(url, batch_id), *warnings],
        "seconds": round(time.perf_counter() - started, 2),
    }
    _publish(summary)
    return summary


def _render_and_assemble(
    batch_id: int,
    business_date: date,
    out_dir: Path,
    chunks: list[list[int]],
    *,
    context: PacketContext,
    label_start: int,
    in_workers: bool,
) -> dict[str, str]:
    """Render the reserved batch in chunks, then merge them into the printer files.

    A day of one chunk renders here: starting a worker process costs more than the chunk.
    """
    work_dir = chunk_folder(out_dir, batch_id)
    work_dir.mkdir(parents=True, exist_ok=True)
    arguments = [
        (batch_id, business_date, index, positions, work_dir, context, label_start)
        for index, positions in enumerate(chunks)
    ]
    futures = [render_part.submit(*args) for args in arguments] if in_workers else []
    rendered = []
    for done, args in enumerate(arguments, start=1):
        report(f"render chunk {done} of {len(arguments)}")
        rendered.append(futures[done - 1].result() if futures else render_part(*args))
    report("assemble")
    return assemble(batch_id, out_dir, rendered, context)


def task_runner() -> TaskRunner[Any]:
    """Processes on this machine, or the Dask cluster named by LITCENTER_DASK_ADDRESS."""
    address = _dask_address()
    if address:
        from prefect_dask.task_runners import DaskTaskRunner  # the 'dask' extra, for a cluster

        return DaskTaskRunner(address=address)
    return ProcessPoolTaskRunner(max_workers=RENDER_PROCESSES)


def _dask_address() -> str | None:
    return os.environ.get(DASK_ADDRESS) or None


def run_daily_batch(business_date: date, out_dir: Path, *, label_start: int = 1) -> dict[str, Any]:
    """Run the flow with the task runner this machine is set up for, one run per day at a time.

    The database and profile come from the settings (LITCENTER_*), read by each step.
    """
    configured = daily_batch.with_options(task_runner=task_runner())
    settings, url = _center()
    render.check_start_position(settings.profile.label_sheet, label_start)
    # Taken before the flow starts, so a busy day is one line for the user, not a failed run.
    # No heartbeat thread: a run that dies is found and finished by the next run of its day
    # (tests/e2e/batch/test_crash_recovery.py), and joining the thread's one-second sleep at
    # the end of every run cost up to a second a day (benchmarks/batch.py --inquiries 300).
    with (
        exclusive_batch_run(url, business_date),
        temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}),
    ):
        return configured(business_date, str(out_dir), label_start)


@flow(name="scheduled-daily-batch")
def scheduled_batch() -> dict[str, Any]:
    """Today's batch with the settings of this machine, as `litcenter schedule` serves it."""
    settings = Settings()
    today = local_now(settings.profile.timezone).date()
    return run_daily_batch(today, settings.home.resolve() / "batches" / today.isoformat())


def _publish(summary: dict[str, Any]) -> None:
    create_markdown_artifact(
        key="batch-summary",
        markdown=(
            f"# Batch {summary['date']}\n\n"
            f"{summary['packets']} packets ({summary['new_packets']} new), "
            f"{summary['held']} held, {summary['backordered']} backordered items, "
            f"in {summary['seconds']} s.\n\n"
            + "".join(f"- {name}: `{path}`\n" for name, path in summary["files"].items())
            + "".join(f"- warning: {w}\n" for w in summary["warnings"])
        ),
        description="Daily batch summary",
    )
    create_table_artifact(
        key="batch-postage",
        table=[{"postage class": k, "packets": v} for k, v in summary["by_postage"].items()],
        description="Packets by postage class",
    )
