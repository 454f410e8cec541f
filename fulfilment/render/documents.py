"""Letters and cross-sell pages as PDF bytes, one packet or a whole chunk per document."""

from collections.abc import Sequence

from fulfilment.render.cross_sell import cross_sell_flowables
from fulfilment.render.doctemplate import Part, build_packets
from fulfilment.render.letter import letter_flowables
from fulfilment.render.packet import PacketData
from fulfilment.render.stationery import PageLayout, envelope


def _paper(packet: PacketData) -> str:
    return envelope(packet.envelope).paper


def _letter(packet: PacketData, layout: PageLayout) -> Part:
    return "letter", letter_flowables(packet, layout)


def _cross_sell(packet: PacketData, layout: PageLayout) -> Part:
    return "catalogue", cross_sell_flowables(packet, layout)


def render_letters(packets: Sequence[PacketData]) -> bytes:
    """Every packet's letter, each starting on a new page, in one PDF."""
    return build_packets(packets, (_letter,), _paper)


def render_letter(packet: PacketData) -> bytes:
    """One packet's letter."""
    return render_letters([packet])


def render_cross_sells(packets: Sequence[PacketData]) -> bytes:
    """Every packet's cross-sell catalogue page, in one PDF."""
    return build_packets(packets, (_cross_sell,), _paper)


def render_cross_sell(packet: PacketData) -> bytes:
    """One packet's cross-sell catalogue page."""
    return render_cross_sells([packet])


def render_packets(packets: Sequence[PacketData]) -> bytes:
    """Each packet's letter followed by its cross-sell page, in stuffing order, in one PDF."""
    return build_packets(packets, (_letter, _cross_sell), _paper)
