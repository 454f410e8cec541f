"""The states an inquiry, a quarantined row, a batch, a packet, its items and a call move
through; a call's outcomes and a contact's stages."""

from enum import StrEnum


class InquiryStatus(StrEnum):
    """new -> planned -> printed -> mailed; held while nothing can be sent."""

    NEW = "new"
    HELD = "held"
    PLANNED = "planned"
    PRINTED = "printed"
    MAILED = "mailed"


class QuarantineStatus(StrEnum):
    """A refused row stays open until it is fixed (accepted) or a later row replaces it."""

    OPEN = "open"
    ACCEPTED = "accepted"
    SUPERSEDED = "superseded"


class BatchStatus(StrEnum):
    """planned -> reserved -> assembled -> committed: each step checks the one before."""

    PLANNED = "planned"
    RESERVED = "reserved"
    ASSEMBLED = "assembled"
    COMMITTED = "committed"


class PacketStatus(StrEnum):
    """planned -> printed (at commit) -> mailed (scanned, or its e-mail sent)."""

    PLANNED = "planned"
    PRINTED = "printed"
    MAILED = "mailed"


class ItemStatus(StrEnum):
    """A packet item: planned, then reserved, substituted or backordered; picked at commit.

    Items of e-mailed packets are attached to the message and take no stock; an item the
    contact received lately is skipped, kept on the packet so the letter can say when it went.
    """

    PLANNED = "planned"
    ATTACHED = "attached"
    RESERVED = "reserved"
    SUBSTITUTED = "substituted"
    BACKORDERED = "backordered"
    PICKED = "picked"
    SKIPPED = "skipped"


class FollowUpStatus(StrEnum):
    """A call a rep owes: open until it is made, then done with its outcome."""

    OPEN = "open"
    DONE = "done"


class CallOutcome(StrEnum):
    """What a follow-up call came to, as the rep logs it."""

    REACHED = "reached"
    NO_ANSWER = "no answer"
    LEFT_MESSAGE = "left message"
    NOT_INTERESTED = "not interested"
    MEETING_SET = "meeting set"
    QUOTE_REQUESTED = "quote requested"
    WON = "won"
    LOST = "lost"


class ContactStage(StrEnum):
    """Where a contact stands with sales; calls move it."""

    PROSPECT = "prospect"
    KEY_PROSPECT = "key prospect"
    CUSTOMER = "customer"
    DEAD = "dead"


class ScanOutcome(StrEnum):
    """What scanning one packet number did; a packet not printed yet is told with its status."""

    MAILED = "mailed"
    ALREADY_MAILED = "already mailed"
    UNKNOWN = "unknown packet number"


def one_of(column: str, states: type[StrEnum]) -> str:
    """The CHECK rule that keeps a status column to these states."""
    return f"{column} IN ({', '.join(repr(state.value) for state in states)})"
