"""When each follow-up call is due: at receipt, after printing, after mailing, or a retry."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fulfilment.calls.calendar import add_business_days
from fulfilment.calls.rules import FollowUpRules


@dataclass(frozen=True)
class Terms:
    """What of an inquiry the rules look at, and the calendar of the rep who calls."""

    response: str
    timeframe: str
    urgency: str
    country: str
    region: str = ""


@dataclass(frozen=True)
class Booking:
    """A call to book: its due date, what that counts from, the rule's days and reason."""

    due_on: date
    basis: str
    days: int
    reason: str


def at_receipt(rules: FollowUpRules, terms: Terms, *, received: date) -> Booking | None:
    """The call an inquiry gets as soon as it arrives ("call me"), if its rule says so."""
    rule = rules.rule_for(response=terms.response, timeframe=terms.timeframe, urgency=terms.urgency)
    if rule is None or not rule.call or rule.after != "received":
        return None
    due = add_business_days(received, rule.days, country=terms.country, region=terms.region)
    return Booking(due, "received", rule.days, rule.reason or "asked for a call")


def after_printing(
    rules: FollowUpRules, terms: Terms, *, printed: date, international: bool
) -> Booking | None:
    """The call after a packet printed today, counting its transit until it is scanned."""
    rule = rules.rule_for(
        response=terms.response, timeframe=terms.timeframe, urgency=terms.urgency, after="mailed"
    )
    if rule is None or not rule.call:
        return None
    transit = rules.transit_days_international if international else rules.transit_days
    due = add_business_days(
        printed, transit + rule.days, country=terms.country, region=terms.region
    )
    return Booking(due, "printed", rule.days, rule.reason or "after mailing")


def after_mailing(days: int, *, mailed: date, country: str, region: str = "") -> date:
    """The due date of a packet's call counted again from the day it was scanned as mailed."""
    return add_business_days(mailed, days, country=country, region=region)


def packet_call(
    rules: FollowUpRules, answered: Sequence[Terms], *, printed: date, international: bool
) -> tuple[int, Booking] | None:
    """Which of a packet's inquiries (in the order received) its one call follows, and when:
    the one whose rule makes it soonest, the first of those on a tie; None books no call."""
    bookings = [
        (position, booking)
        for position, terms in enumerate(answered)
        if (booking := after_printing(rules, terms, printed=printed, international=international))
    ]
    return min(bookings, key=lambda pair: (pair[1].due_on, pair[0]), default=None)


def retry(
    rules: FollowUpRules, *, attempt: int, today: date, country: str, region: str = ""
) -> Booking | None:
    """The next try after an unanswered call, until the rules' number of tries is reached."""
    if attempt >= rules.max_tries:
        return None
    due = add_business_days(today, rules.retry_days, country=country, region=region)
    return Booking(due, "logged", rules.retry_days, f"try {attempt + 1} of {rules.max_tries}")
