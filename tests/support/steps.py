"""The daily batch's steps called in order as plain functions, without Prefect."""

from datetime import date
from pathlib import Path
from typing import Any

from fulfilment.batch.commit import commit_batch
from fulfilment.batch.packet_data import PacketContext
from fulfilment.batch.plan import plan_batch
from fulfilment.batch.printer_files import assemble_batch
from fulfilment.batch.render_step import chunk_folder, chunk_positions, render_chunk
from fulfilment.batch.reserve import reserve_stock
from fulfilment.batch.views import batch_summary
from fulfilment.db import unit_of_work
from fulfilment.settings import CompanyProfile


def run_steps(
    url: str, day: date, out_dir: Path, *, home: Path, profile: CompanyProfile
) -> dict[str, Any]:
    """Plan, reserve, render each chunk, assemble and commit; the batch's summary and files."""
    batch_id = plan_batch(url, day, profile=profile).batch_id
    reserve_stock(url, batch_id)
    with unit_of_work(url) as uow:
        context = PacketContext(uow.session, profile)
    chunks = [
        render_chunk(url, batch_id=batch_id, business_date=day, index=index, positions=positions,
                     work_dir=chunk_folder(out_dir, batch_id), context=context)
        for index, positions in enumerate(chunk_positions(url, batch_id, profile=profile))
    ]  # fmt: skip
    files = assemble_batch(url, batch_id, out_dir=out_dir, home=home, chunks=chunks,
                           context=context)  # fmt: skip
    commit_batch(url, batch_id, profile=profile)
    return {**batch_summary(url, batch_id), "files": files}
