"""The call sheet from hand-made calls: what a rep reads on each block, page by page."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from pypdf import PdfReader

from fulfilment.calls.sheet_data import (
    CallContext,
    ContactInfo,
    EarlierCall,
    InquiryInfo,
    MailedItem,
    PacketInfo,
    ProductAsked,
    RepInfo,
)
from fulfilment.render.call_sheet import render_call_sheet

DAY = date(2026, 12, 1)
REP = RepInfo("R-WEST", "Maria Lopez")


def a_call(
    number: int,
    *,
    name: str = "Jane Cooper",
    phone: str = "+1 510 555 0101",
    due: date = DAY,
    comments: str = "Wants pricing too",
    history: tuple[EarlierCall, ...] = (),
) -> CallContext:
    return CallContext(
        id=number,
        due_on=due,
        reason="after mailing",
        attempt=1,
        rep=REP,
        contact=ContactInfo(
            name=name,
            title="Plant Engineer",
            company="Bayview Foods",
            phone=phone,
            email="jane@bayview.example",
            address=("1200 Harbor Blvd", "OAKLAND, CA 94607", "UNITED STATES"),
        ),
        inquiries=(
            InquiryInfo(
                id=number * 10,
                external_id=f"WEB-{number}",
                received_on=date(2026, 11, 20),
                products=(ProductAsked("PMP-250", "Process pump 250"),),
                timeframe="3m",
                urgency="rush",
                comments=comments,
            ),
        ),
        packet=PacketInfo(
            number=f"P-{number:05d}",
            status="mailed",
            printed_at=datetime(2026, 11, 24, 15, 30),
            mailed_at=datetime(2026, 11, 25, 9, 0),
            items=(MailedItem("BR-PMP-250", "PMP-250 brochure"),),
            backordered=(),
            skipped=(MailedItem("BR-PUMPS", "Pump range", date(2026, 10, 2)),),
        ),
        history=history,
    )


def pages_of(pdf: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(BytesIO(pdf)).pages]


def test_a_block_names_whom_to_call_what_they_asked_and_what_went() -> None:
    made = EarlierCall(datetime(2026, 11, 27, 10, 5), "no answer", 4, None, "try after lunch")
    (page,) = pages_of(
        render_call_sheet([a_call(1, history=(made,))], rep=REP, day=DAY, company="Example")
    )
    for expected in (
        "Jane Cooper", "+1 510 555 0101", "Bayview Foods", "PMP-250 Process pump 250",
        "Wants pricing too", "P-00001", "mailed 2026-11-25", "BR-PMP-250",
        "BR-PUMPS (sent 2026-10-02)", "no answer", "rating 4", "try after lunch",
        "Maria Lopez (R-WEST)", "page 1 of 1", "quote requested", "Rating 1-10",
    ):  # fmt: skip
        assert expected in page, expected


def test_how_overdue_a_call_is_is_counted_from_the_sheet_s_day() -> None:
    calls = [a_call(1, due=date(2026, 11, 26)), a_call(2, due=DAY)]
    (page,) = pages_of(render_call_sheet(calls, rep=REP, day=DAY, company="Example"))
    assert "5 days overdue" in page
    assert "today" in page


def test_a_chinese_name_prints_in_a_font_that_has_it() -> None:
    pdf = render_call_sheet([a_call(1, name="王丽")], rep=REP, day=DAY, company="Example")
    assert "王丽" in pages_of(pdf)[0]
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("STSong" in font for font in fonts)


def test_comments_are_printed_as_typed_never_read_as_markup() -> None:
    comments = 'Needs <b>two</b> pumps & a "quote" <br/> soon'
    (page,) = pages_of(
        render_call_sheet([a_call(1, comments=comments)], rep=REP, day=DAY, company="Example")
    )
    assert 'Needs <b>two</b> pumps & a "quote" <br/> soon' in page


def test_blocks_never_split_and_every_page_says_which_of_how_many() -> None:
    calls = [a_call(n, name=f"Contact {n:02d}", phone=f"+1 555 01{n:02d}") for n in range(1, 31)]
    pages = pages_of(render_call_sheet(calls, rep=REP, day=DAY, company="Example"))
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in page
    for n in range(1, 31):
        (holding,) = [page for page in pages if f"Contact {n:02d}" in page]
        assert f"+1 555 01{n:02d}" in holding
        assert f"P-{n:05d}" in holding


def test_a_very_long_comment_still_keeps_its_block_on_one_page() -> None:
    calls = [a_call(1), a_call(2, name="Long Talker", comments="word " * 2000)]
    pages = pages_of(render_call_sheet(calls, rep=REP, day=DAY, company="Example"))
    (holding,) = [page for page in pages if "Long Talker" in page]
    assert "P-00002" in holding and "Rating 1-10" in holding


def test_an_empty_day_is_one_page_saying_no_calls_are_due() -> None:
    (page,) = pages_of(render_call_sheet([], rep=REP, day=DAY, company="Example"))
    assert "No calls due by Tue 2026-12-01" in page
    assert "page 1 of 1" in page


def test_a_sheet_of_every_rep_names_each_call_s_rep() -> None:
    (page,) = pages_of(render_call_sheet([a_call(1)], rep=None, day=DAY, company="Example"))
    assert "all reps" in page
    assert "for Maria Lopez (R-WEST)" in page


def test_the_amount_of_an_earlier_call_is_shown() -> None:
    made = EarlierCall(datetime(2026, 11, 27, 10, 5), "won", 9, Decimal("1250.00"), "")
    (page,) = pages_of(
        render_call_sheet([a_call(1, history=(made,))], rep=REP, day=DAY, company="Example")
    )
    assert "won · rating 9 · amount 1250.00" in page
