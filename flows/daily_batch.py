"""Prefect flow: the day's new inquiries to print-ready packets, safe to re-run or kill."""

import os
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner

from fulfilment.batch.commit import commit_batch
from fulfilment.batch.outputs import ChunkFiles
from fulfilment.batch.packet_data import PacketContext
from fulfilment.batch.plan import plan_batch
from fulfilment.batch.printer_files import assemble_batch, assembled_files
from fulfilment.batch.render_step import chunk_folder, chunk_positions, render_chunk
from fulfilment.batch.reserve import reserve_stock
from fulfilment.batch.run_lock import exclusive_batch_run
from fulfilment.batch.smtp import record_emails_sent, send_emails
from fulfilment.batch.views import batch_summary
from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.home import require_database
from fulfilment.settings import CompanyProfile, Settings, SmtpSettings

DASK_ADDRESS = "LITCENTER_DASK_ADDRESS"
# One render process per core: rendering is CPU-bound.
RENDER_PROCESSES = os.cpu_count() or 1


@task(name="start render process")
def start_render_process() -> int:
    """Nothing but being there: a process started now is ready when the first chunk is."""
    return os.getpid()


@task(name="plan")
def plan(url: str, business_date: date, profile: CompanyProfile) -> int:
    """Choose the inquiries and each packet's contents."""
    return plan_batch(url, business_date, profile=profile).batch_id


@task(name="reserve")
def reserve(url: str, batch_id: int) -> dict[str, int]:
    """Allocate stock for every printed packet in one transaction."""
    result = reserve_stock(url, batch_id)
    return {"reserved": result.reserved, "substituted": result.substituted,
            "backordered": result.backordered}  # fmt: skip


@task(name="render chunk")
def render_part(
    url: str,
    batch_id: int,
    business_date: date,
    index: int,
    positions: list[int],
    work_dir: Path,
    context: PacketContext,
) -> ChunkFiles:
    """Render a few hundred packets into letter, envelope and label PDFs."""
    return render_chunk(
        url, batch_id=batch_id, business_date=business_date, index=index,
        positions=positions, work_dir=work_dir, context=context,
    )  # fmt: skip


@task(name="assemble")
def assemble(
    url: str,
    batch_id: int,
    out_dir: Path,
    home: Path,
    chunks: list[ChunkFiles],
    context: PacketContext,
) -> dict[str, str]:
    """Merge the chunks into one file per printer feed, plus pick list and manifest."""
    return assemble_batch(url, batch_id, out_dir=out_dir, home=home, chunks=chunks, context=context)


@task(name="commit")
def commit(url: str, batch_id: int, profile: CompanyProfile) -> tuple[int, list[str]]:
    """Mark packets printed, pick stock, use supplies and schedule the follow-up calls."""
    result = commit_batch(url, batch_id, profile=profile)
    return result.packets, result.warnings


StepHook = Callable[[str], None]


@task(name="send e-mails", retries=2, retry_delay_seconds=30)
def send(email_dir: Path, smtp: SmtpSettings) -> int:
    """Send the batch's e-mailed packets; each goes out once however often this runs."""
    password = smtp.password.get_secret_value() if smtp.password else None
    return send_emails(
        sorted(email_dir.glob("*.eml")), host=smtp.host, port=smtp.port,
        username=smtp.username, password=password, starttls=smtp.starttls,
    )  # fmt: skip


@task(name="record e-mails sent")
def record_sent(url: str, email_dir: Path, profile: CompanyProfile) -> int:
    """Mark the packets whose e-mail went out as mailed: their turnaround ends there."""
    return record_emails_sent(url, email_dir, profile=profile)


