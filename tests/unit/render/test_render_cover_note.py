"""Cover notes of owed literature: the promised titles and the promising letter's date."""

from dataclasses import replace
from datetime import date
from io import BytesIO

from pypdf import PdfReader

from fulfilment.render import CoverNote, Enclosure, locate_templates, render_cover_notes
from tests.support.render_samples import CN_PACKET, DE_PACKET, US_PACKET

LETTER_DATE = date(2026, 11, 2)
OWED = Enclosure(code="L-CAT", title="Full product catalogue", kind="catalogue")


def _pages(notes: list[CoverNote]) -> list[str]:
    reader = PdfReader(BytesIO(render_cover_notes(notes)))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_one_note_a_page_in_order_each_in_its_letters_language_and_date_style() -> None:
    notes = [
        CoverNote(packet=replace(packet, enclosures=owed), letter_date=LETTER_DATE)
        for packet, owed in (
            (US_PACKET, (OWED,)),
            (DE_PACKET, (OWED, replace(OWED, code="L-PRICE", title="Price list 2026"))),
            (CN_PACKET, (replace(OWED, code="L-CAT-ZH", title="产品总目录"),)),
        )
    ]

    us, de, cn = _pages(notes)

    assert "Dear Jane Doe," in us and "Date: November 23, 2026" in us
    assert "As promised in our letter of November 2, 2026, here is Full product catalogue." in us
    assert "Example Industries" in us and US_PACKET.number in us
    assert "of 2 November 2026, here are Full product catalogue and Price list 2026." in de
    assert "尊敬的王小明经理：" in cn
    assert "如我们在2026年11月2日的信中所承诺，现随函寄上《产品总目录》。" in cn.replace(" ", "")


def test_titles_print_as_typed() -> None:
    owed = replace(OWED, title="{{ 7*7 }} <b>Pumps & Co</b>")
    note = CoverNote(packet=replace(US_PACKET, enclosures=(owed,)), letter_date=LETTER_DATE)

    (page,) = _pages([note])

    assert "here is {{ 7*7 }} <b>Pumps & Co</b>." in page


def test_every_letter_language_has_a_cover_note() -> None:
    languages = {path.name for path in (locate_templates() / "letters").iterdir() if path.is_dir()}

    assert {
        language
        for language in languages
        if (locate_templates() / "letters" / language / "cover_note.j2").is_file()
    } == languages
