"""A hand-made center for the reports: every inquiry, packet, item and call placed by hand."""

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from sqlalchemy.orm import Session

from fulfilment.db import unit_of_work
from fulfilment.models import (
    Batch,
    Contact,
    FollowUp,
    Inquiry,
    Packet,
    PacketInquiry,
    PacketItem,
    Product,
    Rep,
    SourceCost,
    UncoveredProduct,
)
from fulfilment.settings import CompanyProfile
from inventory.models import LiteratureItem

AT = datetime(2026, 10, 1, 8, 0)
START, END = date(2026, 11, 2), date(2026, 11, 29)
Row = TypeVar("Row")
PROFILE = CompanyProfile(
    name="Test Pumps", postage={"domestic letter": Decimal("1.50")}, currency="USD"
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass
class Builder:
    """Adds rows one by one and hands back their ids."""

    session: Session
    numbers: "itertools.count[int]" = field(default_factory=lambda: itertools.count(1))

    def _add(self, row: Row) -> Row:
        self.session.add(row)
        self.session.flush()
        return row

    def rep(self, code: str) -> int:
        return self._add(Rep(code=code, name=f"Rep {code}")).id

    def contact(self, name: str) -> int:
        return self._add(
            Contact(name=name, country="US", match_key=name.lower(), created_at=AT)
        ).id

    def item(self, code: str, unit_cost: str) -> None:
        self._add(LiteratureItem(code=code, title=f"Title {code}", kind="brochure",
                                 unit_cost=Decimal(unit_cost), created_at=AT,
                                 updated_at=AT))  # fmt: skip

    def inquiry(self, contact: int, received: str, *, source: str = "", detail: str = "",
                rep: int | None = None, mailed: str | None = None) -> int:  # fmt: skip
        n = next(self.numbers)
        return self._add(
            Inquiry(
                contact_id=contact, content_hash=f"hash-{n}", received_at=at(received),
                source=source, source_detail=detail, rep_id=rep,
                status="mailed" if mailed else "new", mailed_at=at(mailed) if mailed else None,
                created_at=AT,
            )
        ).id  # fmt: skip

    def packet(self, inquiries: list[int], *, printed: str, mailed: str, channel: str = "print",
               postage_class: str = "",
               items: tuple[tuple[str, int, str], ...] = ()) -> int:  # fmt: skip
        n = next(self.numbers)
        batch = self._add(Batch(business_date=at(printed).date(), status="committed",
                                created_at=AT, updated_at=AT))  # fmt: skip
        packet = self._add(
            Packet(number=f"P-{n}", batch_id=batch.id, inquiry_id=inquiries[0], position=1,
                   channel=channel, status="mailed", language="en",
                   postage_class=postage_class, printed_at=at(printed), mailed_at=at(mailed))
        )  # fmt: skip
        for position, inquiry in enumerate(inquiries):
            self._add(PacketInquiry(packet_id=packet.id, inquiry_id=inquiry, position=position))
        for code, qty, status in items:
            self._add(PacketItem(packet_id=packet.id, code=code, requested_code=code,
                                 title=f"Title {code}", kind="brochure", qty=qty,
                                 status=status))  # fmt: skip
        return packet.id

    def call(self, inquiry: int, due: str, *, rep: int | None, packet: int | None = None,
             attempt: int = 1, called: str | None = None, outcome: str | None = None,
             rating: int | None = None, amount: str | None = None) -> None:  # fmt: skip
        self._add(
            FollowUp(
                inquiry_id=inquiry, packet_id=packet, rep_id=rep, due_on=date.fromisoformat(due),
                status="done" if called else "open", attempt=attempt, outcome=outcome,
                rating=rating, amount=Decimal(amount) if amount else None,
                called_at=at(called) if called else None, created_at=AT,
            )
        )  # fmt: skip

    def cost(self, source: str, detail: str, month: str, cost: str) -> None:
        self._add(SourceCost(source=source, detail=detail, month=date.fromisoformat(month),
                             cost=Decimal(cost), imported_at=AT))  # fmt: skip

    def gap(self, inquiry: int, code: str, on: str) -> None:
        product = self._add(Product(code=code, name=f"Product {code}"))
        batch = self._add(Batch(business_date=date.fromisoformat(on), created_at=AT,
                                updated_at=AT))  # fmt: skip
        self._add(UncoveredProduct(batch_id=batch.id, inquiry_id=inquiry, product_id=product.id))


def build(url: str) -> dict[str, int]:
    """The world the report tests count on; the ids of its inquiries by name."""
    with unit_of_work(url) as uow:
        add = Builder(uow.session)
        ann, bob = add.rep("A"), add.rep("B")
        for code, cost in (("BR-A", "0.50"), ("BR-B", "1.25"), ("CAT", "2.00")):
            add.item(code, cost)
        kim, lee, max_, ned, oli, pat = (add.contact(name) for name in
                                         ("Kim", "Lee", "Max", "Ned", "Oli", "Pat"))  # fmt: skip
        show, ad = ("Trade show", "PumpTec"), ("Magazine ad", "Flow Control Nov")
        i1 = add.inquiry(kim, "2026-11-02T09:00", source=show[0], detail=show[1], rep=ann,
                         mailed="2026-11-03T21:00")  # fmt: skip
        i2 = add.inquiry(kim, "2026-11-02T12:00", source=show[0], detail=show[1], rep=ann,
                         mailed="2026-11-03T21:00")  # fmt: skip
        i3 = add.inquiry(lee, "2026-11-09T10:00", source=ad[0], detail=ad[1], rep=bob,
                         mailed="2026-11-12T10:00")  # fmt: skip
        i4 = add.inquiry(max_, "2026-11-10T08:00", source=ad[0], detail=ad[1], rep=bob)
        i5 = add.inquiry(ned, "2026-11-16T12:00", source=ad[0], detail=ad[1], rep=bob,
                         mailed="2026-11-16T18:00")  # fmt: skip
        i6 = add.inquiry(oli, "2026-11-23T09:00")
        i7 = add.inquiry(pat, "2026-10-30T09:00", source=show[0], detail=show[1], rep=ann,
                         mailed="2026-10-31T12:00")  # fmt: skip

        p1 = add.packet([i1, i2], printed="2026-11-03T09:00", mailed="2026-11-03T21:00",
                        postage_class="domestic letter",
                        items=(("BR-A", 2, "picked"), ("CAT", 1, "picked"),
                               ("BR-B", 1, "skipped"), ("BR-B", 1, "backordered")))  # fmt: skip
        p2 = add.packet([i3], printed="2026-11-11T10:00", mailed="2026-11-12T10:00",
                        postage_class="domestic letter",
                        items=(("BR-B", 1, "picked"),))  # fmt: skip
        p3 = add.packet([i5], printed="2026-11-16T18:00", mailed="2026-11-16T18:00",
                        channel="email", items=(("BR-A", 1, "attached"),))  # fmt: skip
        p4 = add.packet([i7], printed="2026-10-31T09:00", mailed="2026-10-31T12:00",
                        postage_class="domestic letter",
                        items=(("BR-A", 10, "picked"),))  # fmt: skip

        add.call(i1, "2026-11-06", rep=ann, packet=p1, called="2026-11-05T09:00",
                 outcome="no answer")  # fmt: skip
        add.call(i1, "2026-11-09", rep=ann, packet=p1, attempt=2, called="2026-11-06T09:00",
                 outcome="meeting set", rating=7)  # fmt: skip
        add.call(i1, "2026-11-10", rep=ann, packet=p1, attempt=3, called="2026-11-10T09:00",
                 outcome="won", amount="5000")  # fmt: skip
        add.call(i3, "2026-11-13", rep=bob, packet=p2, called="2026-11-16T10:00",
                 outcome="reached", rating=3)  # fmt: skip
        add.call(i3, "2026-11-20", rep=bob, packet=p2, attempt=2, called="2026-11-20T10:00",
                 outcome="lost")  # fmt: skip
        add.call(i4, "2026-11-20", rep=bob)
        add.call(i5, "2026-11-20", rep=bob, packet=p3, called="2026-11-18T18:00",
                 outcome="quote requested", rating=7)  # fmt: skip
        add.call(i6, "2026-11-30", rep=None)
        add.call(i7, "2026-11-04", rep=ann, packet=p4, called="2026-11-04T09:00",
                 outcome="won", rating=9, amount="1000")  # fmt: skip
        add.call(i7, "2026-11-12", rep=ann, packet=p4, attempt=2)

        add.cost(show[0], show[1], "2026-11-01", "1000.00")
        add.cost(show[0], show[1], "2026-10-01", "700.00")
        add.cost(ad[0], ad[1], "2026-11-01", "500.00")
        add.cost(ad[0], ad[1], "2026-12-01", "300.00")
        add.cost("Radio", "", "2026-11-01", "200.00")
        add.gap(i4, "VLV-9", "2026-11-10")
        uow.commit()
    return {"i1": i1, "i2": i2, "i3": i3, "i4": i4, "i5": i5, "i6": i6, "i7": i7}
