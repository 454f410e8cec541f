"""Calls: whether reps' ratings foretell wins, open calls overdue, and each rep's calls."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from fulfilment.models import Contact, FollowUp, Inquiry, Rep
from fulfilment.reports.common import NOT_REACHED, label, period_label, ratio, received_in
from fulfilment.reports.model import Chart, Report, Series, Table
from fulfilment.settings import CompanyProfile
from fulfilment.states import CallOutcome, FollowUpStatus

RATINGS = range(1, 11)
LOST = (CallOutcome.LOST.value, CallOutcome.NOT_INTERESTED.value)


@dataclass
class _Inquiry:
    """What an inquiry's calls came to: its latest rating, and whether it was won or lost."""

    rating: int | None = None
    won: bool = False
    lost: bool = False


def _inquiry_outcomes(session: Session, start: date, end: date) -> dict[int, _Inquiry]:
    rows = session.execute(
        select(FollowUp.inquiry_id, FollowUp.rating, FollowUp.outcome)
        .join(Inquiry, Inquiry.id == FollowUp.inquiry_id)
        .where(FollowUp.status == FollowUpStatus.DONE, received_in(Inquiry.received_at, start, end))
        .order_by(FollowUp.inquiry_id, FollowUp.called_at, FollowUp.id)
        .execution_options(yield_per=5000)
    )
    outcomes: dict[int, _Inquiry] = defaultdict(_Inquiry)
    for inquiry_id, rating, outcome in rows:
        seen = outcomes[inquiry_id]
        seen.rating = rating if rating is not None else seen.rating
        seen.won |= outcome == CallOutcome.WON
        seen.lost |= outcome in LOST
    return outcomes


def _rating_rows(outcomes: dict[int, _Inquiry]) -> list[tuple[int, int, int, int, int]]:
    """Per rating 1-10: inquiries whose latest rating it is, won, lost (not won), still open."""
    counts = {rating: [0, 0, 0] for rating in RATINGS}
    for seen in outcomes.values():
        if seen.rating is None:
            continue
        counts[seen.rating][0 if seen.won else 1 if seen.lost else 2] += 1
    return [(rating, sum(c), c[0], c[1], c[2]) for rating, c in counts.items()]


def _overdue(session: Session, end: date) -> list[tuple[Any, ...]]:
    rows = session.execute(
        select(
            Rep.name,
            FollowUp.inquiry_id,
            Contact.name,
            Contact.company,
            FollowUp.due_on,
            FollowUp.attempt,
        )
        .select_from(FollowUp)
        .join(Inquiry, Inquiry.id == FollowUp.inquiry_id)
        .join(Contact, Contact.id == Inquiry.contact_id)
        .outerjoin(Rep, Rep.id == FollowUp.rep_id)
        .where(FollowUp.status == FollowUpStatus.OPEN, FollowUp.due_on < end)
        .order_by(FollowUp.due_on, FollowUp.id)
    )
    listed = [
        (label(rep), inquiry, name or company, due.isoformat(), (end - due).days, attempt)
        for rep, inquiry, name, company, due, attempt in rows
    ]
    return sorted(listed, key=lambda row: (row[0], -row[4], row[1]))


def _per_rep(session: Session, start: date, end: date) -> list[tuple[Any, ...]]:
    reached = FollowUp.outcome.not_in(NOT_REACHED)
    rows = session.execute(
        select(
            Rep.name,
            func.count(FollowUp.id),
            func.sum(case((reached, 1), else_=0)),
            func.avg(FollowUp.rating),
            func.sum(case((FollowUp.outcome == CallOutcome.WON, 1), else_=0)),
        )
        .select_from(FollowUp)
        .outerjoin(Rep, Rep.id == FollowUp.rep_id)
        .where(FollowUp.status == FollowUpStatus.DONE, received_in(FollowUp.called_at, start, end))
        .group_by(Rep.name)
    )
    listed = [
        (label(rep), made, reached_n, None if avg is None else round(float(avg), 2), wins)
        for rep, made, reached_n, avg, wins in rows
    ]
    return sorted(listed, key=lambda row: row[0])


def calls_report(session: Session, *, start: date, end: date, profile: CompanyProfile) -> Report:
    """Ratings against outcomes, overdue open calls and calls per rep."""
    ratings = _rating_rows(_inquiry_outcomes(session, start, end))
    overdue = _overdue(session, end)
    per_rep = _per_rep(session, start, end)
    win_share = [ratio(won, rated) for _, rated, won, _, _ in ratings]
    overdue_by_rep: dict[str, int] = defaultdict(int)
    for row in overdue:
        overdue_by_rep[row[0]] += 1
    return Report(
        name="calls",
        title="Calls: ratings and outcomes, overdue calls, calls per rep",
        period=period_label(start, end),
        company=profile.name,
        tables=(
            Table(
                "Latest rating of each inquiry against what became of it",
                ("rating", "inquiries", "won", "lost", "open", "win share"),
                tuple((*row, share) for row, share in zip(ratings, win_share, strict=True)),
            ),
            Table(
                f"Open calls due before {end.isoformat()} (any inquiry), days overdue then",
                ("rep", "inquiry", "contact", "due", "days overdue", "attempt"),
                tuple(overdue),
            ),
            Table(
                "Calls made in the period per rep",
                ("rep", "made", "reached", "average rating", "wins"),
                tuple(per_rep),
            ),
        ),
        charts=(
            Chart(
                "Win share by latest rating",
                "bar",
                tuple(str(rating) for rating in RATINGS),
                (Series("win share", tuple(win_share)),),
            ),
        ),
        figures={
            "ratings": [
                {
                    "rating": rating,
                    "inquiries": rated,
                    "won": won,
                    "lost": lost,
                    "open": open_,
                    "win_share": share,
                }
                for (rating, rated, won, lost, open_), share in zip(ratings, win_share, strict=True)
            ],
            "overdue": [
                {
                    "rep": rep,
                    "inquiry_id": inquiry,
                    "contact": contact,
                    "due_on": due,
                    "days_overdue": days,
                    "attempt": attempt,
                }
                for rep, inquiry, contact, due, days, attempt in overdue
            ],
            "overdue_by_rep": dict(sorted(overdue_by_rep.items())),
            "per_rep": [
                {"rep": rep, "made": made, "reached": reached, "average_rating": avg, "wins": wins}
                for rep, made, reached, avg, wins in per_rep
            ],
        },
    )
