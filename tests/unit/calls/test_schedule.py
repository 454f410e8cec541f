"""Due dates: a packet's one call follows its most pressing inquiry, transit counts until the
packet is scanned, and unanswered calls are tried again a few times."""

from datetime import date

from fulfilment.calls.rules import FollowUpRules
from fulfilment.calls.schedule import Terms, after_mailing, at_receipt, packet_call, retry

RULES = FollowUpRules()
MONDAY = date(2026, 12, 7)


def terms(timeframe: str = "unknown", urgency: str = "normal", response: str = "mail") -> Terms:
    return Terms(response=response, timeframe=timeframe, urgency=urgency, country="US")


def test_a_packet_call_follows_the_inquiry_that_makes_it_soonest() -> None:
    chosen = packet_call(
        RULES, [terms("1y"), terms("6m"), terms("immediate")], printed=MONDAY, international=False
    )
    assert chosen is not None
    position, booking = chosen
    # Three days' transit plus the two of "buying now".
    assert (position, booking.due_on, booking.reason) == (2, date(2026, 12, 14), "buying now")
    assert (booking.basis, booking.days) == ("printed", 2)


def test_on_a_tie_the_first_inquiry_received_is_followed() -> None:
    chosen = packet_call(RULES, [terms("3m"), terms("unknown")], printed=MONDAY,
                         international=False)  # fmt: skip
    assert chosen is not None and chosen[0] == 0


def test_international_packets_allow_more_transit() -> None:
    home = packet_call(RULES, [terms("3m")], printed=MONDAY, international=False)
    abroad = packet_call(RULES, [terms("3m")], printed=MONDAY, international=True)
    assert home is not None and abroad is not None
    assert (home[1].due_on, abroad[1].due_on) == (date(2026, 12, 17), date(2026, 12, 23))


def test_only_collecting_literature_books_no_call() -> None:
    assert packet_call(RULES, [terms(urgency="info")], printed=MONDAY, international=False) is None
    info_and_rush = [terms(urgency="info"), terms(urgency="rush")]
    chosen = packet_call(RULES, info_and_rush, printed=MONDAY, international=False)
    assert chosen is not None and chosen[0] == 1


def test_a_call_request_is_booked_at_receipt_and_mail_is_not() -> None:
    booking = at_receipt(RULES, terms(response="call"), received=date(2026, 12, 4))
    assert booking is not None
    assert (booking.due_on, booking.basis, booking.reason) == (
        date(2026, 12, 7), "received", "asked for a call",
    )  # fmt: skip
    assert at_receipt(RULES, terms(), received=date(2026, 12, 4)) is None


def test_mailing_counts_the_rule_days_from_the_scan() -> None:
    assert after_mailing(5, mailed=date(2026, 12, 9), country="US") == date(2026, 12, 16)


def test_unanswered_calls_are_tried_until_the_rules_say_stop() -> None:
    tries = [retry(RULES, attempt=n, today=MONDAY, country="US") for n in range(1, 5)]
    assert [t.reason if t else None for t in tries] == [
        "try 2 of 4", "try 3 of 4", "try 4 of 4", None,
    ]  # fmt: skip
    assert tries[0] is not None and tries[0].due_on == date(2026, 12, 9)
