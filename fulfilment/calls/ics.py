"""An iCalendar file of a rep's open calls: one all-day event per call on its due date."""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from fulfilment.calls.sheet_data import CallContext, RepInfo


def uid_host(email: str, company: str) -> str:
    """What follows the @ of every call's UID: the domain of the center's address, else a
    name made from the company's."""
    domain = email.rpartition("@")[2].strip().lower()
    if domain:
        return domain
    return "".join(c for c in company.lower() if c.isalnum()) or "litcenter"


def _summary(call: CallContext) -> str:
    contact = call.contact
    name = contact.name or contact.company or "contact"
    return f"Call {name} ({contact.company})" if contact.company else f"Call {name}"


def _description(call: CallContext) -> str:
    lines = [f"Phone: {call.contact.phone or 'none'}"]
    if call.contact.email:
        lines.append(f"E-mail: {call.contact.email}")
    if call.reason:
        lines.append(f"Why: {call.reason}")
    products = "; ".join(f"{p.code} {p.name}" for p in call.products)
    lines.append(f"Products: {products or 'none named'}")
    packet = call.packet
    if packet is None:
        lines.append("Packet: nothing mailed yet")
    else:
        when = packet.mailed_at or packet.printed_at
        went = "mailed" if packet.mailed_at else "printed"
        lines.append(
            f"Packet: {packet.number}, "
            + (f"{went} {when:%Y-%m-%d}" if when else "not yet printed")
        )
    lines.append(f"Call id: {call.id}")
    return "\n".join(lines)


def calls_calendar(
    calls: Sequence[CallContext], *, rep: RepInfo, host: str, stamp: datetime
) -> bytes:
    """The calendar: one all-day event per call on its due date, each with a UID that stays the
    same in every export, so a calendar that imports it again updates the call's event."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{host}//litcenter calls//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Calls of {rep.name} ({rep.code})")
    stamped = stamp.astimezone(UTC)
    for call in calls:
        event = Event()
        event.add("uid", f"call-{call.id}@{host}")
        event.add("dtstamp", stamped)
        event.add("dtstart", call.due_on)
        event.add("dtend", call.due_on + timedelta(days=1))
        event.add("summary", _summary(call))
        event.add("description", _description(call))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
