"""The flowables of one letter: address in the window, date, body, closing and signature."""

from reportlab.platypus import Flowable, FrameBreak, Spacer

from fulfilment.render.address import address_block
from fulfilment.render.fitbox import FitBox
from fulfilment.render.fonts import markup
from fulfilment.render.packet import PacketData
from fulfilment.render.paragraphs import paragraph
from fulfilment.render.stack import Stack
from fulfilment.render.stationery import PageLayout
from fulfilment.render.styles import Styles, styles
from fulfilment.render.texts import Block, Texts, packet_values


def _boxed(flowable: Flowable, layout: PageLayout, box: str) -> FitBox:
    area = layout.area(box)
    return FitBox([flowable], area.width, area.height)


def _paragraph(block: Block, style: Styles) -> Flowable:
    if block.bullet:
        return paragraph(block.text, style.bullet, "\u2022")
    return paragraph(block.text, style.body)


def letter_flowables(packet: PacketData, layout: PageLayout) -> list[Flowable]:
    """The letter's story for the first-page frames: address, info, then the flowing body."""
    return letter_story(packet, Texts("letter", packet.language, packet_values(packet)), layout)


def letter_story(packet: PacketData, texts: Texts, layout: PageLayout) -> list[Flowable]:
    """Any letter-shaped text's story: the pieces info, salutation, body, closing, signature."""
    style = styles(layout.paper.code)
    lines = "<br/>".join(markup(line) for line in address_block(packet.recipient) if line)
    closing = [
        paragraph(texts["closing"], style.body),
        Spacer(0, style.body.leading * 2),
        paragraph(texts["signature"], style.body),
    ]
    return [
        _boxed(paragraph(lines, style.address), layout, "address"),
        FrameBreak(),
        _boxed(paragraph(texts["info"], style.info), layout, "info"),
        FrameBreak(),
        paragraph(texts["salutation"], style.body),
        Stack([_paragraph(block, style) for block in texts.blocks("body")]),
        Stack(closing, together=True),
    ]
