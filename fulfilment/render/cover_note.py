"""Cover notes for owed literature sent under separate cover: a short letter on the letterhead."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from fulfilment.render.doctemplate import Part, build_packets
from fulfilment.render.letter import letter_story
from fulfilment.render.packet import PacketData
from fulfilment.render.stationery import PageLayout, envelope
from fulfilment.render.texts import Texts, packet_values


@dataclass(frozen=True, kw_only=True)
class CoverNote:
    """One owed shipment's note: the packet as sent now, its enclosures the owed items only.

    `letter_date` is the date of the packet's letter, the one that promised them.
    """

    packet: PacketData
    letter_date: datetime.date


def _paper(packet: PacketData) -> str:
    # The note travels in the packet's own envelope, so it takes that envelope's paper.
    return envelope(packet.envelope).paper


def render_cover_notes(notes: Sequence[CoverNote]) -> bytes:
    """Every note, each starting on a new page, in order, in one PDF."""
    letter_dates = {note.packet.number: note.letter_date for note in notes}

    def note(packet: PacketData, layout: PageLayout) -> Part:
        values = packet_values(
            packet, owed=packet.enclosures, letter_date=letter_dates[packet.number]
        )
        return "letter", letter_story(packet, Texts("cover_note", packet.language, values), layout)

    return build_packets([note.packet for note in notes], (note,), _paper)
