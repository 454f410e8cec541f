"""Allocation for a batch: lock, check everything, then reserve, substitute or backorder."""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any, cast

from sqlalchemy import Executable, Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from fulfilment.errors import BadInput
from inventory import ledger
from inventory.locks import lock_stock
from inventory.lookup import items_by_code, normal_code
from inventory.models import (
    BACKORDERED,
    PICKED,
    RELEASED,
    RESERVED,
    Allocation,
    AllocationLine,
    LiteratureItem,
    Stock,
    Substitute,
)


@dataclass(frozen=True)
class Request:
    """One packet's need for one item: the packet's key (e.g. its number), item code, copies."""

    key: str
    code: str
    qty: int = 1


@dataclass(frozen=True)
class Outcome:
    """Where a request stands: reserved (as itself or a substitute), backordered, picked, released."""

    key: str
    code: str
    qty: int
    status: str
    filled_code: str | None

    @property
    def substituted(self) -> bool:
        return self.filled_code is not None and self.filled_code != self.code


@dataclass(frozen=True)
class AllocationResult:
    """One outcome per distinct request, in request order, and the earlier backorders now filled."""

    outcomes: list[Outcome]
    backorders_filled: list[Outcome] = field(default_factory=list)

    @property
    def backordered(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == BACKORDERED]

    @property
    def substituted(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.substituted]


@dataclass(slots=True)
class _Allocation:
    """An allocation row as plain values: ORM objects cost too much at a batch's thousands."""

    id: int | None
    request_key: str
    item_id: int
    qty: int
    status: str
    filled_item_id: int | None = None


_COLUMNS = (
    Allocation.id,
    Allocation.request_key,
    Allocation.item_id,
    Allocation.qty,
    Allocation.status,
    Allocation.filled_item_id,
)
# Core statements take a Table; the ORM types a mapped class's __table__ as a FromClause.
_ALLOCATION_TABLE = cast(Table, Allocation.__table__)
_ALLOCATION_LINE_TABLE = cast(Table, AllocationLine.__table__)
# Rows or ids per statement: PostgreSQL takes at most 65,535 parameters in one.
_SLICE = 10_000


class Shortage(BadInput):
    """Requests that neither their item nor a substitute can fill; nothing was written."""

    def __init__(self, shortfalls: list[Request]) -> None:
        self.shortfalls = shortfalls
        listed = ", ".join(f"{r.key}: {r.qty} x {r.code}" for r in shortfalls[:10])
        more = f" and {len(shortfalls) - 10} more" if len(shortfalls) > 10 else ""
        super().__init__(
            f"not enough stock for {len(shortfalls)} request(s) ({listed}{more}); "
            "receive or transfer stock, or allow backorders; nothing was allocated"
        )


def reserve_draws(session: Session, keys: Sequence[str]) -> dict[str, int]:
    """Copies these keys' reservations hold in the reserve cartons, by item code.

    The pick list has staff bring them to the shelf first, so the shelf walk finds them.
    """
    drawn: dict[str, int] = defaultdict(int)
    for some in _slices(sorted(set(keys))):
        rows = session.execute(
            select(LiteratureItem.code, func.sum(AllocationLine.qty))
            .join(Stock, Stock.item_id == LiteratureItem.id)
            .join(AllocationLine, AllocationLine.stock_id == Stock.id)
            .join(Allocation, Allocation.id == AllocationLine.allocation_id)
            .where(
                Allocation.status == RESERVED,
                Allocation.request_key.in_(some),
                Stock.location == "reserve",
            )
            .group_by(LiteratureItem.code)
        )
        for code, qty in rows:
            drawn[code] += int(qty)
    return dict(sorted(drawn.items()))


def lock_for_codes(session: Session, codes: Iterable[str]) -> None:
    """Lock, in one go and in primary-key order, every stock row allocating these codes can touch.

    For a caller that allocates a large batch in slices inside one transaction: each slice's
    `allocate` then locks only rows it already holds, so the slices take no lock out of
    primary-key order and two concurrent batches still cannot deadlock.
    """
    items = items_by_code(session, {normal_code(code) for code in codes})
    waiting = _backorder_items(session)
    lock_stock(session, _lock_set([*items.values(), *waiting.values()]))


