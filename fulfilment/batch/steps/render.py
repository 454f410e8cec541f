"""Step 3, render: a chunk of printed packets into letter, envelope and label parts to join."""

import math
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from fulfilment import render
from fulfilment.batch.atomic import atomic_write
from fulfilment.batch.outputs import ChunkFiles
from fulfilment.batch.packet_data import PacketContext, load_packets
from fulfilment.batch.pdf_join import prepare_part
from fulfilment.models import Packet
from fulfilment.render.stationery import label_sheet
from fulfilment.settings import CompanyProfile

CHUNK_PACKETS = 300


def chunk_positions(
    session: Session, batch_id: int, *, profile: CompanyProfile, label_start: int = 1
) -> list[list[int]]:
    """Printed packets' positions in chunks of whole label sheets, at most about 300 each.

    The chunks are cut as even as whole sheets allow: the render workers finish together
    instead of one waiting on a last long chunk. The first sheet has its labels from
    `label_start` on, so the first chunk is shorter by the labels already used.
    """
    per_sheet = label_sheet(profile.label_sheet).per_sheet
    positions = list(
        session.scalars(
            select(Packet.position)
            .where(Packet.batch_id == batch_id, Packet.channel == "print")
            .order_by(Packet.position)
        )
    )
    if not positions:
        return []
    used = label_start - 1
    sheets = math.ceil((used + len(positions)) / per_sheet)
    chunks = math.ceil(sheets / max(1, CHUNK_PACKETS // per_sheet))
    size = per_sheet * math.ceil(sheets / chunks)
    return [
        positions[max(0, start - used) : start + size - used]
        for start in range(0, used + len(positions), size)
    ]


def chunk_files(
    work_dir: Path, index: int, positions: Sequence[int], *, label_start: int = 1
) -> ChunkFiles:
    """Where chunk `index` of a batch keeps its prepared parts until they are joined.

    The name carries the packet positions and the first label, so a chunk left by a run that
    cut the batch differently (another label sheet or start) is never taken for this one.
    """
    stem = f"{index:05d}-{positions[0]:06d}-{positions[-1]:06d}-{label_start:03d}"
    return ChunkFiles(
        index=index,
        letters=work_dir / f"{stem}-letters.part",
        envelopes=work_dir / f"{stem}-envelopes.part",
        labels=work_dir / f"{stem}-labels.part",
    )


def chunk_folder(out_dir: Path, batch_id: int) -> Path:
    """Where a batch's chunks wait to be merged: one folder per batch under its output folder."""
    return out_dir / ".chunks" / str(batch_id)


def render_chunk(
    session: Session,
    *,
    batch_id: int,
    business_date: date,
    index: int,
    positions: Sequence[int],
    work_dir: Path,
    context: PacketContext,
    label_start: int = 1,
) -> ChunkFiles:
    """Render one chunk; a chunk already on disk from an earlier run is kept as it is.

    `label_start` is the first unused label on the sheet the batch's labels start on.
    """
    start = label_start if index == 0 else 1
    files = chunk_files(work_dir, index, positions, label_start=start)
    if all(path.exists() for path in (files.letters, files.envelopes, files.labels)):
        return files
    packets = [
        context.packet(packet, business_date=business_date)
        for packet in load_packets(session, batch_id, positions)
    ]
    rendered = (
        (files.letters, render.render_packets(packets)),
        (files.envelopes, render.render_envelopes(packets)),
        (files.labels, packet_labels(packets, start_position=start)),
    )
    # Prepared here, in the worker, so joining them after the last chunk is only copying.
    for path, pdf in rendered:
        atomic_write(path, prepare_part(pdf, name=path.name))
    return files


def packet_labels(packets: Sequence[render.PacketData], *, start_position: int = 1) -> bytes:
    """The packets' address labels on the sheet and with the offsets of the label printer."""
    setup = packets[0].labels
    return render.render_labels(
        [render.label_address(packet) for packet in packets],
        setup.sheet,
        start_position=start_position,
        offset_x_mm=setup.offset_x_mm,
        offset_y_mm=setup.offset_y_mm,
    )


def write_packet_files(
    packet: render.PacketData, out_dir: Path, stem: str, *, label_start: int = 1
) -> dict[str, str]:
    """One packet's letter (with its cross-sell page), envelope and label as three PDFs.

    `label_start` is the first unused label on a partly used sheet.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        "letter": out_dir / f"{stem}-letter.pdf",
        "envelope": out_dir / f"{stem}-envelope.pdf",
        "label": out_dir / f"{stem}-label.pdf",
    }
    atomic_write(files["letter"], render.render_packets([packet]))
    atomic_write(files["envelope"], render.render_envelopes([packet]))
    atomic_write(files["label"], packet_labels([packet], start_position=label_start))
    return {name: str(path) for name, path in files.items()}
