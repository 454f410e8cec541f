"""Turnaround: how long inquiries take from receipt to print, mail, first call and first reach."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, case, func, select, union_all
from sqlalchemy.orm import Session

from fulfilment.models import FollowUp, Inquiry, Packet, PacketInquiry, Rep
from fulfilment.reports.common import (
    NOT_REACHED,
    days_between,
    iso_week,
    label,
    period_label,
    quantile,
    ratio,
    received_in,
    rounded,
)
from fulfilment.reports.model import Chart, Report, Series, Table
from fulfilment.settings import CompanyProfile
from fulfilment.states import FollowUpStatus

# Each stage runs from one moment of an inquiry to the next; the last spans the whole way.
MOMENTS = ("received", "printed", "mailed", "first call", "first reached")
STAGES = (
    *((MOMENTS[n], MOMENTS[n + 1]) for n in range(len(MOMENTS) - 1)),
    ("received", "first reached"),
)


def stage_name(stage: tuple[str, str]) -> str:
    return f"{stage[0]} to {stage[1]}"


def stage_key(stage: tuple[str, str]) -> str:
    return stage_name(stage).replace(" ", "_")


@dataclass
class _Durations:
    """The days each stage took, for one group of inquiries."""

    inquiries: int = 0
    days: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def add(self, moments: dict[str, datetime | None]) -> None:
        self.inquiries += 1
        for stage in STAGES:
            begin, finish = moments[stage[0]], moments[stage[1]]
            if begin is not None and finish is not None:
                self.days[stage_name(stage)].append(days_between(begin, finish))

    def median(self, stage: tuple[str, str]) -> float | None:
        return rounded(quantile(self.days[stage_name(stage)], 0.5))

    def p90(self, stage: tuple[str, str]) -> float | None:
        return rounded(quantile(self.days[stage_name(stage)], 0.9))

    def figures(self) -> dict[str, Any]:
        return {
            "inquiries": self.inquiries,
            **{
                stage_key(stage): {
                    "inquiries": len(self.days[stage_name(stage)]),
                    "median": self.median(stage),
                    "p90": self.p90(stage),
                }
                for stage in STAGES
            },
        }

    def cells(self) -> tuple[Any, ...]:
        return (self.inquiries, *(v for s in STAGES for v in (self.median(s), self.p90(s))))


def _calls_of_inquiries() -> Any:
    """Per inquiry: its first call made, first call that reached someone, and when the first
    attempt was due. A packet's call counts for every inquiry the packet answers."""
    columns = (FollowUp.status, FollowUp.outcome, FollowUp.called_at, FollowUp.due_on,
               FollowUp.attempt)  # fmt: skip
    own = select(FollowUp.inquiry_id.label("inquiry_id"), *columns)
    shared = (
        select(PacketInquiry.inquiry_id.label("inquiry_id"), *columns)
        .join(PacketInquiry, PacketInquiry.packet_id == FollowUp.packet_id)
        .where(PacketInquiry.inquiry_id != FollowUp.inquiry_id)
    )
    calls = union_all(own, shared).subquery()
    done = calls.c.status == FollowUpStatus.DONE
    reached = and_(done, calls.c.outcome.not_in(NOT_REACHED))
    return (
        select(
            calls.c.inquiry_id,
            func.min(case((done, calls.c.called_at))).label("first_call"),
            func.min(case((reached, calls.c.called_at))).label("first_reached"),
            func.min(case((calls.c.attempt == 1, calls.c.due_on))).label("due_on"),
        )
        .group_by(calls.c.inquiry_id)
        .subquery()
    )


def _rows(start: date, end: date) -> Select[Any]:
    calls = _calls_of_inquiries()
    return (
        select(
            Inquiry.received_at,
            Inquiry.source,
            Rep.name,
            Packet.printed_at,
            func.coalesce(Packet.mailed_at, Inquiry.mailed_at),
            calls.c.first_call,
            calls.c.first_reached,
            calls.c.due_on,
        )
        .select_from(Inquiry)
        .outerjoin(PacketInquiry, PacketInquiry.inquiry_id == Inquiry.id)
        .outerjoin(Packet, Packet.id == PacketInquiry.packet_id)
        .outerjoin(calls, calls.c.inquiry_id == Inquiry.id)
        .outerjoin(Rep, Rep.id == Inquiry.rep_id)
        .where(received_in(Inquiry.received_at, start, end))
    )