def lock_for_picking(session: Session, keys: Iterable[str]) -> None:
    """Lock, in one go and in primary-key order, every stock row picking these keys can touch.

    The counterpart of `lock_for_codes` for a caller that picks a large batch in slices
    inside one transaction.
    """
    lock_stock(session, _pick_lock_set(session, keys))


def allocate(
    session: Session,
    requests: Sequence[Request],
    *,
    now: datetime,
    allow_backorder: bool = True,
) -> AllocationResult:
    """Allocate requests inside the caller's transaction; repeating a request changes nothing.

    Earlier backorders are served first, oldest first, from stock that has arrived since.
    The caller commits.
    """
    wanted, problems = _distinct(requests)
    items = items_by_code(session, {r.code for r in wanted})
    problems += _item_problems(wanted, items)
    waiting = _backorder_items(session)
    stocks = lock_stock(session, _lock_set([*items.values(), *waiting.values()]))
    existing = _existing(session, wanted, items)
    problems += [
        f"{r.key}: {r.code} was allocated {existing[r.key, r.code].qty}, not {r.qty}; "
        "release it first"
        for r in wanted
        if (r.key, r.code) in existing and existing[r.key, r.code].qty != r.qty
    ]
    if problems:
        raise BadInput("; ".join(problems) + "; nothing was allocated")

    room = _Stockroom(stocks)
    filled: list[tuple[_Allocation, int, list[tuple[int, int]]]] = []
    backorders = [
        _Allocation(*row)
        for row in session.execute(
            select(*_COLUMNS).where(Allocation.status == BACKORDERED).order_by(Allocation.id)
        )
    ]
    for allocation in backorders:
        item = waiting.get(allocation.item_id)
        plan = room.plan(item, allocation.qty) if item else None
        if plan:
            filled.append((allocation, *plan))
    settled = dict(existing)
    fresh: list[_Allocation] = []
    shortfalls: list[Request] = []
    for request in wanted:
        if (request.key, request.code) in settled:
            continue
        item = items[request.code]
        allocation = _Allocation(None, request.key, item.id, request.qty, BACKORDERED)
        plan = room.plan(item, request.qty)
        if plan:
            filled.append((allocation, *plan))
        else:
            shortfalls.append(request)
        fresh.append(allocation)
        settled[request.key, request.code] = allocation
    if shortfalls and not allow_backorder:
        raise Shortage(shortfalls)

    _write(session, filled, fresh, stocks=room.by_id, at=now)
    backorder_ids = {a.id for a in backorders}
    return AllocationResult(
        outcomes=_outcomes(session, [settled[r.key, r.code] for r in wanted]),
        backorders_filled=_outcomes(session, [a for a, _, _ in filled if a.id in backorder_ids]),
    )


def pick(session: Session, keys: Sequence[str], *, now: datetime) -> list[Outcome]:
    """Take the reserved units of these keys off the shelves; picked ones stay picked.

    Inside the caller's transaction; the caller commits.
    """
    allocations, lines, stocks = _locked_allocations(session, keys)
    picks: dict[int, list[tuple[str, int]]] = defaultdict(list)
    done = []
    for allocation in allocations:
        if allocation.status == RESERVED:
            for stock_id, qty in lines.get(allocation.id, []):
                picks[stock_id].append((allocation.request_key, qty))
            allocation.status = PICKED
            done.append(allocation.id)
    _set_status(session, done, PICKED, at=now)
    for stock_id in sorted(picks):
        ledger.pick(session, stocks[stock_id], picks[stock_id], at=now)
    return _outcomes(session, allocations)


