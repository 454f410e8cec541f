"""The personal top of the cross-sell page: what was asked about and what to add to it."""

from reportlab.platypus import Flowable

from fulfilment.render.catalogue import product_entry
from fulfilment.render.fitbox import FitBox
from fulfilment.render.packet import PacketData
from fulfilment.render.paragraphs import paragraph
from fulfilment.render.ranking import rank_suggestions
from fulfilment.render.stationery import PageLayout
from fulfilment.render.styles import styles
from fulfilment.render.texts import Texts, packet_values

SUGGESTIONS = 4


def cross_sell_flowables(packet: PacketData, layout: PageLayout) -> list[Flowable]:
    """The personal top of the page: the products asked about and the ranked suggestions."""
    style = styles(layout.paper.code)
    by_code = {product.code: product for product in packet.product_range}
    asked = [by_code.get(product.code, product) for product in packet.products]
    suggested = rank_suggestions(
        (product.code for product in packet.products),
        packet.product_range,
        packet.ranking,
        limit=SUGGESTIONS,
    )
    texts = Texts(
        "cross_sell", packet.language, packet_values(packet, asked=asked, suggested=suggested)
    )
    story: list[Flowable] = [paragraph(texts["title"], style.title)]
    for heading, products in (
        (texts["asked_heading"], asked),
        (texts["suggested_heading"], suggested),
    ):
        if products:
            story.append(paragraph(heading, style.heading))
            story.extend(
                paragraph(product_entry(product), style.bullet, "\u2022") for product in products
            )
    story.append(paragraph(texts["footer"], style.small))
    area = layout.area("catalogue_top")
    return [FitBox(story, area.width, area.height)]
