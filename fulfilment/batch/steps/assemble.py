"""Step 4, assemble: one file per printer feed, the pick list, manifest and e-mail packets."""

import shutil
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import chain
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from fulfilment import render
from fulfilment.batch.atomic import atomic_write
from fulfilment.batch.email.brochures import Brochures
from fulfilment.batch.email.packets import write_email_packets
from fulfilment.batch.lookup import require_batch
from fulfilment.batch.manifest import write_manifest
from fulfilment.batch.outputs import Attachment, ChunkFiles, EmailPacket
from fulfilment.batch.packet_data import (
    STREAM_ROWS,
    PacketContext,
    load_cover_notes,
    load_packets,
    load_pick_totals,
    load_separate_cover,
    stream_picks,
)
from fulfilment.batch.pdf_join import join_pdfs, merge_parts
from fulfilment.batch.steps.render import packet_labels
from fulfilment.db import UnitOfWork
from fulfilment.errors import LitcenterError
from fulfilment.models import Batch, Contact, Inquiry, Packet
from fulfilment.render.manifest import ManifestSummary, Totals
from fulfilment.render.packet import ManifestLine
from fulfilment.render.stationery import letter_countries
from fulfilment.states import BatchStatus, ItemStatus
from inventory.allocation import reserve_draws
from inventory.models import LiteratureItem
from inventory.uploads import stored_path

PRINTER_FEEDS = ("letters", "envelopes", "labels")
# E-mailed packets rendered and written at a time: each holds its letter PDF until written.
_EMAIL_SLICE = 200
OUTPUTS = {
    **{feed: f"{feed}.pdf" for feed in PRINTER_FEEDS},
    "separate_cover_labels": "separate-cover-labels.pdf",
    "separate_cover_letters": "separate-cover-letters.pdf",
    "picklist": "picklist.pdf",
    "manifest": "manifest.csv",
    "manifest_pdf": "manifest.pdf",
    "email": "email",
}


def output_files(out_dir: Path) -> dict[str, str]:
    """The files a batch wrote, by what they are for; a day without e-mail has no email folder."""
    paths = {name: out_dir / file for name, file in OUTPUTS.items()}
    return {name: str(path) for name, path in paths.items() if path.exists()}


def assembled_files(session: Session, batch_id: int) -> dict[str, str] | None:
    """The batch's files if an earlier run assembled them, else None: they are still to make."""
    return _files_made(require_batch(session, batch_id, for_update=True))


def _files_made(batch: Batch) -> dict[str, str] | None:
    if batch.status in (BatchStatus.ASSEMBLED, BatchStatus.COMMITTED):
        return output_files(Path(batch.out_dir))
    return None


def assemble_batch(
    uow: UnitOfWork,
    batch_id: int,
    *,
    out_dir: Path,
    home: Path,
    chunks: Sequence[ChunkFiles],
    context: PacketContext,
) -> dict[str, str]:
    """Write the batch's files under out_dir (each atomically) and mark the batch assembled."""
    session = uow.session
    batch = require_batch(session, batch_id, for_update=True)
    made = _files_made(batch)
    if made is not None:
        return made
    if batch.status != BatchStatus.RESERVED:
        raise LitcenterError(f"batch {batch_id} is {batch.status}, not reserved; run it again")
    business_date = batch.business_date
    # Ends the look's transaction: the batch row is not held while the parts are joined.
    uow.commit()
    out_dir.mkdir(parents=True, exist_ok=True)
    ordered = sorted(chunks, key=lambda chunk: chunk.index)
    for feed in PRINTER_FEEDS:
        parts = [getattr(chunk, feed) for chunk in ordered]
        if parts:
            merge_parts(parts, out_dir / OUTPUTS[feed])
    owed = load_separate_cover(session, batch_id, context, business_date=business_date)
    paper = "letter" if context.profile.default_country in letter_countries() else "a4"
    if owed:
        atomic_write(out_dir / OUTPUTS["separate_cover_labels"], packet_labels(owed))
        atomic_write(
            out_dir / OUTPUTS["separate_cover_letters"],
            render.render_cover_notes(load_cover_notes(session, batch_id, owed)),
        )
    owed_picks = [packet.pick for packet in owed]
    totals = load_pick_totals(session, batch_id, also=owed_picks)
    if totals.packets:
        printed = select(Packet.number).where(
            Packet.batch_id == batch_id, Packet.channel == "print"
        )
        join_pdfs(
            render.render_pick_list(
                chain(stream_picks(session, batch_id), owed_picks),
                totals=totals,
                batch=str(business_date),
                paper_code=paper,
                from_reserve=reserve_draws(
                    session, [*session.scalars(printed), *(p.number for p in owed)]
                ),
            ),
            out_dir / OUTPUTS["picklist"],
            title=f"Pick list {business_date}",
        )
    write_manifest(
        _StoredManifest(session, batch_id),
        out_dir,
        batch_date=business_date,
        company_name=context.profile.name,
        paper_code=paper,
    )
    _write_emailed(session, batch_id, out_dir, context=context, business_date=business_date,
                   home=home)  # fmt: skip
    batch = require_batch(session, batch_id, for_update=True)
    made = _files_made(batch)
    if made is not None:
        # Another run got here first: its files stand and its status is not taken back.
        return made
    batch.status, batch.out_dir = BatchStatus.ASSEMBLED, str(out_dir)
    uow.commit()
    shutil.rmtree(out_dir / ".chunks", ignore_errors=True)
    return output_files(out_dir)