def release(session: Session, keys: Sequence[str], *, now: datetime) -> list[Outcome]:
    """Cancel the reservations and backorders of these keys; picked units are not returned.

    A released request stays released: allocating the same key and item again changes nothing.
    Inside the caller's transaction; the caller commits.
    """
    allocations, lines, stocks = _locked_allocations(session, keys)
    held: dict[int, int] = defaultdict(int)
    done = []
    for allocation in allocations:
        if allocation.status == RESERVED:
            for stock_id, qty in lines.get(allocation.id, []):
                held[stock_id] += qty
        if allocation.status in (RESERVED, BACKORDERED):
            allocation.status = RELEASED
            done.append(allocation.id)
    _set_status(session, done, RELEASED, at=now)
    for stock_id in sorted(held):
        ledger.unreserve(session, stocks[stock_id], held[stock_id])
    return _outcomes(session, allocations)


def outcomes(session: Session, keys: Sequence[str]) -> list[Outcome]:
    """Where the requests of these keys stand, by key then item code."""
    return _outcomes(session, _allocations_of(session, keys, statuses=None))


def _set_status(session: Session, ids: list[int | None], status: str, *, at: datetime) -> None:
    """The allocations the caller read under the stock lock, by id, a slice per statement.

    By id, not by key and status: one a concurrent run adds meanwhile is not the caller's.
    Sliced, as PostgreSQL takes at most 65,535 parameters in one statement.
    """
    for start in range(0, len(ids), _SLICE):
        session.execute(
            update(Allocation)
            .where(Allocation.id.in_(ids[start : start + _SLICE]))
            .values(status=status, updated_at=at)
            .execution_options(synchronize_session=False)
        )


def _distinct(requests: Sequence[Request]) -> tuple[list[Request], list[str]]:
    """Requests normalised and without repeats; a repeat asking for a different qty is wrong."""
    seen: dict[tuple[str, str], Request] = {}
    problems = []
    for raw in requests:
        request = Request(key=raw.key.strip(), code=normal_code(raw.code), qty=raw.qty)
        if not request.key:
            problems.append(f"a request for {request.code} has no key")
        if not isinstance(request.qty, int) or request.qty <= 0:
            problems.append(
                f"{request.key}: {request.code}: quantity must be positive, not {raw.qty}"
            )
        prior = seen.setdefault((request.key, request.code), request)
        if prior.qty != request.qty:
            problems.append(
                f"{request.key}: {request.code} is asked for twice ({prior.qty} and {request.qty})"
            )
    return list(seen.values()), problems


def _item_problems(wanted: list[Request], items: dict[str, LiteratureItem]) -> list[str]:
    problems = []
    for code in dict.fromkeys(r.code for r in wanted):
        item = items.get(code)
        if item is None:
            problems.append(f"no literature item {code!r}")
        elif item.kind == "supply":
            problems.append(f"{code} is a supply; supplies are used, not allocated")
        elif item.status != "active":
            problems.append(f"{code} is retired; ask for its successor")
    return problems


def _backorder_items(session: Session) -> dict[int, LiteratureItem]:
    """The items earlier batches are waiting for, with their substitutes."""
    waiting = select(Allocation.item_id).where(Allocation.status == BACKORDERED)
    query = (
        select(LiteratureItem)
        .where(LiteratureItem.id.in_(waiting))
        .options(selectinload(LiteratureItem.substitutes).selectinload(Substitute.substitute))
    )
    return {item.id: item for item in session.scalars(query)}


def _lock_set(items: Iterable[LiteratureItem]) -> set[int]:
    ids = set()
    for item in items:
        ids.add(item.id)
        ids.update(s.substitute_id for s in item.substitutes)
    return ids


def _existing(
    session: Session, wanted: list[Request], items: dict[str, LiteratureItem]
) -> dict[tuple[str, str], _Allocation]:
    """Allocations made before for these requests; read after the lock, so they are current."""
    if not wanted:
        return {}
    by_id = {item.id: code for code, item in items.items()}
    rows = session.execute(
        select(*_COLUMNS).where(
            Allocation.request_key.in_({r.key for r in wanted}),
            Allocation.item_id.in_(list(by_id)),
        )
    )
    pairs = {(r.key, r.code) for r in wanted}
    found = {(a.request_key, by_id[a.item_id]): a for a in (_Allocation(*row) for row in rows)}
    return {pair: allocation for pair, allocation in found.items() if pair in pairs}


