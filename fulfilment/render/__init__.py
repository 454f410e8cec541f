"""Pure rendering: packet data in, PDF bytes out (letters, catalogue pages, envelopes, labels)."""

import fulfilment.render.pdfsettings  # noqa: F401  (sets ReportLab output before any PDF is made)
from fulfilment.render.cover_note import CoverNote, render_cover_notes
from fulfilment.render.documents import (
    render_cross_sell,
    render_cross_sells,
    render_letter,
    render_letters,
    render_packets,
)
from fulfilment.render.envelope import render_envelopes
from fulfilment.render.envelope_choice import choose_envelope
from fulfilment.render.labels import (
    LabelAddress,
    check_start_position,
    label_address,
    render_alignment_sheet,
    render_labels,
)
from fulfilment.render.locate import locate_templates
from fulfilment.render.packet import (
    AlreadySent,
    CompanyProfile,
    CoOccurrence,
    Enclosure,
    LabelSetup,
    PacketData,
    PickPacket,
    Product,
    ProductRelation,
    PublicationNote,
    Ranking,
    Recipient,
    Rep,
)
from fulfilment.render.pick_list import PickTotals, batch_totals, pick_totals, render_pick_list
from fulfilment.render.ranking import rank_suggestions
from fulfilment.render.report import render_report
from fulfilment.render.stamp import stamp_page_note

__all__ = [
    "AlreadySent",
    "CoOccurrence",
    "CompanyProfile",
    "CoverNote",
    "Enclosure",
    "LabelAddress",
    "LabelSetup",
    "PacketData",
    "PickPacket",
    "PickTotals",
    "Product",
    "ProductRelation",
    "PublicationNote",
    "Ranking",
    "Recipient",
    "Rep",
    "batch_totals",
    "check_start_position",
    "choose_envelope",
    "label_address",
    "locate_templates",
    "pick_totals",
    "rank_suggestions",
    "render_alignment_sheet",
    "render_cover_notes",
    "render_cross_sell",
    "render_cross_sells",
    "render_envelopes",
    "render_labels",
    "render_letter",
    "render_letters",
    "render_packets",
    "render_pick_list",
    "render_report",
    "stamp_page_note",
]
