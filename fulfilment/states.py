"""The states an inquiry, a quarantined row, a batch, a packet, its items and a call move through."""

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
    """A call a rep owes; open until it is made."""

    OPEN = "open"


class ScanOutcome(StrEnum):
    """What scanning one packet number did; a packet not printed yet is told with its status."""

    MAILED = "mailed"
    ALREADY_MAILED = "already mailed"
    UNKNOWN = "unknown packet number"


def one_of(column: str, states: type[StrEnum]) -> str:
    """The CHECK rule that keeps a status column to these states."""
    return f"{column} IN ({', '.join(repr(state.value) for state in states)})"
