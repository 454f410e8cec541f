"""The daily batch's steps in their one order (`run_batch`) as plain functions, without Prefect."""

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fulfilment.batch.outputs import ChunkFiles
from fulfilment.batch.packet_data import PacketContext
from fulfilment.batch.steps.assemble import assemble_batch
from fulfilment.batch.steps.commit import commit_batch
from fulfilment.batch.steps.order import Chunk, Rendering, run_batch, work_left
from fulfilment.batch.steps.plan import plan_batch
from fulfilment.batch.steps.render import chunk_folder, render_chunk
from fulfilment.batch.steps.reserve import reserve_stock
from fulfilment.batch.views import batch_summary, plan_warnings
from fulfilment.clock import local_now
from fulfilment.db import unit_of_work
from fulfilment.settings import CompanyProfile


class _Rendered:
    """A chunk rendered at once, standing in for one rendered in another process."""

    def __init__(self, files: ChunkFiles) -> None:
        self.files = files

    def result(self) -> ChunkFiles:
        return self.files


class DirectSteps:
    """Each step a plain call on one database, in this process; no e-mail is sent."""

    def __init__(self, url: str, out_dir: Path, *, home: Path, profile: CompanyProfile) -> None:
        self.url, self.out_dir, self.home, self.profile = url, out_dir, home, profile

    def _now(self) -> datetime:
        return local_now(self.profile.timezone)

    def _context(self) -> PacketContext:
        with unit_of_work(self.url) as uow:
            return PacketContext(uow.session, self.profile)

    def plan(self, business_date: date) -> int:
        with unit_of_work(self.url) as uow:
            return plan_batch(uow, business_date, profile=self.profile, now=self._now()).batch_id

    def files_or_chunks(
        self, batch_id: int, label_start: int
    ) -> tuple[dict[str, str] | None, list[list[int]]]:
        with unit_of_work(self.url) as uow:
            return work_left(uow.session, batch_id, profile=self.profile, label_start=label_start)

    def start_render_processes(self, count: int) -> None:
        return None

    def reserve(self, batch_id: int) -> dict[str, int]:
        with unit_of_work(self.url) as uow:
            result = reserve_stock(uow, batch_id, now=self._now())
        return {"reserved": result.reserved, "substituted": result.substituted,
                "backordered": result.backordered}  # fmt: skip

    def render(self, chunk: Chunk) -> ChunkFiles:
        with unit_of_work(self.url) as uow:
            return render_chunk(
                uow.session, batch_id=chunk.batch_id, business_date=chunk.business_date,
                index=chunk.index, positions=chunk.positions,
                work_dir=chunk_folder(self.out_dir, chunk.batch_id), context=self._context(),
                label_start=chunk.label_start,
            )  # fmt: skip

    def render_elsewhere(self, chunk: Chunk) -> Rendering:
        return _Rendered(self.render(chunk))

    def assemble(self, batch_id: int, chunks: list[ChunkFiles]) -> dict[str, str]:
        with unit_of_work(self.url) as uow:
            return assemble_batch(uow, batch_id, out_dir=self.out_dir, home=self.home,
                                  chunks=chunks, context=self._context())  # fmt: skip

    def commit(self, batch_id: int) -> tuple[int, list[str]]:
        with unit_of_work(self.url) as uow:
            result = commit_batch(uow, batch_id, profile=self.profile, now=self._now())
        return result.packets, result.warnings

    def sends_email(self) -> bool:
        return False

    def send(self, email_dir: Path) -> None:
        raise AssertionError("the direct steps send no e-mail")

    def record_sent(self, email_dir: Path) -> None:
        raise AssertionError("the direct steps send no e-mail")

    def summary(self, batch_id: int) -> tuple[dict[str, Any], list[str]]:
        with unit_of_work(self.url) as uow:
            return batch_summary(uow.session, batch_id), plan_warnings(uow.session, batch_id)


def run_steps(
    url: str, day: date, out_dir: Path, *, home: Path, profile: CompanyProfile
) -> dict[str, Any]:
    """Plan, reserve, render each chunk, assemble and commit; the batch's summary and files."""
    return run_batch(DirectSteps(url, out_dir, home=home, profile=profile), day)
