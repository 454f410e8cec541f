"""The call sheet: a rep's calls of the day, one block each, with a box to write the outcome."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

from reportlab.lib.colors import Color, black
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from fulfilment.calls.sheet_data import CallContext, InquiryInfo, PacketInfo, RepInfo
from fulfilment.render.fonts import LATIN, LATIN_BOLD, font_runs, markup, one_line
from fulfilment.render.paragraphs import paragraph
from fulfilment.render.pdfsettings import PrintCanvas
from fulfilment.render.stationery import paper

OUTCOMES = (
    "reached",
    "no answer",
    "left message",
    "not interested",
    "meeting set",
    "quote requested",
    "won",
    "lost",
)
_MARGIN = 36.0
_HEADER = 40.0
_GAP = 10.0
_PAD = 6.0
_SIZE = 9.0
_LEADING = 11.5
_PHONE_SIZE = 15.0
_TICK = 8.0
_RATING_BOX = 11.0
_NOTES_LINES = 2
_OUTCOME_HEIGHT = 4 * 16.0 + _NOTES_LINES * 16.0
_GREY = Color(0.45, 0.45, 0.45)
_BAND = Color(0.93, 0.93, 0.93)
# Long free text is cut so that every block fits on one page.
_COMMENTS_CHARS = 400
_NOTES_CHARS = 160
_HISTORY_SHOWN = 6

_BODY = ParagraphStyle("call-body", fontName=LATIN, fontSize=_SIZE, leading=_LEADING)
_NAME = ParagraphStyle("call-name", fontName=LATIN_BOLD, fontSize=13.0, leading=16.0)


def _day(value: date) -> str:
    return f"{value:%a} {value.isoformat()}"


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "not yet"


def _cut(text: str, limit: int) -> str:
    text = " ".join(one_line(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _due_line(call: CallContext, day: date, rep: RepInfo | None) -> str:
    late = call.days_overdue(day)
    when = f"{_plural(late, 'day')} overdue" if late else "today"
    if call.due_on > day:
        when = "not yet due"
    parts = [f"<b>Due {_day(call.due_on)}, {when}</b>", f"call {call.id}"]
    if call.reason:
        parts.append(str(markup(call.reason)))
    if call.attempt > 1 and not call.reason.startswith("try"):
        parts.append(f"try {call.attempt}")
    if rep is None and call.rep is not None:
        parts.append(f"for {markup(call.rep.name)} ({markup(call.rep.code)})")
    return " \u00b7 ".join(parts)


def _asked(inquiry: InquiryInfo) -> str:
    products = "; ".join(f"{p.code} {p.name}" for p in inquiry.products) or "no product named"
    label = f"inquiry {inquiry.id}" + (f" ({inquiry.external_id})" if inquiry.external_id else "")
    text = (
        f"<b>Asked</b> {markup(label)}, received {inquiry.received_on.isoformat()}: "
        f"{markup(products)} \u00b7 timeframe {markup(inquiry.timeframe)} "
        f"\u00b7 urgency {markup(inquiry.urgency)}"
    )
    if inquiry.comments.strip():
        text += f"<br/>\u201c{markup(_cut(inquiry.comments, _COMMENTS_CHARS))}\u201d"
    return text


def _mailed(packet: PacketInfo | None) -> str:
    if packet is None:
        return "<b>Mailed</b> nothing yet"
    if packet.mailed_at:
        when = f"mailed {_when(packet.mailed_at)}"
    else:
        when = f"printed {_when(packet.printed_at)}, not yet scanned as mailed"
    went = "; ".join(f"{item.code} {item.title}" for item in packet.items) or "no literature"
    text = f"<b>Mailed</b> packet {markup(packet.number)} ({markup(packet.status)}), {when}: "
    text += str(markup(went))
    if packet.backordered:
        owed = "; ".join(f"{item.code} {item.title}" for item in packet.backordered)
        text += f"<br/>Backordered, to follow: {markup(owed)}"
    if packet.skipped:
        had = "; ".join(
            f"{item.code}" + (f" (sent {item.sent_on.isoformat()})" if item.sent_on else "")
            for item in packet.skipped
        )
        text += f"<br/>Not sent again, they have it: {markup(had)}"
    return text


def _history(call: CallContext) -> str:
    if not call.history:
        return "<b>Earlier calls</b> none"
    shown = call.history[-_HISTORY_SHOWN:]
    lines = []
    for made in shown:
        parts = [_when(made.called_at), made.outcome or "no outcome"]
        if made.rating is not None:
            parts.append(f"rating {made.rating}")
        if made.amount is not None:
            parts.append(f"amount {made.amount}")
        if made.notes.strip():
            parts.append(_cut(made.notes, _NOTES_CHARS))
        lines.append(str(markup(" \u00b7 ".join(parts))))
    hidden = len(call.history) - len(shown)
    first = "<b>Earlier calls</b>" + (f" ({hidden} before these)" if hidden else "")
    return "<br/>".join([first, *lines])


def _text_width(text: str, size: float, bold: bool) -> float:
    return sum(float(stringWidth(run, font, size)) for run, font in font_runs(text, bold))


def _draw_runs(
    canvas: Canvas, text: str, x: float, y: float, size: float, bold: bool = False
) -> None:
    for run, font in font_runs(one_line(text), bold):
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, size)


@dataclass
class _Block:
    """One call laid out: the contact beside the phone, then the lines below, then the box."""

    call: CallContext
    left: list[Flowable]
    left_height: float
    body: list[Flowable]
    body_height: float
    phone_size: float

    @property
    def height(self) -> float:
        top = max(self.left_height, _PHONE_SIZE + _LEADING * 2)
        return _PAD + top + self.body_height + _OUTCOME_HEIGHT + 2 * _PAD


def _wrapped(
    texts: Sequence[str], style: ParagraphStyle, width: float
) -> tuple[list[Flowable], float]:
    flowables: list[Flowable] = [paragraph(text, style) for text in texts]
    return flowables, sum(float(f.wrap(width, 1e9)[1]) for f in flowables)


def _block(call: CallContext, day: date, rep: RepInfo | None, width: float) -> _Block:
    contact = call.contact
    inner = width - 2 * _PAD
    left_width = inner * 0.6
    who = [str(markup(contact.name or contact.company or "(no name)"))]
    role = ", ".join(part for part in (contact.title, contact.company) if part)
    details = [
        str(markup(role)) if role else "",
        str(markup(", ".join(contact.address))) if contact.address else "",
    ]
    name, name_height = _wrapped(who, _NAME, left_width)
    rest, rest_height = _wrapped([t for t in details if t], _BODY, left_width)
    body_texts = [
        _due_line(call, day, rep),
        *(_asked(inquiry) for inquiry in call.inquiries),
        _mailed(call.packet),
        _history(call),
    ]
    body, body_height = _wrapped(body_texts, _BODY, inner)
    phone = contact.phone or "no phone"
    size = _PHONE_SIZE
    while size > _SIZE and _text_width(phone, size, True) > inner * 0.4 - _PAD:
        size -= 1
    return _Block(call, name + rest, name_height + rest_height, body, body_height, size)


def _draw_flowables(canvas: Canvas, flowables: Sequence[Flowable], x: float, top: float) -> float:
    for flowable in flowables:
        top -= flowable.height
        flowable.drawOn(canvas, x, top)
    return top


def _tick(canvas: Canvas, x: float, y: float, label: str) -> float:
    canvas.rect(x, y, _TICK, _TICK, stroke=1, fill=0)
    _draw_runs(canvas, label, x + _TICK + 3, y + 0.5, _SIZE)
    return x + _TICK + 3 + _text_width(label, _SIZE, False)


def _outcome_box(canvas: Canvas, x: float, top: float, width: float) -> None:
    """Tick boxes for the outcome, ten rating boxes, next call, amount and lines for notes."""
    bottom = top - _OUTCOME_HEIGHT
    canvas.setFillColor(black)
    canvas.setLineWidth(0.6)
    canvas.rect(x, bottom, width, _OUTCOME_HEIGHT, stroke=1, fill=0)
    row = 16.0
    inner = x + _PAD
    y = top - row + 4
    _draw_runs(canvas, "Outcome", inner, y, _SIZE, bold=True)
    column = (width - 2 * _PAD - 55) / 4
    for index, outcome in enumerate(OUTCOMES):
        line, place = divmod(index, 4)
        _tick(canvas, inner + 55 + place * column, y - line * row, outcome)
    y -= 2 * row
    _draw_runs(canvas, "Rating 1-10", inner, y, _SIZE, bold=True)
    left = inner + 55
    for number in range(1, 11):
        box_x = left + (number - 1) * (_RATING_BOX + 3)
        canvas.rect(box_x, y - 2, _RATING_BOX, _RATING_BOX, stroke=1, fill=0)
        canvas.setFont(LATIN, 5)
        canvas.drawCentredString(box_x + _RATING_BOX / 2, y - 1, str(number))
    fields_x = left + 10 * (_RATING_BOX + 3) + 14
    for label, length in (("Next call", 80.0), ("Amount", 80.0)):
        _draw_runs(canvas, label, fields_x, y, _SIZE, bold=True)
        start = fields_x + _text_width(label, _SIZE, True) + 4
        canvas.line(start, y - 2, start + length, y - 2)
        fields_x = start + length + 12
    y -= row
    _draw_runs(canvas, "Notes", inner, y, _SIZE, bold=True)
    for line in range(_NOTES_LINES + 1):
        line_y = y - 2 - line * row
        canvas.line(inner + 55 if line == 0 else inner, line_y, x + width - _PAD, line_y)


def _draw_block(canvas: Canvas, block: _Block, x: float, top: float, width: float) -> None:
    inner = width - 2 * _PAD
    height = block.height
    canvas.setLineWidth(0.8)
    canvas.setStrokeColor(black)
    canvas.rect(x, top - height, width, height, stroke=1, fill=0)
    y = top - _PAD
    _draw_flowables(canvas, block.left, x + _PAD, y)
    contact = block.call.contact
    right = x + width - _PAD
    phone = contact.phone or "no phone"
    canvas.setFillColor(black)
    _draw_runs(
        canvas,
        phone,
        right - _text_width(phone, block.phone_size, True),
        y - block.phone_size,
        block.phone_size,
        bold=True,
    )
    if contact.email:
        _draw_runs(
            canvas,
            contact.email,
            right - _text_width(contact.email, _SIZE, False),
            y - _PHONE_SIZE - _LEADING,
            _SIZE,
        )
    y -= max(block.left_height, _PHONE_SIZE + _LEADING * 2)
    y = _draw_flowables(canvas, block.body, x + _PAD, y)
    _outcome_box(canvas, x + _PAD, y - _PAD / 2, inner)


def _pages(blocks: Sequence[_Block], room: float) -> list[list[_Block]]:
    """Blocks in order, a page filled with whole blocks before the next begins."""
    pages: list[list[_Block]] = [[]]
    used = 0.0
    for block in blocks:
        if pages[-1] and used + _GAP + block.height > room:
            pages.append([])
            used = 0.0
        used += block.height + (_GAP if pages[-1] else 0.0)
        pages[-1].append(block)
    return pages


def _header(
    canvas: Canvas, *, rep: RepInfo | None, day: date, company: str, page: int, pages: int,
    width: float, height: float,
) -> None:  # fmt: skip
    top = height - _MARGIN
    who = f"{rep.name} ({rep.code})" if rep else "all reps"
    canvas.setFillColor(black)
    _draw_runs(canvas, f"Call sheet: {who}", _MARGIN, top - 13, 13, bold=True)
    canvas.setFillColor(_GREY)
    _draw_runs(canvas, company, _MARGIN, top - 26, _SIZE)
    right = width - _MARGIN
    for text, y, size, bold in (
        (f"calls due by {_day(day)}", top - 13, 11.0, True),
        (f"page {page} of {pages}", top - 26, _SIZE, False),
    ):
        canvas.setFillColor(black if bold else _GREY)
        _draw_runs(canvas, text, right - _text_width(text, size, bold), y, size, bold)
    canvas.setFillColor(black)
    canvas.setLineWidth(1)
    canvas.line(_MARGIN, top - _HEADER + 6, right, top - _HEADER + 6)


def render_call_sheet(
    calls: Sequence[CallContext],
    *,
    rep: RepInfo | None,
    day: date,
    company: str,
    paper_code: str = "letter",
) -> bytes:
    """The call sheet PDF: a header on each page, then one whole block per call in order;
    a day without calls is one page saying so. `rep` None is a sheet of every rep's calls."""
    page = paper(paper_code)
    width = page.width - 2 * _MARGIN
    blocks = [_block(call, day, rep, width) for call in calls]
    room = page.height - 2 * _MARGIN - _HEADER
    pages = _pages(blocks, room)
    buffer = BytesIO()
    canvas = PrintCanvas(buffer, pagesize=(page.width, page.height), pageCompression=1)
    who = rep.code if rep else "all reps"
    canvas.setTitle(f"Call sheet {who} {day.isoformat()}")
    canvas.setAuthor(company)
    for number, placed in enumerate(pages, start=1):
        _header(canvas, rep=rep, day=day, company=company, page=number, pages=len(pages),
                width=page.width, height=page.height)  # fmt: skip
        top = page.height - _MARGIN - _HEADER
        if not placed:
            _draw_runs(canvas, f"No calls due by {_day(day)}.", _MARGIN, top - 20, 12)
        for block in placed:
            _draw_block(canvas, block, _MARGIN, top, width)
            top -= block.height + _GAP
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
