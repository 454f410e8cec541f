"""Find the contact an accepted row belongs to, or create it."""

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fulfilment.intake.matching import email_key, person_key
from fulfilment.intake.row import ValidRow
from fulfilment.models import Contact


def row_person_key(valid: ValidRow) -> str:
    """The name + company + postcode key of a row's sender."""
    row = valid.row
    return person_key(name=row.name, company=row.company, postcode=valid.address.postcode)


class ContactIndex:
    """Contacts that rows of one chunk may belong to, by e-mail and by person key."""

    def __init__(self, session: Session, rows: Iterable[ValidRow]) -> None:
        self._session = session
        rows = list(rows)
        emails = {key for row in rows if (key := email_key(row.row.email))}
        persons = {row_person_key(row) for row in rows}
        found = session.scalars(
            select(Contact)
            .where(or_(Contact.email_key.in_(emails), Contact.match_key.in_(persons)))
            .order_by(Contact.id)
        ).all()
        self._by_email = {c.email_key: c for c in found if c.email_key}
        self._by_person: dict[str, list[Contact]] = {}
        for contact in found:
            self._by_person.setdefault(contact.match_key, []).append(contact)

    def contact_for(self, valid: ValidRow, *, now: datetime) -> Contact:
        """The known contact for this row (e-mail first, then person key), else a new one."""
        row = valid.row
        key = email_key(row.email)
        person = row_person_key(valid)
        contact = self._by_email.get(key) if key else None
        if contact is None:
            contact = self._same_person(person, key)
        if contact is None:
            contact = self._create(valid, key=key, person=person, now=now)
        else:
            _fill_blanks(contact, valid, key)
        if contact.email_key:
            self._by_email[contact.email_key] = contact
        if contact not in self._by_person.setdefault(person, []):
            self._by_person[person].append(contact)
        if contact.first_contact_at is None or row.received_at < contact.first_contact_at:
            contact.first_contact_at = row.received_at
        return contact

    def _same_person(self, person: str, key: str | None) -> Contact | None:
        """Name + company + postcode match, unless both sides carry different e-mails."""
        for contact in self._by_person.get(person, []):
            if key is None or contact.email_key is None:
                return contact
        return None

    def _create(self, valid: ValidRow, *, key: str | None, person: str, now: datetime) -> Contact:
        row, address = valid.row, valid.address
        contact = Contact(
            name=row.name,
            title=row.title,
            company=row.company,
            address1=address.address1,
            address2=address.address2,
            city=address.city,
            region=address.region,
            postcode=address.postcode,
            country=address.country,
            phone=row.phone,
            fax=row.fax,
            email=row.email,
            email_key=key,
            match_key=person,
            created_at=now,
        )
        self._session.add(contact)
        return contact


def _fill_blanks(contact: Contact, valid: ValidRow, key: str | None) -> None:
    """A known contact keeps what we have; a new row only fills what was missing."""
    row = valid.row
    for field in ("title", "phone", "fax"):
        if not getattr(contact, field) and getattr(row, field):
            setattr(contact, field, getattr(row, field))
    if contact.email_key is None and key:
        contact.email, contact.email_key = row.email, key
