"""Letters as PDFs: what they say, where the address lands, how many pages."""

from dataclasses import replace
from io import BytesIO

import pytest
from pypdf import PdfReader

from fulfilment.render import (
    Enclosure,
    PacketData,
    PublicationNote,
    Recipient,
    letterhead,
    render_letter,
    render_letters,
)
from fulfilment.render.address import address_block
from fulfilment.render.stationery import envelope, page_layout
from tests.integration.render.pdf_reading import (
    Line,
    forms_per_page,
    page_count,
    page_text,
    text_lines,
    text_runs,
)
from tests.support.calls import count_calls
from tests.support.render_samples import CN_PACKET, DE_PACKET, US_PACKET


def test_letter_names_products_enclosures_rep_and_page() -> None:
    text = page_text(render_letter(US_PACKET))

    assert "Centrifugal pump CP-100" in text and "Gate valve GV-16" in text
    assert "Centrifugal pumps CP series" in text and "Price list 2026" in text
    assert "follows under separate cover" in text and "Full product catalogue" in text
    assert "Robert Miller" in text and "December 7, 2026" in text
    assert "The information you asked about is on page 17 of Water Engineering Monthly." in text
    assert "Dear Jane Doe," in text


def test_letter_without_note_or_separate_cover_leaves_those_sentences_out() -> None:
    packet = replace(US_PACKET, publication_note=None, enclosures=US_PACKET.enclosed)

    text = page_text(render_letter(packet))

    assert "The information you asked about" not in text
    assert "separate cover" not in text


def test_user_text_prints_literally_never_as_template_or_markup() -> None:
    recipient = replace(
        US_PACKET.recipient, name="{{ 7*7 }}", company="<b>Smith &amp; Sons</b> & Co"
    )
    packet = replace(
        US_PACKET,
        recipient=recipient,
        publication_note=PublicationNote("{% raw %}Pumps <i>Today</i>", 3),
        rep=replace(US_PACKET.rep, name="{{ config }}"),
    )

    text = page_text(render_letter(packet))

    assert "{{ 7*7 }}" in text
    assert "49" not in text
    assert "<b>Smith &amp; Sons</b> & Co" in text
    assert "{% raw %}Pumps <i>Today</i>" in text
    assert "{{ config }}" in text


def test_chinese_letter_text_is_extractable() -> None:
    text = page_text(render_letter(CN_PACKET)).replace("\n", "")

    assert "尊敬的王小明经理：" in text
    assert "《CP系列离心泵》" in text
    assert "您所询问的资料刊登在《水处理技术》第23页。" in text
    assert "我们的销售代表李华将于2026年12月7日前后致电您，解答您的问题。您也可以" in text
    assert "以下资料将另行寄送" in text


_KINDS_ENCLOSED = (
    Enclosure(code="L-TS", title="CP系列技术参数", kind="tech-sheet"),
    Enclosure(code="L-CS", title="水厂改造", kind="case-study"),
    Enclosure(code="L-PL", title="2026年价格", kind="price-list", enclosed=False),
)


def test_chinese_letter_names_the_kinds_of_literature_in_chinese() -> None:
    text = page_text(render_letter(replace(CN_PACKET, enclosures=_KINDS_ENCLOSED)))
    text = text.replace("\n", "")

    assert "《CP系列技术参数》（技术资料，L-TS）" in text
    assert "《水厂改造》（应用案例，L-CS）" in text
    assert "《2026年价格》（价格表，L-PL）" in text
    for english in ("tech-sheet", "case-study", "price-list", "technical", "case study", "price"):
        assert english not in text


def test_english_letter_names_the_kinds_of_literature_in_words() -> None:
    text = page_text(render_letter(replace(US_PACKET, enclosures=_KINDS_ENCLOSED)))

    assert "(technical data sheet, L-TS)" in text and "(case study, L-CS)" in text
    assert "(price list, L-PL)" in text and "-sheet" not in text


def test_chinese_address_runs_from_large_to_small_with_the_name_last() -> None:
    lines = [line.text for line in text_lines(render_letter(CN_PACKET))]

    order = [
        lines.index(line) for line in ("200120", "上海市浦东新区", "世纪大道100号", "王小明 经理")
    ]
    assert order == sorted(order)