class _StoredManifest:
    """A batch's printed packets as the manifest reads them: totals counted in SQL, lines
    streamed."""

    def __init__(self, session: Session, batch_id: int) -> None:
        self.session = session
        self.printed = (Packet.batch_id == batch_id, Packet.channel == "print")

    def summary(self) -> ManifestSummary:
        def totals(column: InstrumentedAttribute[str]) -> dict[str, Totals]:
            rows = self.session.execute(
                select(column, func.count(), func.coalesce(func.sum(Packet.weight_g), 0))
                .join(Inquiry, Packet.inquiry_id == Inquiry.id)
                .join(Contact, Inquiry.contact_id == Contact.id)
                .where(*self.printed)
                .group_by(column)
            )
            return {value: Totals(count, int(weight)) for value, count, weight in sorted(rows)}

        classes = totals(Packet.postage_class)
        grand = Totals(
            sum(t.packets for t in classes.values()), sum(t.weight_g for t in classes.values())
        )
        return ManifestSummary(grand=grand, classes=classes, countries=totals(Contact.country))

    def in_packet_order(self) -> Iterator[ManifestLine]:
        return self._lines()

    def of_class(self, postage_class: str) -> Iterator[ManifestLine]:
        return self._lines(Packet.postage_class == postage_class)

    def _lines(self, *where: ColumnElement[bool]) -> Iterator[ManifestLine]:
        rows = self.session.execute(
            select(Packet.number, Contact.name, Contact.company, Contact.country,
                   Packet.postage_class, Packet.envelope, Packet.weight_g)
            .join(Inquiry, Packet.inquiry_id == Inquiry.id)
            .join(Contact, Inquiry.contact_id == Contact.id)
            .where(*self.printed, *where)
            .order_by(Packet.position)
            .execution_options(yield_per=STREAM_ROWS)
        )  # fmt: skip
        for number, name, company, country, postage_class, envelope, weight_g in rows:
            yield ManifestLine(
                number=number, name=name, company=company, country=country,
                postage_class=postage_class, envelope=envelope, weight_g=weight_g,
            )  # fmt: skip


def _write_emailed(
    session: Session,
    batch_id: int,
    out_dir: Path,
    *,
    context: PacketContext,
    business_date: date,
    home: Path,
) -> None:
    """The e-mailed packets written a slice at a time, every brochure read once for them all."""
    brochures = Brochures()
    positions = list(
        session.scalars(
            select(Packet.position)
            .where(Packet.batch_id == batch_id, Packet.channel == "email")
            .order_by(Packet.position)
        )
    )
    for start in range(0, len(positions), _EMAIL_SLICE):
        emailed = _email_packets(
            session,
            load_packets(session, batch_id, positions[start : start + _EMAIL_SLICE]),
            context=context,
            business_date=business_date,
            home=home,
        )
        write_email_packets(
            emailed,
            out_dir,
            sender_name=context.profile.name,
            sender_email=context.profile.email,
            brochures=brochures,
        )
    brochures.log_use()


def _email_packets(
    session: Session,
    packets: Sequence[Packet],
    *,
    context: PacketContext,
    business_date: date,
    home: Path,
) -> list[EmailPacket]:
    if not packets:
        return []
    codes = {item.code for p in packets for item in p.items}
    pdfs = {
        item.code: home / stored_path(item.pdf_sha256)
        for item in session.scalars(select(LiteratureItem).where(LiteratureItem.code.in_(codes)))
        if item.pdf_sha256
    }
    result = []
    for packet in packets:
        data = context.packet(packet, business_date=business_date)
        contact = packet.inquiry.contact
        note = (
            f"The information you asked about is on page {packet.publication_page}"
            if packet.publication_page
            else None
        )
        result.append(
            EmailPacket(
                number=packet.number,
                to_name=contact.name or contact.company,
                to_email=contact.email,
                subject=f"The information you requested ({packet.number})",
                body=_email_body(data),
                letter_pdf=render.render_packets([data]),
                attachments=tuple(
                    Attachment(
                        code=item.code,
                        pdf=pdfs[item.code],
                        page_note=note if item.kind == "bulletin" else None,
                    )
                    for item in packet.items
                    if item.code in pdfs and item.status != ItemStatus.SKIPPED
                ),
            )
        )
    return result


def _email_body(packet: render.PacketData) -> str:
    greeting = f"Dear {packet.recipient.name}," if packet.recipient.name else "Dear Sir or Madam,"
    listed = "\n".join(f"  - {item.title}" for item in packet.enclosed)
    call = (
        f"{packet.rep.name} will call you around {packet.call_date:%d %B %Y}."
        if packet.call_date
        else f"{packet.rep.name} is glad to answer your questions."
    )
    return (
        f"{greeting}\n\nthank you for your inquiry. Attached, in one PDF, is our letter with:\n"
        f"{listed}\n\n{call}\n\n"
        f"{packet.company.name}\n{packet.company.phone}\n"
    )
