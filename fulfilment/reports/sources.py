"""Sources: what each source of inquiries brought (calls, meetings, wins) and what it cost."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from fulfilment.models import FollowUp, Inquiry, Packet, PacketItem, SourceCost
from fulfilment.reports.common import label, month_of, period_label, ratio, received_in, rounded
from fulfilment.reports.model import Chart, Report, Series, Table
from fulfilment.settings import CompanyProfile
from fulfilment.states import CallOutcome, FollowUpStatus, ItemStatus
from inventory.models import LiteratureItem

ZERO = Decimal(0)


@dataclass
class _Tally:
    """What one source (or source and detail, or month of it) brought and cost."""

    inquiries: int = 0
    packets: int = 0
    calls: int = 0
    rating_sum: int = 0
    rated: int = 0
    meetings: int = 0
    wins: int = 0
    won: Decimal = ZERO
    source_cost: Decimal = ZERO
    packet_cost: Decimal = ZERO

    @property
    def cost(self) -> Decimal:
        return self.source_cost + self.packet_cost

    def figures(self) -> dict[str, Any]:
        return {
            "inquiries": self.inquiries,
            "packets": self.packets,
            "calls": self.calls,
            "average_rating": ratio(self.rating_sum, self.rated),
            "meetings": self.meetings,
            "wins": self.wins,
            "won_amount": rounded(self.won),
            "source_cost": rounded(self.source_cost),
            "packet_cost": rounded(self.packet_cost),
            "cost": rounded(self.cost),
            "cost_per_inquiry": ratio(self.cost, self.inquiries),
            "cost_per_win": ratio(self.cost, self.wins),
            "return_on_cost": ratio(self.won, self.cost),
        }

    def cells(self) -> tuple[Any, ...]:
        return tuple(self.figures().values())


COLUMNS = ("inquiries", "packets", "calls made", "average rating", "meetings", "wins",
           "won amount", "source cost", "packet cost", "cost", "cost per inquiry",
           "cost per win", "return on cost")  # fmt: skip


def _calls() -> Any:
    """Per inquiry: calls made, ratings, meetings set, whether it was won and for how much."""
    done = FollowUp.status == FollowUpStatus.DONE
    won = FollowUp.outcome == CallOutcome.WON
    return (
        select(
            FollowUp.inquiry_id,
            func.sum(case((done, 1), else_=0)).label("calls"),
            func.coalesce(func.sum(case((done, FollowUp.rating))), 0).label("rating_sum"),
            func.count(case((done, FollowUp.rating))).label("rated"),
            func.sum(case((FollowUp.outcome == CallOutcome.MEETING_SET, 1), else_=0)).label(
                "meetings"
            ),
            func.max(case((won, 1), else_=0)).label("won"),
            func.coalesce(func.sum(case((won, FollowUp.amount))), 0).label("amount"),
        )
        .group_by(FollowUp.inquiry_id)
        .subquery()
    )


def _items_cost() -> Any:
    """Per packet: what the copies it sent cost to print."""
    return (
        select(
            PacketItem.packet_id,
            func.sum(PacketItem.qty * LiteratureItem.unit_cost).label("cost"),
        )
        .join(LiteratureItem, LiteratureItem.code == PacketItem.code)
        .where(PacketItem.status == ItemStatus.PICKED)
        .group_by(PacketItem.packet_id)
        .subquery()
    )


def _rows(start: date, end: date) -> Select[Any]:
    calls, items = _calls(), _items_cost()
    return (
        select(
            Inquiry.source,
            Inquiry.source_detail,
            Inquiry.received_at,
            Packet.id,
            Packet.channel,
            Packet.postage_class,
            items.c.cost,
            calls.c.calls,
            calls.c.rating_sum,
            calls.c.rated,
            calls.c.meetings,
            calls.c.won,
            calls.c.amount,
        )
        .select_from(Inquiry)
        .outerjoin(Packet, Packet.inquiry_id == Inquiry.id)
        .outerjoin(items, items.c.packet_id == Packet.id)
        .outerjoin(calls, calls.c.inquiry_id == Inquiry.id)
        .where(received_in(Inquiry.received_at, start, end))
    )


def _postage(channel: str | None, postage_class: str | None, profile: CompanyProfile) -> Decimal:
    if channel != "print" or not postage_class:
        return ZERO
    return profile.postage.get(postage_class, ZERO)


def _source_costs(session: Session, start: date, end: date) -> list[tuple[str, str, Decimal]]:
    """Imported costs of each source and detail for the months the period touches."""
    rows = session.execute(
        select(SourceCost.source, SourceCost.detail, func.sum(SourceCost.cost))
        .where(SourceCost.month >= start.replace(day=1), SourceCost.month <= end)
        .group_by(SourceCost.source, SourceCost.detail)
    )
    return [(source, detail, Decimal(cost)) for source, detail, cost in rows]


@dataclass
class _Tallies:
    by_detail: dict[tuple[str, str], _Tally]
    by_source: dict[str, _Tally]
    cohorts: dict[tuple[str, str], _Tally]
    unpriced: set[str]


def _tally(session: Session, start: date, end: date, profile: CompanyProfile) -> _Tallies:
    tallies = _Tallies(defaultdict(_Tally), defaultdict(_Tally), defaultdict(_Tally), set())
    rows = session.execute(_rows(start, end).execution_options(yield_per=5000))
    for (source, detail, received, packet, channel, postage_class, items_cost, calls,
         rating_sum, rated, meetings, won, amount) in rows:  # fmt: skip
        if channel == "print" and postage_class and postage_class not in profile.postage:
            tallies.unpriced.add(postage_class)
        packet_cost = Decimal(items_cost or 0) + _postage(channel, postage_class, profile)
        for tally in (
            tallies.by_detail[(label(source), detail)],
            tallies.by_source[label(source)],
            tallies.cohorts[(label(source), month_of(received))],
        ):
            tally.inquiries += 1
            tally.packets += packet is not None
            tally.packet_cost += packet_cost
            tally.calls += calls or 0
            tally.rating_sum += rating_sum or 0
            tally.rated += rated or 0
            tally.meetings += meetings or 0
            tally.wins += won or 0
            tally.won += Decimal(amount or 0)
    for source, detail, cost in _source_costs(session, start, end):
        tallies.by_detail[(label(source), detail)].source_cost += cost
        tallies.by_source[label(source)].source_cost += cost
    return tallies


def sources_report(session: Session, *, start: date, end: date, profile: CompanyProfile) -> Report:
    """Per source and detail: inquiries, calls, meetings, wins, cost and return; cohorts."""
    tallies = _tally(session, start, end, profile)
    sources = sorted(tallies.by_source)
    details = sorted(tallies.by_detail)
    cohorts = sorted(tallies.cohorts)
    by_source = {source: tallies.by_source[source] for source in sources}
    return Report(
        name="sources",
        title=f"Sources of inquiries: what they brought and cost ({profile.currency})",
        period=period_label(start, end),
        company=profile.name,
        tables=(
            Table(
                "By source",
                ("source", *COLUMNS),
                tuple((s, *t.cells()) for s, t in by_source.items()),
            ),
            Table(
                "By source and detail",
                ("source", "detail", *COLUMNS),
                tuple((s, d, *tallies.by_detail[(s, d)].cells()) for s, d in details),
            ),
            Table(
                "Cohorts by month of receipt (wins so far)",
                ("source", "month", "inquiries", "wins", "won amount", "win share"),
                tuple(
                    (s, m, t.inquiries, t.wins, rounded(t.won), ratio(t.wins, t.inquiries))
                    for (s, m), t in ((key, tallies.cohorts[key]) for key in cohorts)
                ),
            ),
        ),
        charts=(
            Chart(
                "Cost per inquiry by source",
                "bar",
                tuple(sources),
                (
                    Series(
                        "cost per inquiry",
                        tuple(ratio(t.cost, t.inquiries) for t in by_source.values()),
                    ),
                ),
                unit=profile.currency,
            ),
            Chart(
                "Won amount by source",
                "bar",
                tuple(sources),
                (Series("won amount", tuple(rounded(t.won) for t in by_source.values())),),
                unit=profile.currency,
            ),
        ),
        figures={
            "currency": profile.currency,
            "by_source": {source: tally.figures() for source, tally in by_source.items()},
            "by_detail": [
                {"source": s, "detail": d, **tallies.by_detail[(s, d)].figures()}
                for s, d in details
            ],
            "cohorts": [
                {
                    "source": s,
                    "month": m,
                    "inquiries": t.inquiries,
                    "wins": t.wins,
                    "won_amount": rounded(t.won),
                }
                for (s, m), t in ((key, tallies.cohorts[key]) for key in cohorts)
            ],
            "postage_classes_without_price": sorted(tallies.unpriced),
        },
    )