@dataclass
class _OnTime:
    """First calls due by the period's end, and those made on or before their due date."""

    due: int = 0
    on_time: int = 0

    def add(self, first_call: datetime | None, due_on: date | None, end: date) -> None:
        if due_on is None or (first_call is None and due_on > end):
            return
        self.due += 1
        self.on_time += first_call is not None and first_call.date() <= due_on


def turnaround_report(
    session: Session, *, start: date, end: date, profile: CompanyProfile
) -> Report:
    """Medians and 90th percentiles of each stage, overall and by week, source and rep."""
    overall = _Durations()
    by_week: dict[str, _Durations] = defaultdict(_Durations)
    by_source: dict[str, _Durations] = defaultdict(_Durations)
    by_rep: dict[str, _Durations] = defaultdict(_Durations)
    counts = dict.fromkeys(MOMENTS, 0)
    on_time = _OnTime()
    rows = session.execute(_rows(start, end).execution_options(yield_per=5000))
    for received, source, rep, printed, mailed, called, reached, due_on in rows:
        moments = dict(zip(MOMENTS, (received, printed, mailed, called, reached), strict=True))
        for groups, key in ((by_week, iso_week(received)), (by_source, label(source)),
                            (by_rep, label(rep))):  # fmt: skip
            groups[key].add(moments)
        overall.add(moments)
        for moment, at in moments.items():
            counts[moment] += at is not None
        on_time.add(called, due_on, end)
    weeks = sorted(by_week)
    return Report(
        name="turnaround",
        title="Turnaround (calendar days, fractions from times of day)",
        period=period_label(start, end),
        company=profile.name,
        tables=(
            Table(
                "By stage",
                ("stage", "inquiries", "median days", "90th percentile days"),
                tuple(
                    (
                        stage_name(s),
                        len(overall.days[stage_name(s)]),
                        overall.median(s),
                        overall.p90(s),
                    )
                    for s in STAGES
                ),
            ),
            Table("Inquiries at each stage", ("stage", "inquiries"), tuple(counts.items())),
            Table(
                "First calls made by their due date (first attempt, due by the period's end)",
                ("due", "on time", "share"),
                ((on_time.due, on_time.on_time, ratio(on_time.on_time, on_time.due)),),
            ),
            _group_table("By ISO week of receipt", "week", {w: by_week[w] for w in weeks}),
            _group_table("By source", "source", dict(sorted(by_source.items()))),
            _group_table("By rep", "rep", dict(sorted(by_rep.items()))),
        ),
        charts=(
            Chart(
                "Median days per stage by week of receipt",
                "line",
                tuple(weeks),
                tuple(
                    Series(stage_name(s), tuple(by_week[w].median(s) for w in weeks))
                    for s in STAGES
                ),
                unit="days",
            ),
        ),
        figures={
            "unit": "calendar days",
            "stages": {k: v for k, v in overall.figures().items() if k != "inquiries"},
            "counts": {moment.replace(" ", "_"): n for moment, n in counts.items()},
            "first_call_on_time": {
                "due": on_time.due,
                "on_time": on_time.on_time,
                "share": ratio(on_time.on_time, on_time.due),
            },
            "by_week": {week: by_week[week].figures() for week in weeks},
            "by_source": {key: group.figures() for key, group in sorted(by_source.items())},
            "by_rep": {key: group.figures() for key, group in sorted(by_rep.items())},
        },
    )


def _group_table(title: str, heading: str, groups: dict[str, _Durations]) -> Table:
    columns = [heading, "inquiries"]
    for stage in STAGES:
        columns += [f"{stage_name(stage)} median", f"{stage_name(stage)} p90"]
    return Table(title, tuple(columns), tuple((key, *g.cells()) for key, g in groups.items()))
