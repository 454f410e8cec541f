"""One PDF for many packets: page templates per paper, packet breaks, letterhead and range."""

from collections.abc import Callable, Sequence
from io import BytesIO

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Flowable, Frame, PageTemplate

from fulfilment.render.catalogue import draw_range
from fulfilment.render.fonts import font_for
from fulfilment.render.geometry import Rect
from fulfilment.render.letterhead import draw_letterhead
from fulfilment.render.packet import PacketData
from fulfilment.render.pdfsettings import PrintCanvas
from fulfilment.render.stationery import PageLayout, page_layout

# A part of a packet's print: the page template it starts on and its flowables.
Part = tuple[str, list[Flowable]]
PartMaker = Callable[[PacketData, PageLayout], Part]


def _frame(area: Rect, name: str) -> Frame:
    return Frame(area.x, area.y, area.width, area.height, 0, 0, 0, 0, id=name)


class PacketDocument(BaseDocTemplate):
    """Letters and catalogue pages of many packets; each packet starts on a new page."""

    def __init__(
        self, buffer: BytesIO, first: PacketData, first_template: str, papers: set[str]
    ) -> None:
        self.packet = first
        self.packet_first_page = 1
        templates = [template for paper in sorted(papers) for template in self._templates(paper)]
        templates.sort(key=lambda template: template.id != first_template)
        super().__init__(
            buffer, pageTemplates=templates, title="Letters", author=first.company.name
        )

    def _templates(self, paper: str) -> list[PageTemplate]:
        layout = page_layout(paper)
        size = (layout.paper.width, layout.paper.height)

        def first_page(canvas: Canvas, doc: "PacketDocument") -> None:
            draw_letterhead(canvas, doc.packet.company, layout, letter=True)

        def later_page(canvas: Canvas, doc: "PacketDocument") -> None:
            _draw_continuation(canvas, doc, layout)

        def catalogue_page(canvas: Canvas, doc: "PacketDocument") -> None:
            draw_letterhead(canvas, doc.packet.company, layout, letter=False)
            draw_range(canvas, doc.packet, layout)

        first_frames = [_frame(layout.area(name), name) for name in ("address", "info", "body")]
        return [
            PageTemplate(
                f"letter-{paper}",
                first_frames,
                onPage=first_page,
                pagesize=size,
                autoNextPageTemplate=f"later-{paper}",
            ),
            PageTemplate(
                f"later-{paper}",
                [_frame(layout.area("later_body"), "body")],
                onPage=later_page,
                pagesize=size,
            ),
            PageTemplate(
                f"catalogue-{paper}",
                [_frame(layout.area("catalogue_top"), "top")],
                onPage=catalogue_page,
                pagesize=size,
            ),
        ]

    def handle_packetBreak(self, packet: PacketData, template: str) -> None:
        """Start `packet` on a new page of `template`."""
        self.handle_nextPageTemplate(template)
        self.handle_pageBreak()
        self.packet = packet
        self.packet_first_page = self.page + 1

    def handle_partBreak(self, template: str) -> None:
        """Start the packet's next part on a new page of `template`."""
        self.handle_nextPageTemplate(template)
        self.handle_pageBreak()


def _draw_continuation(canvas: Canvas, doc: PacketDocument, layout: PageLayout) -> None:
    area = layout.area("later_header")
    size = layout.style("later_header").font_size
    packet = doc.packet
    page = doc.page - doc.packet_first_page + 1
    right = f"{packet.number} \u00b7 {packet.recipient.name} \u00b7 {page}"
    canvas.setFont(font_for(packet.company.name), size)
    canvas.drawString(area.x, area.y + size * 0.3, packet.company.name)
    canvas.setFont(font_for(right), size)
    canvas.drawRightString(area.right, area.y + size * 0.3, right)
    canvas.setLineWidth(0.4)
    canvas.line(area.x, area.y, area.right, area.y)


def build_packets(
    packets: Sequence[PacketData],
    makers: Sequence[PartMaker],
    paper_of: Callable[[PacketData], str],
) -> bytes:
    """Render every packet's parts, in order, into one PDF."""
    if not packets:
        raise ValueError("no packets to render")
    story: list[Flowable] = []
    first_template = ""
    for index, packet in enumerate(packets):
        layout = page_layout(paper_of(packet))
        for part_index, maker in enumerate(makers):
            template, flowables = maker(packet, layout)
            template_id = f"{template}-{layout.paper.code}"
            if index == 0 and part_index == 0:
                first_template = template_id
            elif part_index == 0:
                story.append(ActionFlowable(("packetBreak", packet, template_id)))
            else:
                story.append(ActionFlowable(("partBreak", template_id)))
            story.extend(flowables)
    buffer = BytesIO()
    papers = {paper_of(packet) for packet in packets}
    PacketDocument(buffer, packets[0], first_template, papers).build(story, canvasmaker=PrintCanvas)
    return buffer.getvalue()
