"""The flowables of one letter: address in the window, date, body, closing and signature."""

from reportlab.platypus import Flowable, FrameBreak, KeepInFrame, KeepTogether, Paragraph, Spacer

from fulfilment.render.address import address_block
from fulfilment.render.fonts import markup
from fulfilment.render.packet import PacketData
from fulfilment.render.stationery import PageLayout
from fulfilment.render.styles import Styles, styles
from fulfilment.render.texts import Block, Texts, packet_values


def _boxed(flowable: Flowable, layout: PageLayout, box: str) -> KeepInFrame:
    area = layout.area(box)
    return KeepInFrame(area.width, area.height, [flowable], mode="shrink")


def _paragraph(block: Block, style: Styles) -> Paragraph:
    if block.bullet:
        return Paragraph(block.text, style.bullet, bulletText="\u2022")
    return Paragraph(block.text, style.body)


def letter_flowables(packet: PacketData, layout: PageLayout) -> list[Flowable]:
    """The letter's story for the first-page frames: address, info, then the flowing body."""
    style = styles(packet.language, layout.paper.code)
    texts = Texts("letter", packet.language, packet_values(packet))
    lines = "<br/>".join(markup(line) for line in address_block(packet.recipient) if line)
    closing = [
        Paragraph(texts["closing"], style.body),
        Spacer(0, style.body.leading * 2),
        Paragraph(texts["signature"], style.body),
    ]
    return [
        _boxed(Paragraph(lines, style.address), layout, "address"),
        FrameBreak(),
        _boxed(Paragraph(texts["info"], style.info), layout, "info"),
        FrameBreak(),
        Paragraph(texts["salutation"], style.body),
        *(_paragraph(block, style) for block in texts.blocks("body")),
        KeepTogether(closing),
    ]