class _Stockroom:
    """The locked stock rows as ids and free units, each item's candidates worked out once.

    Plain ints, not Stock and Substitute attributes: a batch plans tens of thousands of requests.
    """

    def __init__(self, stocks: dict[int, list[Stock]]) -> None:
        self.by_id = {row.id: row for rows in stocks.values() for row in rows}
        self.free = {row.id: ledger.available(row) for row in self.by_id.values()}
        self._rows = {item_id: [row.id for row in rows] for item_id, rows in stocks.items()}
        self._candidates: dict[int, list[int]] = {}

    def plan(self, item: LiteratureItem, qty: int) -> tuple[int, list[tuple[int, int]]] | None:
        """Units for a request from the item, else its first substitute that has them all.

        Shelf stock goes first; a packet never gets part of its copies. Takes them off `free`.
        """
        candidates = self._candidates.get(item.id)
        if candidates is None:
            candidates = [item.id] if item.status == "active" else []
            candidates += [
                s.substitute_id for s in item.substitutes if s.substitute.status == "active"
            ]
            self._candidates[item.id] = candidates
        free = self.free
        for candidate in candidates:
            rows = self._rows.get(candidate, [])
            if sum(free[row] for row in rows) < qty:
                continue
            takes, needed = [], qty
            for row in rows:
                n = min(needed, free[row])
                if n:
                    takes.append((row, n))
                    free[row] -= n
                    needed -= n
            return candidate, takes
        return None


def _write(
    session: Session,
    filled: list[tuple[_Allocation, int, list[tuple[int, int]]]],
    fresh: list[_Allocation],
    *,
    stocks: dict[int, Stock],
    at: datetime,
) -> None:
    """New allocations and their lines as bulk inserts, filled backorders as one executemany."""
    for allocation, item_id, _ in filled:
        allocation.status, allocation.filled_item_id = RESERVED, item_id
    # Filled backorders are the ones already stored; the fresh ones get their ids below.
    earlier = [
        {"allocation_id": a.id, "filled": a.filled_item_id}
        for a, _, _ in filled
        if a.id is not None
    ]
    if earlier:
        session.execute(
            update(_ALLOCATION_TABLE)
            .where(_ALLOCATION_TABLE.c.id == bindparam("allocation_id"))
            .values(status=RESERVED, filled_item_id=bindparam("filled"), updated_at=at),
            earlier,
        )
    if fresh:
        # A Core executemany, then the ids read back by the (key, item) each row is unique on:
        # RETURNING in parameter order makes SQLite insert one row per statement.
        _execute_sliced(
            session,
            insert(_ALLOCATION_TABLE),
            (
                {"request_key": a.request_key, "item_id": a.item_id, "qty": a.qty,
                 "status": a.status, "filled_item_id": a.filled_item_id,
                 "created_at": at, "updated_at": at}
                for a in fresh
            ),
        )  # fmt: skip
        ids = {
            (key, item_id): id_
            for id_, key, item_id in session.execute(
                select(Allocation.id, Allocation.request_key, Allocation.item_id).where(
                    Allocation.request_key.in_({a.request_key for a in fresh})
                )
            )
        }
        for allocation in fresh:
            allocation.id = ids[allocation.request_key, allocation.item_id]
    _execute_sliced(
        session,
        insert(_ALLOCATION_LINE_TABLE),
        (
            {"allocation_id": a.id, "stock_id": stock_id, "qty": n}
            for a, _, takes in filled
            for stock_id, n in takes
        ),
    )
    totals: dict[int, int] = defaultdict(int)
    for _, _, takes in filled:
        for stock_id, n in takes:
            totals[stock_id] += n
    for stock_id in sorted(totals):
        ledger.reserve(session, stocks[stock_id], totals[stock_id])