@flow(name="daily-batch", validate_parameters=False)
def daily_batch(
    business_date: date,
    out_dir: Path,
    url: str,
    home: Path,
    profile: CompanyProfile,
    on_step: StepHook | None = None,
    smtp: SmtpSettings | None = None,
) -> dict[str, Any]:
    """Plan, reserve, render in parallel chunks, assemble and commit one business day."""
    started = time.perf_counter()
    report = on_step or (lambda step: None)
    if _dask_address() is None:
        # Starting a process and importing Prefect and the renderers takes seconds: done while
        # this process plans and reserves, rendering starts on processes that are ready.
        for _ in range(RENDER_PROCESSES):
            start_render_process.submit()
    report("plan")
    batch_id = plan(url, business_date, profile)
    report("reserve")
    reserved = reserve(url, batch_id)
    files = assembled_files(url, batch_id)
    if files is None:
        files = _render_and_assemble(
            url, batch_id, business_date, out_dir=out_dir, home=home, profile=profile,
            report=report,
        )  # fmt: skip
    report("commit")
    new_packets, warnings = commit(url, batch_id, profile)
    if smtp is not None and "email" in files:
        report("send e-mails")
        email_dir = Path(files["email"])
        try:
            send(email_dir, smtp)
        finally:
            # Messages sent before a refusal or a lost connection count as mailed too.
            record_sent(url, email_dir, profile)
    summary = {
        **batch_summary(url, batch_id),
        **reserved,
        "new_packets": new_packets,
        "files": files,
        "warnings": warnings,
        "seconds": round(time.perf_counter() - started, 2),
    }
    _publish(summary)
    return summary


def _render_and_assemble(
    url: str,
    batch_id: int,
    business_date: date,
    *,
    out_dir: Path,
    home: Path,
    profile: CompanyProfile,
    report: StepHook,
) -> dict[str, str]:
    """Render the reserved batch in parallel chunks, then merge them into the printer files."""
    with unit_of_work(url) as uow:
        context = PacketContext(uow.session, profile)
    work_dir = chunk_folder(out_dir, batch_id)
    work_dir.mkdir(parents=True, exist_ok=True)
    futures = [
        render_part.submit(url, batch_id, business_date, index, positions, work_dir, context)
        for index, positions in enumerate(chunk_positions(url, batch_id, profile=profile))
    ]
    chunks = []
    for done, future in enumerate(futures, start=1):
        report(f"render chunk {done} of {len(futures)}")
        chunks.append(future.result())
    report("assemble")
    return assemble(url, batch_id, out_dir, home, chunks, context)


def task_runner() -> TaskRunner[Any]:
    """Processes on this machine, or the Dask cluster named by LITCENTER_DASK_ADDRESS."""
    address = _dask_address()
    if address:
        from prefect_dask.task_runners import DaskTaskRunner  # the 'dask' extra, for a cluster

        return DaskTaskRunner(address=address)
    return ProcessPoolTaskRunner(max_workers=RENDER_PROCESSES)


def _dask_address() -> str | None:
    return os.environ.get(DASK_ADDRESS) or None


def run_daily_batch(
    business_date: date,
    out_dir: Path,
    *,
    url: str,
    home: Path,
    profile: CompanyProfile,
    on_step: StepHook | None = None,
    smtp: SmtpSettings | None = None,
) -> dict[str, Any]:
    """Run the flow with the task runner this machine is set up for, one run per day at a time."""
    configured = daily_batch.with_options(task_runner=task_runner())
    # Taken before the flow starts, so a busy day is one line for the user, not a failed run.
    with exclusive_batch_run(url, business_date):
        return configured(business_date, out_dir, url, home, profile, on_step, smtp)


@flow(name="scheduled-daily-batch")
def scheduled_batch() -> dict[str, Any]:
    """Today's batch with the settings of this machine, as `litcenter schedule` serves it."""
    settings = Settings()
    url = require_database(settings)
    today = local_now(settings.profile.timezone).date()
    home = settings.home.resolve()
    return run_daily_batch(
        today, home / "batches" / today.isoformat(), url=url, home=home,
        profile=settings.profile, smtp=settings.smtp,
    )  # fmt: skip


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
