"""Import inquiry files and retry quarantined rows: one transaction per chunk of rows."""

import hashlib
import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from fulfilment.calls.schedule import Terms, at_receipt
from fulfilment.db import UnitOfWork
from fulfilment.errors import BadInput, NotFound
from fulfilment.intake.contacts import ContactIndex
from fulfilment.intake.fields import STANDARD_FIELDS
from fulfilment.intake.reader import RawRow, header_key, read_rows
from fulfilment.intake.row import RowValidator, ValidRow, storable
from fulfilment.models import (
    Contact,
    Event,
    FollowUp,
    Inquiry,
    InquiryProduct,
    Product,
    QuarantinedRow,
    Rep,
)
from fulfilment.settings import CompanyProfile
from fulfilment.states import FollowUpStatus, QuarantineStatus
from fulfilment.territory import Place, Territory, choose_rep

CHUNK_ROWS = 500
Progress = Callable[[int, int], None]


@dataclass
class ImportSummary:
    """What an import did with each row of the file."""

    rows: int = 0
    accepted: int = 0
    quarantined: int = 0
    duplicates: int = 0
    skipped_blank: int = 0
    unknown_columns: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RetryResult:
    """The outcome of retrying a quarantined row."""

    quarantine_id: int
    accepted: bool
    inquiry_id: int | None
    reasons: list[str]


