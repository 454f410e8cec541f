"""Paragraph styles per paper, made once per process."""

from dataclasses import dataclass
from functools import cache

from reportlab.lib.styles import ParagraphStyle

from fulfilment.render.fonts import LATIN, LATIN_BOLD
from fulfilment.render.stationery import page_layout


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of letters and catalogue pages on one paper."""

    address: ParagraphStyle
    info: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    small: ParagraphStyle


@cache
def styles(paper: str) -> Styles:
    layout = page_layout(paper)
    body = layout.style("body")
    size = body.font_size
    leading = size * body.leading

    def style(name: str, box: str, **overrides: object) -> ParagraphStyle:
        text = layout.style(box)
        values: dict[str, object] = {
            "fontName": LATIN,
            "fontSize": text.font_size,
            "leading": text.font_size * text.leading,
        }
        return ParagraphStyle(name, **(values | overrides))

    return Styles(
        address=style("address", "address"),
        info=style("info", "info"),
        body=style("body", "body", spaceBefore=leading * 0.3, spaceAfter=leading * 0.3),
        bullet=style(
            "bullet",
            "body",
            leftIndent=size * 1.5,
            bulletIndent=size * 0.4,
            bulletFontName=LATIN,
            spaceAfter=leading * 0.25,
        ),
        heading=style(
            "heading",
            "body",
            fontName=LATIN_BOLD,
            fontSize=size * 1.15,
            leading=size * 1.5,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.3,
        ),
        title=style(
            "title",
            "body",
            fontName=LATIN_BOLD,
            fontSize=size * 1.6,
            leading=size * 2,
            spaceAfter=size * 0.4,
        ),
        small=style("small", "body", fontSize=size * 0.8, leading=size),
    )
