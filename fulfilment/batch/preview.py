"""Render one inquiry's packet as it would go out today, changing nothing."""

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session, selectinload

from fulfilment import render
from fulfilment.batch.contents import plan_contents
from fulfilment.batch.history import less_resent, received_since
from fulfilment.batch.packet_data import PacketContext
from fulfilment.batch.steps.plan import load_library
from fulfilment.batch.steps.render import write_packet_files
from fulfilment.errors import NotFound
from fulfilment.models import Inquiry, InquiryProduct
from fulfilment.settings import CompanyProfile

PREVIEW_NUMBER = "PREVIEW"


def preview_packet(
    session: Session, inquiry_id: int, *, out_dir: Path, profile: CompanyProfile, today: date
) -> dict[str, str]:
    """Write letter (with cross-sell page), envelope and label PDFs for one inquiry.

    Partly covered inquiries preview as the batch sends them; one the batch would hold is
    refused with the hold's reason.
    """
    inquiry = session.get(
        Inquiry,
        inquiry_id,
        options=[
            selectinload(Inquiry.contact),
            selectinload(Inquiry.rep),
            selectinload(Inquiry.products).selectinload(InquiryProduct.product),
        ],
    )
    if inquiry is None:
        raise NotFound(f"no inquiry {inquiry_id}; see 'litcenter inquiry list'")
    received = received_since(
        session, [inquiry.contact_id], business_date=today, days=profile.resend_after_days
    ).get(inquiry.contact_id, {})
    contents = plan_contents(
        products=[item.product.code for item in inquiry.products],
        country=inquiry.contact.country,
        home_country=profile.default_country,
        response=inquiry.response,
        publication=inquiry.source_detail,
        page=inquiry.source_page,
        library=load_library(session),
        received=less_resent(
            received, resend_all=inquiry.resend_all, resend_codes=inquiry.resend_codes
        ),
    )
    packet = PacketContext(session, profile).build(
        number=PREVIEW_NUMBER,
        inquiries=[inquiry],
        business_date=today,
        language=contents.language,
        envelope=contents.envelope,
        enclosures=[
            render.Enclosure(
                code=i.code, title=i.title, kind=i.kind, shelf=i.shelf, new_edition=i.new_edition
            )
            for i in contents.sent
        ],
        already_sent=[
            render.AlreadySent(code=i.code, title=i.title, kind=i.kind, sent_on=i.already_sent_on)
            for i in contents.items
            if i.already_sent_on is not None
        ],
        publication_note=render.PublicationNote(*contents.page_note)
        if contents.page_note
        else None,
        follow_up=contents.uncovered,
    )
    return write_packet_files(packet, out_dir, f"inquiry-{inquiry_id}")
