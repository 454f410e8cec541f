"""The daily batch's steps in their one order, over whatever runs each step."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session

from fulfilment.batch.outputs import ChunkFiles
from fulfilment.batch.steps.assemble import assembled_files
from fulfilment.batch.steps.render import chunk_positions
from fulfilment.settings import CompanyProfile


@dataclass(frozen=True)
class Chunk:
    """One render chunk of a batch: its place in the run and its printed packets' positions."""

    batch_id: int
    business_date: date
    index: int
    positions: list[int]
    label_start: int


class Rendering(Protocol):
    """A chunk being rendered elsewhere: its files once it is done."""

    def result(self) -> ChunkFiles: ...


class BatchSteps(Protocol):
    """What runs each step: Prefect tasks in the flow, plain functions in the tests."""

    def plan(self, business_date: date) -> int:
        """Plan the day's batch (or find it planned); its id."""

    def files_or_chunks(
        self, batch_id: int, label_start: int
    ) -> tuple[dict[str, str] | None, list[list[int]]]:
        """The files an earlier run assembled, else the chunks still to render."""

    def start_render_processes(self, count: int) -> None:
        """Get processes ready to render `count` chunks while the batch reserves."""

    def reserve(self, batch_id: int) -> dict[str, int]:
        """Reserve stock for the printed packets; reserved, substituted, backordered counts."""

    def render(self, chunk: Chunk) -> ChunkFiles:
        """Render one chunk here and now."""

    def render_elsewhere(self, chunk: Chunk) -> Rendering:
        """Start rendering one chunk in another process."""

    def assemble(self, batch_id: int, chunks: list[ChunkFiles]) -> dict[str, str]:
        """Join the chunks into the printer files with the pick list and manifest."""

    def commit(self, batch_id: int) -> tuple[int, list[str]]:
        """Print, pick and schedule calls; packets newly committed and supply warnings."""

    def sends_email(self) -> bool:
        """Whether an SMTP server is set up to send the e-mailed packets."""

    def send(self, email_dir: Path) -> None:
        """Send the written messages, each once."""

    def record_sent(self, email_dir: Path) -> None:
        """Mark the packets whose messages went out as mailed."""

    def summary(self, batch_id: int) -> tuple[dict[str, Any], list[str]]:
        """The batch's counts and what its plan could not answer in full."""


def work_left(
    session: Session, batch_id: int, *, profile: CompanyProfile, label_start: int
) -> tuple[dict[str, str] | None, list[list[int]]]:
    """The files an earlier run assembled and nothing to render, else no files and the chunks."""
    files = assembled_files(session, batch_id)
    if files is not None:
        return files, []
    return None, chunk_positions(session, batch_id, profile=profile, label_start=label_start)


def run_batch(
    steps: BatchSteps,
    business_date: date,
    *,
    label_start: int = 1,
    report: Callable[[str], None] = lambda step: None,
) -> dict[str, Any]:
    """Plan, reserve, render in chunks, assemble, commit and send one business day.

    Each step checks the batch's status, so a re-run after a crash finishes the job and a
    re-run after success changes nothing; a batch already assembled is not rendered again.
    """
    report("plan")
    batch_id = steps.plan(business_date)
    files, positions = steps.files_or_chunks(batch_id, label_start)
    chunks = [
        Chunk(batch_id, business_date, index, chunk, label_start)
        for index, chunk in enumerate(positions)
    ]
    # A day of one chunk renders where the steps run: starting a process costs more than it.
    elsewhere = len(chunks) > 1
    if elsewhere:
        steps.start_render_processes(len(chunks))
    report("reserve")
    reserved = steps.reserve(batch_id)
    if files is None:
        rendering = [steps.render_elsewhere(chunk) for chunk in chunks] if elsewhere else []
        rendered = []
        for done, chunk in enumerate(chunks, start=1):
            report(f"render chunk {done} of {len(chunks)}")
            rendered.append(rendering[done - 1].result() if rendering else steps.render(chunk))
        report("assemble")
        files = steps.assemble(batch_id, rendered)
    report("commit")
    new_packets, supply_warnings = steps.commit(batch_id)
    if steps.sends_email() and "email" in files:
        report("send e-mails")
        email_dir = Path(files["email"])
        try:
            steps.send(email_dir)
        finally:
            # Messages sent before a refusal or a lost connection count as mailed too.
            steps.record_sent(email_dir)
    counts, plan_warnings = steps.summary(batch_id)
    return {
        **counts,
        **reserved,
        "new_packets": new_packets,
        "files": files,
        "warnings": [*plan_warnings, *supply_warnings],
    }