def row_hash(fields: dict[str, str]) -> str:
    """A fingerprint of a row's content; empty fields and surrounding spaces do not count."""
    canonical = {key: value.strip() for key, value in sorted(fields.items()) if value.strip()}
    return hashlib.sha256(json.dumps(canonical, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class _ProductRef:
    id: int
    family: str


@dataclass
class _Reference:
    """Products and territories, read once per import as plain values."""

    products: dict[str, _ProductRef]
    territories: list[Territory]
    # Each active rep's country and region, for the business days of a call at receipt.
    calendars: dict[int, tuple[str, str]]

    @classmethod
    def load(cls, session: Session) -> "_Reference":
        products = {
            code: _ProductRef(id=id_, family=family)
            for id_, code, family in session.execute(
                select(Product.id, Product.code, Product.family)
            )
        }
        reps = session.scalars(
            select(Rep).where(Rep.active).options(selectinload(Rep.territory))
        ).all()
        return cls(
            products=products,
            territories=[_territory(rep) for rep in reps],
            calendars={rep.id: (rep.country, rep.region) for rep in reps},
        )


def _territory(rep: Rep) -> Territory:
    def values(kind: str) -> frozenset[str]:
        return frozenset(rule.value for rule in rep.territory if rule.kind == kind)

    return Territory(
        rep_id=rep.id,
        rep_code=rep.code,
        countries=values("country"),
        regions=values("region"),
        postcode_prefixes=values("postcode_prefix"),
        families=values("family"),
    )


class _Writer:
    """Stores accepted rows as inquiries and rejected rows in quarantine."""

    def __init__(
        self, session: Session, reference: _Reference, *, profile: CompanyProfile, now: datetime
    ) -> None:
        self.session = session
        self.reference = reference
        self.profile = profile
        self.now = now
        self._open_quarantine: dict[str, list[QuarantinedRow]] = {}
        # The call booked at receipt for each contact in this import, by the contact.
        self._calls: dict[int, FollowUp] = {}

    def add_inquiry(
        self, valid: ValidRow, *, content_hash: str, contacts: ContactIndex, origin: str
    ) -> Inquiry:
        row = valid.row
        contact = contacts.contact_for(valid, now=self.now)
        products = [self.reference.products[code] for code in row.products]
        territory = choose_rep(
            self.reference.territories,
            Place(
                country=valid.address.country,
                region=valid.address.region,
                postcode=valid.address.postcode,
                families=frozenset(p.family for p in products if p.family),
            ),
        )
        inquiry = Inquiry(
            external_id=row.external_id or None,
            content_hash=content_hash,
            contact=contact,
            rep_id=territory.rep_id if territory else None,
            received_at=row.received_at,
            source=row.source,
            source_detail=row.source_detail,
            source_page=row.source_page,
            response=row.response,
            timeframe=row.timeframe,
            urgency=row.urgency,
            use=row.use,
            comments=row.comments,
            custom=valid.custom,
            extra=valid.extra,
            created_at=self.now,
            products=[
                InquiryProduct(product_id=product.id, position=position)
                for position, product in enumerate(products)
            ],
        )
        inquiry.events = [
            Event(at=row.received_at, kind="received", detail=_received_detail(valid)),
            Event(at=self.now, kind="imported", detail=origin),
            Event(
                at=self.now,
                kind="assigned" if territory else "unassigned",
                detail=f"rep {territory.rep_code}" if territory else "no rep covers this territory",
            ),
        ]
        self.session.add(inquiry)
        self._book_call_at_receipt(inquiry)
        self._supersede_quarantine(row.external_id, inquiry)
        return inquiry

    def _book_call_at_receipt(self, inquiry: Inquiry) -> None:
        """An inquiry asking for a call gets one at once, by the rules; no packet is awaited."""
        country, region = self.reference.calendars.get(inquiry.rep_id or 0, ("", ""))
        booking = at_receipt(
            self.profile.follow_up,
            Terms(
                response=inquiry.response,
                timeframe=inquiry.timeframe,
                urgency=inquiry.urgency,
                country=country or self.profile.default_country,
                region=region,
            ),
            received=inquiry.received_at.date(),
        )
        if booking is None:
            return
        # A contact asking for a call twice gets the one call already booked.
        call = self._calls.get(id(inquiry.contact)) or self._open_call_of(inquiry.contact)
        if call is None:
            call = FollowUp(
                inquiry=inquiry,
                rep_id=inquiry.rep_id,
                due_on=booking.due_on,
                reason=booking.reason,
                basis=booking.basis,
                days=booking.days,
                created_at=self.now,
            )
            self.session.add(call)
            self._calls[id(inquiry.contact)] = call
        inquiry.next_call_on, inquiry.next_call_rep_id = call.due_on, call.rep_id
        inquiry.next_call_reason = call.reason

    def _open_call_of(self, contact: Contact) -> FollowUp | None:
        """An open call about an earlier inquiry of a contact stored before this import."""
        if contact.id is None:
            return None
        return self.session.scalar(
            select(FollowUp)
            .join(Inquiry, Inquiry.id == FollowUp.inquiry_id)
            .where(Inquiry.contact_id == contact.id, FollowUp.status == FollowUpStatus.OPEN)
            .order_by(FollowUp.due_on)
            .limit(1)
        )

    def watch_quarantine(self, external_ids: Collection[str]) -> None:
        """Load the open quarantined rows an accepted row of these ids will supersede."""
        self._open_quarantine = {}
        for held in self.session.scalars(
            select(QuarantinedRow).where(
                QuarantinedRow.external_id.in_([i for i in external_ids if i]),
                QuarantinedRow.status == QuarantineStatus.OPEN,
            )
        ):
            self._open_quarantine.setdefault(held.external_id or "", []).append(held)

    def _supersede_quarantine(self, external_id: str, inquiry: Inquiry) -> None:
        for stale in self._open_quarantine.pop(external_id, []) if external_id else []:
            stale.status, stale.inquiry, stale.updated_at = (
                QuarantineStatus.SUPERSEDED,
                inquiry,
                self.now,
            )

    def quarantine(self, raw: RawRow, *, source: str, raw_hash: str, reasons: list[str]) -> None:
        external_id = storable(raw.fields.get("external_id", "").strip()[:500]) or None
        self.session.add(
            QuarantinedRow(
                source=source[:500],
                row_number=raw.number,
                external_id=external_id,
                raw_hash=raw_hash,
                # The kept copy has U+FFFD for NUL: PostgreSQL's json type stores the \u0000
                # escape, but its operators and jsonb refuse it, and a retry must not meet
                # the NUL again in a column --set cannot name.
                raw={storable(key): storable(value) for key, value in raw.fields.items()},
                reasons=reasons,
                created_at=self.now,
                updated_at=self.now,
            )
        )


def _received_detail(valid: ValidRow) -> str:
    row = valid.row
    parts = [part for part in (row.source, row.source_detail) if part]
    if row.source_page:
        parts.append(f"page {row.source_page}")
    return "via " + ", ".join(parts) if parts else "source not given"


def import_inquiries(
    uow: UnitOfWork,
    path: Path,
    *,
    profile: CompanyProfile,
    now: datetime,
    on_progress: Progress | None = None,
) -> ImportSummary:
    """Import every row of a file: accepted, quarantined or recognised as a duplicate.

    Each chunk of CHUNK_ROWS rows is committed as it is done.
    """
    file = read_rows(path)
    summary = ImportSummary(rows=len(file.rows), skipped_blank=file.skipped_blank)
    reference = _Reference.load(uow.session)
    validator = RowValidator(profile=profile, product_codes=set(reference.products))
    summary.unknown_columns = sorted(
        {key for raw in file.rows for key in raw.fields}
        - set(STANDARD_FIELDS)
        - set(profile.custom_fields)
    )
    seen: set[str] = set()
    for start in range(0, len(file.rows), CHUNK_ROWS):
        chunk = file.rows[start : start + CHUNK_ROWS]
        _import_chunk(
            _Writer(uow.session, reference, profile=profile, now=now),
            chunk,
            validator=validator,
            source=path.name,
            seen=seen,
            summary=summary,
        )
        uow.commit()
        if on_progress:
            on_progress(start + len(chunk), len(file.rows))
    return summary


def _import_chunk(
    writer: _Writer,
    chunk: Sequence[RawRow],
    *,
    validator: RowValidator,
    source: str,
    seen: set[str],
    summary: ImportSummary,
) -> None:
    session = writer.session
    hashes = [row_hash(raw.fields) for raw in chunk]
    results = [validator.validate(raw.fields) for raw in chunk]
    # Looked up as stored: a NUL would make PostgreSQL refuse the whole query.
    external_ids = [storable(raw.fields.get("external_id", "").strip()) for raw in chunk]
    known = set(
        session.scalars(select(Inquiry.external_id).where(Inquiry.external_id.in_(external_ids)))
    )
    known.update(
        session.scalars(select(Inquiry.content_hash).where(Inquiry.content_hash.in_(hashes)))
    )
    known.update(
        session.scalars(select(QuarantinedRow.raw_hash).where(QuarantinedRow.raw_hash.in_(hashes)))
    )
    contacts = ContactIndex(session, (r for r in results if isinstance(r, ValidRow)))
    writer.watch_quarantine(external_ids)
    for raw, digest, external_id, result in zip(chunk, hashes, external_ids, results, strict=True):
        keys = {digest, f"id:{external_id}"} if external_id else {digest}
        if digest in known or external_id in known or keys & seen:
            summary.duplicates += 1
            continue
        seen.update(keys)
        if isinstance(result, ValidRow):
            writer.add_inquiry(
                result, content_hash=digest, contacts=contacts, origin=f"{source} row {raw.number}"
            )
            summary.accepted += 1
        else:
            writer.quarantine(raw, source=source, raw_hash=digest, reasons=result)
            summary.quarantined += 1


def retry_quarantined(
    uow: UnitOfWork,
    quarantine_id: int,
    fixes: dict[str, str],
    *,
    profile: CompanyProfile,
    now: datetime,
) -> RetryResult:
    """Apply fixes to a quarantined row and try it again; fixes are kept even if it still fails."""
    fixes = {header_key(name): value for name, value in fixes.items()}
    allowed = set(STANDARD_FIELDS) | set(profile.custom_fields)
    unknown = sorted(set(fixes) - allowed)
    held = uow.session.get(QuarantinedRow, quarantine_id)
    if held is None:
        raise NotFound(f"no quarantined row {quarantine_id}; see 'litcenter quarantine list'")
    if held.status != QuarantineStatus.OPEN:
        raise BadInput(
            f"quarantined row {quarantine_id} is already {held.status} "
            f"(inquiry {held.inquiry_id}); nothing to retry"
        )
    if unknown:
        raise BadInput(
            f"unknown field {', '.join(unknown)}; fields are: {', '.join(sorted(allowed))}"
        )
    reference = _Reference.load(uow.session)
    writer = _Writer(uow.session, reference, profile=profile, now=now)
    held.fixes = {**held.fixes, **fixes}
    fields = {**held.raw, **held.fixes}
    result = RowValidator(profile=profile, product_codes=set(reference.products)).validate(fields)
    if isinstance(result, ValidRow):
        result_reasons = _duplicate_reasons(uow.session, result, row_hash(fields))
    else:
        result_reasons = result
    held.updated_at = now
    if result_reasons:
        held.reasons = result_reasons
        uow.commit()
        return RetryResult(quarantine_id, accepted=False, inquiry_id=None, reasons=result_reasons)
    assert isinstance(result, ValidRow)
    writer.watch_quarantine([result.row.external_id])
    fixed = ", ".join(f"{key}={value}" for key, value in held.fixes.items())
    inquiry = writer.add_inquiry(
        result,
        content_hash=row_hash(fields),
        contacts=ContactIndex(uow.session, [result]),
        origin=f"{held.source} row {held.row_number}, from quarantine {held.id} ({fixed})",
    )
    held.status, held.inquiry, held.reasons = QuarantineStatus.ACCEPTED, inquiry, []
    uow.commit()
    return RetryResult(quarantine_id, accepted=True, inquiry_id=inquiry.id, reasons=[])


def _duplicate_reasons(session: Session, valid: ValidRow, digest: str) -> list[str]:
    external_id = valid.row.external_id
    if external_id:
        existing = session.scalar(select(Inquiry.id).where(Inquiry.external_id == external_id))
        if existing is not None:
            return [f"external_id: {external_id!r} is already inquiry {existing}; set another"]
    existing = session.scalar(select(Inquiry.id).where(Inquiry.content_hash == digest))
    if existing is not None:
        return [f"row: the same inquiry is already stored as inquiry {existing}"]
    return []