def _execute_sliced(
    session: Session, statement: Executable, rows: Iterable[dict[str, Any]]
) -> None:
    """Executemany a slice at a time, so a batch's parameters never sit in memory all at once."""
    remaining = iter(rows)
    while chunk := list(islice(remaining, _SLICE)):
        session.execute(statement, chunk)


def _allocations_of(
    session: Session, keys: Sequence[str], *, statuses: tuple[str, ...] | None
) -> list[_Allocation]:
    query = (
        select(*_COLUMNS)
        .where(Allocation.request_key.in_({key.strip() for key in keys}))
        .order_by(Allocation.request_key, Allocation.id)
    )
    if statuses is not None:
        query = query.where(Allocation.status.in_(statuses))
    return [_Allocation(*row) for row in session.execute(query)]


def _lines_of(session: Session, keys: Sequence[str]) -> dict[int | None, list[tuple[int, int]]]:
    """The (stock row, qty) lines of these keys' allocations, by allocation, in line order.

    Keyed like `_Allocation.id`, which is None only for an allocation not yet written.
    """
    rows = session.execute(
        select(AllocationLine.allocation_id, AllocationLine.stock_id, AllocationLine.qty)
        .join(Allocation, Allocation.id == AllocationLine.allocation_id)
        .where(Allocation.request_key.in_({key.strip() for key in keys}))
        .order_by(AllocationLine.id)
    )
    lines: dict[int | None, list[tuple[int, int]]] = defaultdict(list)
    for allocation_id, stock_id, qty in rows:
        lines[allocation_id].append((stock_id, qty))
    return lines


def _locked_allocations(
    session: Session, keys: Sequence[str]
) -> tuple[list[_Allocation], dict[int | None, list[tuple[int, int]]], dict[int, Stock]]:
    """The allocations of these keys and their lines, read again once their stock is locked."""
    locked = lock_stock(session, _pick_lock_set(session, keys))
    stocks = {row.id: row for rows in locked.values() for row in rows}
    return _allocations_of(session, keys, statuses=None), _lines_of(session, keys), stocks


def _pick_lock_set(session: Session, keys: Iterable[str]) -> set[int]:
    """The items whose stock picking or releasing these keys can touch.

    Each requested item and its substitutes, and the items the reservations hold: the rows a
    concurrent batch filling one of these backorders could touch, so the two take turns.
    """
    open_ = Allocation.status.in_((RESERVED, BACKORDERED))
    item_ids: set[int] = set()
    for some in _slices(sorted({key.strip() for key in keys})):
        keyed = Allocation.request_key.in_(some)
        requested = set(session.scalars(select(Allocation.item_id).where(keyed, open_).distinct()))
        item_ids |= requested
        item_ids.update(
            session.scalars(
                select(Substitute.substitute_id).where(Substitute.item_id.in_(requested))
            )
        )
        item_ids.update(
            session.scalars(
                select(Stock.item_id)
                .join(AllocationLine, AllocationLine.stock_id == Stock.id)
                .join(Allocation, Allocation.id == AllocationLine.allocation_id)
                .where(keyed, open_)
                .distinct()
            )
        )
    return item_ids


def _slices(keys: Sequence[str]) -> Iterator[Sequence[str]]:
    """Keys a statement's worth at a time: PostgreSQL takes at most 65,535 parameters in one."""
    for start in range(0, len(keys), _SLICE):
        yield keys[start : start + _SLICE]


def _outcomes(session: Session, allocations: Sequence[_Allocation]) -> list[Outcome]:
    ids = {a.item_id for a in allocations} | {a.filled_item_id or a.item_id for a in allocations}
    query = select(LiteratureItem.id, LiteratureItem.code).where(LiteratureItem.id.in_(ids))
    codes = {id_: code for id_, code in session.execute(query)}
    return [
        Outcome(
            key=a.request_key,
            code=codes[a.item_id],
            qty=a.qty,
            status=a.status,
            filled_code=codes[a.filled_item_id] if a.filled_item_id else None,
        )
        for a in allocations
    ]
