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
from fulfilment.batch.email.smtp import record_emails_sent, send_emails
from fulfilment.batch.outputs import ChunkFiles
from fulfilment.batch.packet_data import PacketContext
from fulfilment.batch.run_lock import exclusive_batch_run
from fulfilment.batch.steps.assemble import assemble_batch
from fulfilment.batch.steps.commit import commit_batch
from fulfilment.batch.steps.order import Chunk, Rendering, run_batch, work_left
from fulfilment.batch.steps.plan import plan_batch
from fulfilment.batch.steps.render import chunk_folder, render_chunk
from fulfilment.batch.steps.reserve import reserve_stock
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
    with unit_of_work(url) as uow:
        now = local_now(settings.profile.timezone)
        return plan_batch(uow, business_date, profile=settings.profile, now=now).batch_id


@task(name="reserve")
def reserve(batch_id: int) -> dict[str, int]:
    """Allocate stock for every printed packet in one transaction."""
    settings, url = _center()
    with unit_of_work(url) as uow:
        result = reserve_stock(uow, batch_id, now=local_now(settings.profile.timezone))
    return {"reserved": result.reserved, "substituted": result.substituted,
            "backordered": result.backordered}  # fmt: skip


@task(name="render chunk")
def render_part(chunk: Chunk, work_dir: Path, context: PacketContext) -> ChunkFiles:
    """Render a few hundred packets into letter, envelope and label PDFs."""
    _, url = _center()
    with unit_of_work(url) as uow:
        return render_chunk(
            uow.session, batch_id=chunk.batch_id, business_date=chunk.business_date,
            index=chunk.index, positions=chunk.positions, work_dir=work_dir, context=context,
            label_start=chunk.label_start,
        )  # fmt: skip


@task(name="assemble")
def assemble(
    batch_id: int, out_dir: Path, chunks: list[ChunkFiles], context: PacketContext
) -> dict[str, str]:
    """Merge the chunks into one file per printer feed, plus pick list and manifest."""
    settings, url = _center()
    with unit_of_work(url) as uow:
        return assemble_batch(
            uow, batch_id, out_dir=out_dir, home=settings.home.resolve(), chunks=chunks,
            context=context,
        )  # fmt: skip


@task(name="commit")
def commit(batch_id: int) -> tuple[int, list[str]]:
    """Mark packets printed, pick stock, use supplies and schedule the follow-up calls."""
    settings, url = _center()
    with unit_of_work(url) as uow:
        now = local_now(settings.profile.timezone)
        result = commit_batch(uow, batch_id, profile=settings.profile, now=now)
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
    with unit_of_work(url) as uow:
        return record_emails_sent(
            uow, email_dir, profile=settings.profile, now=local_now(settings.profile.timezone)
        )


def _center() -> tuple[Settings, str]:
    """This machine's settings and the database they name, read where the step runs.

    Never flow parameters: Prefect stores those and shows them in its UI, and the database
    URL may carry a password.
    """
    settings = Settings()
    return settings, require_database(settings)


class _FlowSteps:
    """The batch's steps as this flow's Prefect tasks; look-ups read in the flow's process."""

    def __init__(self, out_dir: Path) -> None:
        self.settings, self.url = _center()
        self.out_dir = out_dir
        self._context: PacketContext | None = None

    def context(self) -> PacketContext:
        """What every packet of the day shares, read once and handed to each chunk."""
        if self._context is None:
            with unit_of_work(self.url) as uow:
                self._context = PacketContext(uow.session, self.settings.profile)
        return self._context

    def plan(self, business_date: date) -> int:
        return plan(business_date)

    def files_or_chunks(
        self, batch_id: int, label_start: int
    ) -> tuple[dict[str, str] | None, list[list[int]]]:
        with unit_of_work(self.url) as uow:
            return work_left(
                uow.session, batch_id, profile=self.settings.profile, label_start=label_start
            )

    def start_render_processes(self, count: int) -> None:
        if _dask_address() is None:
            # Starting a process and importing Prefect and the renderers takes seconds: done
            # while this process reserves, rendering starts on processes that are ready.
            for _ in range(min(RENDER_PROCESSES, count)):
                start_render_process.submit()

    def reserve(self, batch_id: int) -> dict[str, int]:
        return reserve(batch_id)

    def render(self, chunk: Chunk) -> ChunkFiles:
        return render_part(chunk, self._work_dir(chunk.batch_id), self.context())

    def render_elsewhere(self, chunk: Chunk) -> Rendering:
        return render_part.submit(chunk, self._work_dir(chunk.batch_id), self.context())

    def _work_dir(self, batch_id: int) -> Path:
        work_dir = chunk_folder(self.out_dir, batch_id)
        work_dir.mkdir(parents=True, exist_ok=True)
        return work_dir

    def assemble(self, batch_id: int, chunks: list[ChunkFiles]) -> dict[str, str]:
        return assemble(batch_id, self.out_dir, chunks, self.context())

    def commit(self, batch_id: int) -> tuple[int, list[str]]:
        return commit(batch_id)

    def sends_email(self) -> bool:
        return self.settings.smtp is not None

    def send(self, email_dir: Path) -> None:
        send(email_dir)

    def record_sent(self, email_dir: Path) -> None:
        record_sent(email_dir)

    def summary(self, batch_id: int) -> tuple[dict[str, Any], list[str]]:
        with unit_of_work(self.url) as uow:
            return batch_summary(uow.session, batch_id), plan_warnings(uow.session, batch_id)


@flow(name="daily-batch", validate_parameters=False)
def daily_batch(business_date: date, out_dir: str, label_start: int = 1) -> dict[str, Any]:
    """Plan, reserve, render in chunks, assemble and commit one business day."""
    started = time.perf_counter()
    summary = run_batch(
        _FlowSteps(Path(out_dir)), business_date, label_start=label_start, report=report
    )
    summary["seconds"] = round(time.perf_counter() - started, 2)
    _publish(summary)
    return summary


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
            f"{summary['packets']} packets ({summary['new_packets']} new) "
            f"for {summary['inquiries_answered']} inquiries, {summary['held']} held, {summary['backordered']} backordered items, "
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