def _address_lines(pdf: bytes, packet: PacketData) -> list[Line]:
    wanted = [line for line in address_block(packet.recipient) if line]
    # A line too long for the field wraps, so pieces of address lines count too.
    found = [line for line in text_lines(pdf) if any(line.text in whole for whole in wanted)]
    assert " ".join(line.text for line in found).split() == " ".join(wanted).split()
    return found


@pytest.mark.parametrize(
    ("packet", "stock"),
    [
        (US_PACKET, "us10"),
        (DE_PACKET, "dl"),
        (DE_PACKET, "c5"),
        (DE_PACKET, "c4"),
        (CN_PACKET, "dl"),
    ],
)
def test_address_block_lies_inside_the_envelope_window(packet: PacketData, stock: str) -> None:
    packet = replace(packet, envelope=stock)
    window = envelope(stock).window_on_letter(page_layout(envelope(stock).paper).paper.height)
    assert window is not None

    for line in _address_lines(render_letter(packet), packet):
        assert window.contains(line.extent), f"{line.text!r} at {line.extent} outside {window}"


def test_a_long_address_shrinks_to_stay_in_the_window() -> None:
    recipient = replace(
        DE_PACKET.recipient,
        company="Zweckverband für Wasserversorgung und Abwasserbeseitigung des Landkreises",
        address_lines=(
            "Gebäude C, 3. Obergeschoss",
            "Industriestraße 140-144",
            "Postfach 1234",
            "10115 Berlin",
            "GERMANY",
        ),
    )
    packet = replace(DE_PACKET, recipient=recipient)
    window = envelope("dl").window_on_letter(page_layout("a4").paper.height)
    assert window is not None

    for line in _address_lines(render_letter(packet), packet):
        assert window.contains(line.extent), f"{line.text!r} at {line.extent} outside {window}"


def test_page_size_follows_the_envelope() -> None:
    us = PdfReader(BytesIO(render_letter(US_PACKET))).pages[0].mediabox
    de = PdfReader(BytesIO(render_letter(DE_PACKET))).pages[0].mediabox

    assert (round(float(us.width)), round(float(us.height))) == (612, 792)
    assert (round(float(de.width)), round(float(de.height))) == (595, 842)


def test_a_long_letter_runs_to_a_second_page_with_a_continuation_header() -> None:
    many = tuple(
        Enclosure(code=f"L-{n:03d}", title=f"Data sheet number {n}", kind="data sheet")
        for n in range(40)
    )
    packet = replace(US_PACKET, enclosures=many)

    pdf = render_letter(packet)

    assert page_count(pdf) == 2
    second = PdfReader(BytesIO(pdf)).pages[1].extract_text()
    assert f"{packet.number} · Jane Doe · 2" in second
    assert "Data sheet number 39" in second


def test_many_letters_share_one_document_and_one_letterhead_drawing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    packets = [replace(US_PACKET, number=f"P2026-11-23-{n:05d}") for n in range(1, 6)]
    drawn = count_calls(monkeypatch, letterhead, "_draw_head")

    pdf = render_letters(packets)

    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 5
    for number, page in enumerate(reader.pages, start=1):
        assert f"P2026-11-23-{number:05d}" in page.extract_text()
    # Drawn on the first page and its operators written again: no page places a form.
    assert drawn == [1]
    assert forms_per_page(pdf) == [set()] * 5
    assert page_text(pdf).count(US_PACKET.company.name) >= 5


def test_letters_of_mixed_paper_keep_their_own_page_sizes() -> None:
    pdf = render_letters([US_PACKET, DE_PACKET, CN_PACKET])

    sizes = [round(float(page.mediabox.height)) for page in PdfReader(BytesIO(pdf)).pages]
    assert sizes == [792, 842, 842]


def test_empty_name_falls_back_to_a_general_salutation() -> None:
    packet = replace(US_PACKET, recipient=replace(US_PACKET.recipient, name=""))

    assert "Dear Sir or Madam," in page_text(render_letter(packet))


def test_latin_letter_prints_a_chinese_name_in_the_cid_font() -> None:
    recipient = Recipient(
        name="王小明",
        title="",
        company="",
        address_lines=("1 Main St", "SPRINGFIELD IL 62701"),
        postcode="62701",
        country="US",
    )
    runs = text_runs(render_letter(replace(US_PACKET, recipient=recipient)))

    assert any(run.text.startswith("王小明") and run.font == "STSong-Light" for run in runs)
